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
 * Runs each batch as one model step on its slot, off the task thread. Each slot has its own model, its own single
 * thread and {@code serving.max_inflight_batches_per_slot} permits.
 *
 * <p>Ordering: a session lives on one slot, and a slot's batches reach this operator in order (the batcher is
 * keyed by slot and forwards to this operator's subtask), are submitted in that order to the slot's one thread,
 * run and complete in that order; the unordered async operator emits results as they complete, so a slot's
 * results (and hence each session's) leave in order while different slots do not wait for each other.
 *
 * <p>Backpressure: {@link #asyncInvoke} takes a permit before submitting and blocks the task thread while the slot
 * has none; the permit comes back when the step finishes (on the slot's thread, so no deadlock). A saturated slot
 * thus stops the task, its input buffers fill, and the Kafka source slows down instead of work piling up in
 * memory. A blocked task also holds back other slots' results in the same subtask until a permit frees.
 *
 * <p>Failures: a failing step, a model that cannot load, or a step slower than {@code job.inference_timeout_ms}
 * completes every chunk of its batch with an error result; the job keeps running.
 *
 * <p>Metrics: {@code modelSteps}, {@code failedChunks}, and per slot ({@code slot} group) the histogram
 * {@code inferenceTimeMs} (one model step, measured on the slot's thread) and the gauge {@code batchesInFlight}
 * (batches queued or running on the slot; at {@code max_inflight_batches_per_slot} the slot backpressures).
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
    /**
     * Slot → its inference-time histogram; the map is touched by the task thread only, the histograms (which are
     * thread-safe) are updated on the slots' threads.
     */
    private transient Map<String, Histogram> inferenceTimes;
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
        inferenceTimes = new HashMap<>();
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
        Histogram inferenceTime = inferenceTimes.get(batch.slot());
        runner.permits.acquire();
        try {
            runner.executor.execute(() -> {
                try {
                    BatchResult r = runner.run(batch);
                    inferenceTime.update(r.inferenceEndMs() - r.inferenceStartMs());
                    complete(r, result);
                } finally {
                    runner.permits.release();
                }
            });
        } catch (RejectedExecutionException e) {
            runner.permits.release();
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
        steps.inc();
        long failed = r.results().stream().filter(c -> c.error() != null).count();
        if (failed > 0) {
            failedChunks.inc(failed);
        }
        result.complete(List.of(r));
    }

    private SlotRunner newRunner(String slot) {
        int maxInflight = config.serving.maxInflightBatchesPerSlot;
        SlotRunner runner = new SlotRunner(slot, maxInflight, () -> factory.create(slot, config));
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("slot", slot);
        inferenceTimes.put(slot, group.histogram("inferenceTimeMs",
                new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW)));
        group.gauge("batchesInFlight", (Gauge<Integer>) () -> maxInflight - runner.permits.availablePermits());
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
