package io.infinisst.stream.ingress;

import io.infinisst.stream.protocol.records.ControlRecord;
import java.util.ArrayList;
import java.util.List;

/** Keeps published control records in memory (its history); can be told to fail like an unreachable broker. */
final class FakeControlPublisher implements ControlPublisher {
    private final List<ControlRecord> records = new ArrayList<>();
    volatile boolean failing;
    volatile boolean historyUnreadable;

    @Override
    public synchronized void publish(ControlRecord record) {
        if (failing) {
            throw new PublishException("broker unreachable", new RuntimeException("test"));
        }
        records.add(record);
    }

    @Override
    public synchronized List<ControlRecord> history() {
        if (historyUnreadable) {
            throw new PublishException("broker unreachable", new RuntimeException("test"));
        }
        return new ArrayList<>(records);
    }

    synchronized List<ControlRecord> records() {
        return new ArrayList<>(records);
    }
}
