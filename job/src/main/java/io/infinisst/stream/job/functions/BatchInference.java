package io.infinisst.stream.job.functions;

import io.infinisst.stream.job.records.BatchResult;
import io.infinisst.stream.job.records.ChunkBatch;
import io.infinisst.stream.protocol.config.SstConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Runs batches as model steps on their slot, off the task thread. Each slot ({@link SlotRunner}) has its own
 * model and single thread; a batch that reaches an idle slot runs at once, and batches that queue behind a busy
 * slot are merged into one step when it frees (work-conserving dispatch: see {@link SlotRunner}).
 *
 * <p>Ordering: a session lives on one slot, and a slot's batches reach this operator in order (the batcher is
 * keyed by slot and forwards to this operator's subtask), are queued in that order on the slot, run and complete
 * in that order; the unordered async operator emits results as they complete, so a slot's results (and hence each
 * session's) leave in order while different slots do not wait for each other.
 *
 * <p>Backpressure: {@link #asyncInvoke} blocks the task thread while the slot already has
 * {@code serving.max_inflight_batches_per_slot} batches' worth of chunks ({@code × max_batch_size}) queued behind
 * its running step. A saturated slot thus stops the task, its input buffers fill, and the Kafka source slows down
 * instead of work piling up in memory. A blocked task also holds back other slots' results in the same subtask
 * until room frees.
 *
 * <p>Failures: a failing step, a model that cannot load, or a step slower than {@code job.inference_timeout_ms}
 * completes every chunk of its batch with an error result; the job keeps running.
 *
 * <p>Metrics: {@code modelSteps}, {@code failedChunks}, and per slot ({@code slot} group) the histograms
 * {@code inferenceTimeMs} (one model step, measured on the slot's thread) and {@code stepSize} (chunks per model
 * step, after merging), and the gauges {@code batchesInFlight} (batches queued or running on the slot) and
 * {@code queuedChunks} (chunks waiting behind the running step).
 */
public class BatchInference extends RichAsyncFunction<ChunkBatch, BatchResult> {
    private static final long serialVersionUID = 1L;

    /** How long close() waits for queued steps before interrupting them. */
    private static final long SHUTDOWN_WAIT_MS = 10_000;

    /** Samples the per-slot inference-time histogram keeps. */
    private static final int HISTOGRAM_WINDOW = 1_000;

    private final SstConfig config;
    private final TranslatorFactory factory;

    /** Touched only by the task thread (asyncInvoke, timeout, open, close). */
    private transient Map<String, SlotRunner> runners;
    private transient Counter failedChunks;
    private transient Counter steps;

    public BatchInference(SstConfig config, TranslatorFactory factory) {
        this.config = Objects.requireNonNull(config, "config");
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    public BatchInference(SstConfig config) {
        this(config, TranslatorFactory.fromConfig());
    }

    @Override
    public void open(OpenContext openContext) {
        runners = new HashMap<>();
        // Incremented from the slots' threads, hence the thread-safe counters.
        failedChunks = getRuntimeContext().getMetricGroup().counter("failedChunks", new ThreadSafeSimpleCounter());
        steps = getRuntimeContext().getMetricGroup().counter("modelSteps", new ThreadSafeSimpleCounter());
        TaskInfo task = getRuntimeContext().getTaskInfo();
        for (String slot : config.serving.gpuLanguageMap.keySet()) {
            // The batcher is keyed by slot and forwards here, so this subtask serves exactly the slots whose key
            // group it owns: load those models before the first chunk arrives.
            if (KeyGroupRangeAssignment.assignKeyToParallelOperator(slot, task.getMaxNumberOfParallelSubtasks(),
                    task.getNumberOfParallelSubtasks()) == task.getIndexOfThisSubtask()) {
                runners.computeIfAbsent(slot, this::newRunner).preload();
            }
        }
    }

    @Override
    public void asyncInvoke(ChunkBatch batch, ResultFuture<BatchResult> result) throws Exception {
        SlotRunner runner = runners.computeIfAbsent(batch.slot(), this::newRunner);
        try {
            runner.submit(batch, r -> complete(r, result));
        } catch (RejectedExecutionException e) {
            long now = System.currentTimeMillis();
            complete(BatchResult.failed(batch, "slot " + batch.slot() + " is shutting down", now, now), result);
        }
    }

    @Override
    public void timeout(ChunkBatch batch, ResultFuture<BatchResult> result) {
        // The step may still run and finish later; the async operator ignores a second completion.
        long now = System.currentTimeMillis();
        complete(BatchResult.failed(batch, "model step on slot " + batch.slot() + " took longer than "
                + config.job.inferenceTimeoutMs + " ms", batch.formedAtMs(), now), result);
    }

    private void complete(BatchResult r, ResultFuture<BatchResult> result) {
        long failed = r.results().stream().filter(c -> c.error() != null).count();
        if (failed > 0) {
            failedChunks.inc(failed);
        }
        result.complete(List.of(r));
    }

    private SlotRunner newRunner(String slot) {
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("slot", slot);
        Histogram inferenceTime = group.histogram("inferenceTimeMs", new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        Histogram stepSize = group.histogram("stepSize", new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        // Called on the slot's thread once per model step, however many batches it merged.
        SlotRunner runner = new SlotRunner(slot, config.serving.maxInflightBatchesPerSlot,
                () -> factory.create(slot, config), (size, ms) -> {
                    steps.inc();
                    stepSize.update(size);
                    inferenceTime.update(ms);
                });
        group.gauge("batchesInFlight", (Gauge<Integer>) runner::batchesInFlight);
        group.gauge("queuedChunks", (Gauge<Integer>) runner::queuedChunks);
        return runner;
    }

    @Override
    public void close() throws Exception {
        if (runners != null) {
            runners.values().forEach(r -> r.shutdown(SHUTDOWN_WAIT_MS));
            runners.clear();
        }
        super.close();
    }
}
