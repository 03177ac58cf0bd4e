package io.infinisst.stream.job.functions;

import io.infinisst.stream.job.records.ChunkBatch;
import io.infinisst.stream.job.records.ChunkRequest;
import io.infinisst.stream.job.records.PendingChunk;
import io.infinisst.stream.protocol.config.SstConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Groups the chunks of one slot (keyed by slot) into batches for one model step each. A batch takes the oldest
 * pending chunk of each distinct session, in arrival order, up to {@code serving.max_batch_size}: a step advances
 * a session by exactly one chunk, so two chunks of one session never share a batch, and since a session's chunks
 * arrive in chunk order they also leave in it.
 *
 * <p>A batch leaves as soon as it is full, or once the oldest pending chunk has waited
 * {@code serving.batch_timeout_ms} (0: at once). Waiting trades a little latency for fewer, larger steps, which
 * is what makes an accelerator pay off. With {@code serving.enable_dynamic_batching} off every chunk is a batch of
 * its own and nothing is kept.
 */
public class MicroBatcher extends KeyedProcessFunction<String, ChunkRequest, ChunkBatch> {
    private static final long serialVersionUID = 1L;

    private final int maxBatchSize;
    private final long batchTimeoutMs;
    private final boolean dynamic;

    private transient ListState<PendingChunk> pending;
    private transient ValueState<Long> timerAt;
    private transient Counter batches;
    private transient Counter chunks;

    public MicroBatcher(SstConfig config) {
        this(config.serving.maxBatchSize, config.serving.batchTimeoutMs, config.serving.enableDynamicBatching);
    }

    public MicroBatcher(int maxBatchSize, long batchTimeoutMs, boolean enableDynamicBatching) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("serving.max_batch_size must be >= 1, got " + maxBatchSize);
        }
        if (batchTimeoutMs < 0) {
            throw new IllegalArgumentException("serving.batch_timeout_ms must be >= 0, got " + batchTimeoutMs);
        }
        this.maxBatchSize = maxBatchSize;
        this.batchTimeoutMs = batchTimeoutMs;
        this.dynamic = enableDynamicBatching;
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getListState(new ListStateDescriptor<>("pending", PendingChunk.class));
        timerAt = getRuntimeContext().getState(new ValueStateDescriptor<>("timerAt", Types.LONG));
        batches = getRuntimeContext().getMetricGroup().counter("batchesFormed");
        chunks = getRuntimeContext().getMetricGroup().counter("chunksBatched");
    }

    @Override
    public void processElement(ChunkRequest chunk, Context ctx, Collector<ChunkBatch> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        Objects.requireNonNull(chunk.slot(), "chunk reached the batcher without a slot");
        if (!dynamic) {
            emit(ctx.getCurrentKey(), List.of(chunk), now, out);
            return;
        }
        List<PendingChunk> queue = load();
        queue.add(new PendingChunk(now, chunk));
        if (batchTimeoutMs == 0) {
            while (!queue.isEmpty()) {
                emit(ctx.getCurrentKey(), take(queue), now, out);
            }
        } else {
            while (distinctSessions(queue) >= maxBatchSize) {
                emit(ctx.getCurrentKey(), take(queue), now, out);
            }
        }
        store(queue, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ChunkBatch> out) throws Exception {
        timerAt.clear();
        List<PendingChunk> queue = load();
        // Chunks left behind by an earlier batch (a second chunk of a session) may have waited long enough too.
        while (!queue.isEmpty() && queue.get(0).arrivedMs() + batchTimeoutMs <= timestamp) {
            emit(ctx.getCurrentKey(), take(queue), timestamp, out);
        }
        store(queue, ctx);
    }

    /** Removes and returns the next batch: the oldest chunk of each distinct session, in arrival order. */
    private List<ChunkRequest> take(List<PendingChunk> queue) {
        List<ChunkRequest> batch = new ArrayList<>(Math.min(maxBatchSize, queue.size()));
        Set<String> sessions = new HashSet<>();
        var it = queue.iterator();
        while (it.hasNext() && batch.size() < maxBatchSize) {
            ChunkRequest c = it.next().chunk();
            if (sessions.add(c.sessionId())) {
                batch.add(c);
                it.remove();
            }
        }
        return batch;
    }

    private static int distinctSessions(List<PendingChunk> queue) {
        Set<String> sessions = new HashSet<>();
        for (PendingChunk p : queue) {
            sessions.add(p.chunk().sessionId());
        }
        return sessions.size();
    }

    private List<PendingChunk> load() throws Exception {
        List<PendingChunk> queue = new ArrayList<>();
        Iterable<PendingChunk> stored = pending.get();
        if (stored != null) {
            stored.forEach(queue::add);
        }
        return queue;
    }

    /** Saves what is still pending and keeps exactly one timer, due when the oldest chunk has waited enough. */
    private void store(List<PendingChunk> queue, Context ctx) throws Exception {
        Long armed = timerAt.value();
        if (queue.isEmpty()) {
            pending.clear();
            if (armed != null) {
                ctx.timerService().deleteProcessingTimeTimer(armed);
                timerAt.clear();
            }
            return;
        }
        pending.update(queue);
        long due = queue.get(0).arrivedMs() + batchTimeoutMs;
        if (armed == null || armed != due) {
            if (armed != null) {
                ctx.timerService().deleteProcessingTimeTimer(armed);
            }
            ctx.timerService().registerProcessingTimeTimer(due);
            timerAt.update(due);
        }
    }

    private void emit(String slot, List<ChunkRequest> batch, long now, Collector<ChunkBatch> out) {
        batches.inc();
        chunks.inc(batch.size());
        out.collect(new ChunkBatch(slot, batch, now));
    }
}
