package io.infinisst.stream.ingress;

import io.infinisst.stream.protocol.records.RequestType;
import io.infinisst.stream.protocol.records.SessionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Keeps published records in memory; can be told to fail like an unreachable broker. */
final class FakePublisher implements RequestPublisher {
    private final List<SessionRequest> records = new ArrayList<>();
    private long failed;
    volatile boolean failing;

    @Override
    public synchronized void send(SessionRequest request) {
        if (failing) {
            failed++;
            throw new PublishException("broker unreachable", new RuntimeException("test"));
        }
        records.add(request);
    }

    @Override
    public synchronized long sent() {
        return records.size();
    }

    @Override
    public synchronized long failed() {
        return failed;
    }

    synchronized List<SessionRequest> records(String sessionId) {
        return records.stream().filter(r -> r.sessionId().equals(sessionId)).toList();
    }

    synchronized List<SessionRequest> all() {
        return new ArrayList<>(records);
    }

    /** Waits (10 s at most) until the session has {@code n} records of {@code type}, and returns them. */
    List<SessionRequest> awaitRecords(String sessionId, RequestType type, int n) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> records(sessionId).stream().filter(r -> r.type() == type).count() >= n);
        return records(sessionId).stream().filter(r -> r.type() == type).toList();
    }
}
