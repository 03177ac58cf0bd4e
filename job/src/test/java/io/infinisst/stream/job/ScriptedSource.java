package io.infinisst.stream.job;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
import org.apache.flink.util.function.SerializableFunction;

/**
 * An unbounded test source whose reader 0 plays a script: emit records, wait for a file, create a file, wait for
 * checkpoints. Files are how a test running a job on a MiniCluster in the same JVM steps it along without static
 * state; checkpoints are how it knows that records emitted by another source have been processed everywhere
 * (with aligned checkpoints, an operator snapshots checkpoint n only after every record before barrier n).
 *
 * <p>Not restorable: after a failover the script starts over. The tests that use it do not fail over.
 *
 * @param <T> the records it emits, carried as bytes (the protocol's records are not Serializable)
 */
public final class ScriptedSource<T> implements Source<T, ScriptedSource.NoSplit, Boolean> {
    private static final long serialVersionUID = 1L;
    private static final long POLL_MS = 10;

    private final List<Step> steps;
    private final SerializableFunction<byte[], T> decode;

    public ScriptedSource(SerializableFunction<byte[], T> decode, List<Step> steps) {
        this.decode = decode;
        this.steps = List.copyOf(steps);
    }

    /** One step of the script. */
    public sealed interface Step extends Serializable permits Emit, AwaitFile, CreateFile, AwaitCheckpoints {}

    /** Emits the records, in order. */
    public record Emit(List<byte[]> records) implements Step {}

    /** Waits until the file exists. */
    public record AwaitFile(String path) implements Step {}

    /** Creates the file. */
    public record CreateFile(String path) implements Step {}

    /**
     * Waits until the checkpoint after the first one taken during this step has completed: every record any source
     * emitted before this step began has then been processed by every operator.
     */
    public record AwaitCheckpoints() implements Step {}

    public static Step emit(List<byte[]> records) {
        return new Emit(new ArrayList<>(records));
    }

    public static Step awaitFile(Path file) {
        return new AwaitFile(file.toString());
    }

    public static Step createFile(Path file) {
        return new CreateFile(file.toString());
    }

    public static Step awaitCheckpoints() {
        return new AwaitCheckpoints();
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<NoSplit, Boolean> createEnumerator(SplitEnumeratorContext<NoSplit> context) {
        return new Enumerator();
    }

    @Override
    public SplitEnumerator<NoSplit, Boolean> restoreEnumerator(SplitEnumeratorContext<NoSplit> context,
            Boolean checkpoint) {
        return new Enumerator();
    }

    @Override
    public SourceReader<T, NoSplit> createReader(SourceReaderContext context) {
        return new Reader(context.getIndexOfSubtask() == 0);
    }

    @Override
    public SimpleVersionedSerializer<NoSplit> getSplitSerializer() {
        return new Empty<>(new NoSplit());
    }

    @Override
    public SimpleVersionedSerializer<Boolean> getEnumeratorCheckpointSerializer() {
        return new Empty<>(Boolean.TRUE);
    }

    /** The reader needs no split: reader 0 plays the script, the others emit nothing. */
    public static final class NoSplit implements SourceSplit {
        @Override
        public String splitId() {
            return "script";
        }
    }

    private static final class Enumerator implements SplitEnumerator<NoSplit, Boolean> {
        @Override
        public void start() {}

        @Override
        public void handleSplitRequest(int subtask, String host) {}

        @Override
        public void addSplitsBack(List<NoSplit> splits, int subtask) {}

        @Override
        public void addReader(int subtask) {}

        @Override
        public Boolean snapshotState(long checkpointId) {
            return Boolean.TRUE;
        }

        @Override
        public void close() {}
    }

    /** Plays the steps on the task thread (pollNext, snapshotState and notifyCheckpointComplete all run there). */
    private final class Reader implements SourceReader<T, NoSplit> {
        private final boolean plays;
        private int step;
        private int emitted;
        private long firstCheckpointOfStep = -1;
        private long lastCompletedCheckpoint = -1;

        Reader(boolean plays) {
            this.plays = plays;
        }

        @Override
        public void start() {}

        @Override
        public InputStatus pollNext(ReaderOutput<T> output) {
            while (plays && step < steps.size()) {
                Step s = steps.get(step);
                if (s instanceof Emit e) {
                    if (emitted < e.records().size()) {
                        output.collect(decode.apply(e.records().get(emitted++)));
                        return InputStatus.MORE_AVAILABLE;
                    }
                } else if (s instanceof AwaitFile f) {
                    if (!Files.exists(Path.of(f.path()))) {
                        return InputStatus.NOTHING_AVAILABLE;
                    }
                } else if (s instanceof CreateFile f) {
                    try {
                        Files.createFile(Path.of(f.path()));
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                } else if (s instanceof AwaitCheckpoints) {
                    if (firstCheckpointOfStep < 0 || lastCompletedCheckpoint < firstCheckpointOfStep + 1) {
                        return InputStatus.NOTHING_AVAILABLE;
                    }
                }
                step++;
                emitted = 0;
                firstCheckpointOfStep = -1;
            }
            return InputStatus.NOTHING_AVAILABLE;
        }

        @Override
        public List<NoSplit> snapshotState(long checkpointId) {
            if (plays && step < steps.size() && steps.get(step) instanceof AwaitCheckpoints
                    && firstCheckpointOfStep < 0) {
                firstCheckpointOfStep = checkpointId;
            }
            return List.of();
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            lastCompletedCheckpoint = Math.max(lastCompletedCheckpoint, checkpointId);
        }

        /** A waiting step is polled again shortly; a finished script, or a reader without one, waits for good. */
        @Override
        public CompletableFuture<Void> isAvailable() {
            if (!plays || step >= steps.size()) {
                return new CompletableFuture<>();
            }
            return CompletableFuture.runAsync(() -> { },
                    CompletableFuture.delayedExecutor(POLL_MS, TimeUnit.MILLISECONDS));
        }

        @Override
        public void addSplits(List<NoSplit> splits) {}

        @Override
        public void notifyNoMoreSplits() {}

        @Override
        public void close() {}
    }

    /** Serializes nothing: the split and the enumerator carry no state. */
    private static final class Empty<V> implements SimpleVersionedSerializer<V> {
        private final V value;

        Empty(V value) {
            this.value = value;
        }

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(V v) {
            return new byte[0];
        }

        @Override
        public V deserialize(int version, byte[] serialized) {
            return value;
        }
    }
}
