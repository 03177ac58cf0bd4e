package io.infinisst.stream.job;

import io.infinisst.stream.protocol.records.SessionRequest;
import io.infinisst.stream.protocol.records.SessionRequestSerde;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * An unbounded source that replays a fixed list of requests, in order, from one reader, then stays open like a
 * Kafka topic with no new records. Unbounded on purpose: a finished source would end the job before the
 * processing-time timers (batch timeout) of the operators downstream fire.
 */
public final class ReplaySource implements Source<SessionRequest, ReplaySource.Position, Boolean> {
    private static final long serialVersionUID = 1L;

    /** Serde bytes: SessionRequest itself is not Serializable. */
    private final List<byte[]> records = new ArrayList<>();

    public ReplaySource(List<SessionRequest> requests) {
        requests.forEach(r -> records.add(SessionRequestSerde.serialize(r)));
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<Position, Boolean> createEnumerator(SplitEnumeratorContext<Position> context) {
        return new Enumerator(context, false);
    }

    @Override
    public SplitEnumerator<Position, Boolean> restoreEnumerator(SplitEnumeratorContext<Position> context,
            Boolean assigned) {
        return new Enumerator(context, assigned);
    }

    @Override
    public SourceReader<SessionRequest, Position> createReader(SourceReaderContext context) {
        return new Reader();
    }

    @Override
    public SimpleVersionedSerializer<Position> getSplitSerializer() {
        return new IntSerializer<>(p -> p.next, Position::new);
    }

    @Override
    public SimpleVersionedSerializer<Boolean> getEnumeratorCheckpointSerializer() {
        return new IntSerializer<>(b -> b ? 1 : 0, i -> i == 1);
    }

    /** The single split: how far the replay has got. */
    public static final class Position implements SourceSplit {
        final int next;

        Position(int next) {
            this.next = next;
        }

        @Override
        public String splitId() {
            return "replay";
        }
    }

    /** Gives the one split to reader 0. */
    private static final class Enumerator implements SplitEnumerator<Position, Boolean> {
        private final SplitEnumeratorContext<Position> context;
        private boolean assigned;

        Enumerator(SplitEnumeratorContext<Position> context, boolean assigned) {
            this.context = context;
            this.assigned = assigned;
        }

        @Override
        public void start() {}

        @Override
        public void handleSplitRequest(int subtask, String host) {}

        @Override
        public void addSplitsBack(List<Position> splits, int subtask) {
            splits.forEach(s -> context.assignSplit(s, subtask));
        }

        @Override
        public void addReader(int subtask) {
            if (!assigned && subtask == 0) {
                context.assignSplit(new Position(0), 0);
                assigned = true;
            }
        }

        @Override
        public Boolean snapshotState(long checkpointId) {
            return assigned;
        }

        @Override
        public void close() {}
    }

    /** Emits the records after its split's position; afterwards waits forever (until cancelled). */
    private final class Reader implements SourceReader<SessionRequest, Position> {
        private int next = -1;
        private CompletableFuture<Void> available = new CompletableFuture<>();

        @Override
        public void start() {}

        @Override
        public InputStatus pollNext(ReaderOutput<SessionRequest> output) {
            if (next < 0 || next >= records.size()) {
                return InputStatus.NOTHING_AVAILABLE;
            }
            output.collect(SessionRequestSerde.deserialize(records.get(next++)));
            if (next < records.size()) {
                return InputStatus.MORE_AVAILABLE;
            }
            available = new CompletableFuture<>();
            return InputStatus.NOTHING_AVAILABLE;
        }

        @Override
        public List<Position> snapshotState(long checkpointId) {
            return next < 0 ? List.of() : List.of(new Position(next));
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return available;
        }

        @Override
        public void addSplits(List<Position> splits) {
            next = splits.get(0).next;
            available.complete(null);
        }

        @Override
        public void notifyNoMoreSplits() {}

        @Override
        public void close() {}
    }

    /** Writes a split or checkpoint as one int. */
    private static final class IntSerializer<T> implements SimpleVersionedSerializer<T> {
        private final java.util.function.ToIntFunction<T> toInt;
        private final java.util.function.IntFunction<T> fromInt;

        IntSerializer(java.util.function.ToIntFunction<T> toInt, java.util.function.IntFunction<T> fromInt) {
            this.toInt = toInt;
            this.fromInt = fromInt;
        }

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(T value) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            new DataOutputStream(bytes).writeInt(toInt.applyAsInt(value));
            return bytes.toByteArray();
        }

        @Override
        public T deserialize(int version, byte[] serialized) throws IOException {
            return fromInt.apply(new DataInputStream(new ByteArrayInputStream(serialized)).readInt());
        }
    }
}
