package io.infinisst.stream.job.functions;

import io.infinisst.stream.job.records.ChunkBatch;
import io.infinisst.stream.job.records.ChunkRequest;
import io.infinisst.stream.job.records.PendingChunk;
import io.infinisst.stream.job.records.ServingSettings;
import io.infinisst.stream.protocol.config.ConfigLoader;
import io.infinisst.stream.protocol.config.SstConfig;
import io.infinisst.stream.protocol.records.ControlRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups the chunks of one slot (keyed by slot) into batches for one model step each. A batch takes the oldest
 * pending chunk of each distinct session, in arrival order, up to {@code max_batch_size}: a step advances a session
 * by exactly one chunk, so two chunks of one session never share a batch, and since a session's chunks arrive in
 * chunk order they also leave in it.
 *
 * <p>A batch leaves as soon as one of these holds:
 * <ul>
 *   <li>it is full: {@code max_batch_size} distinct sessions wait;
 *   <li>its oldest chunk has waited {@code batch_timeout_ms} (0: at once);
 *   <li>every active session of the slot has a chunk waiting: no later arrival could join the batch, so waiting
 *       would only add latency. Active = sent a chunk to this slot and not yet its last one. A session that has
 *       sent nothing for {@code serving.session_idle_timeout_s} no longer counts (the session assembler reaps it
 *       and sends its final chunk, but a silent session must not hold batches back until then).
 * </ul>
 * With {@code enable_dynamic_batching} off every chunk is a batch of its own.
 *
 * <p>The settings are the configuration file's until a control record on the broadcast input changes them. A new
 * arrival is batched with the new settings at once; chunks already waiting are re-examined by a timer that fires
 * at least every {@link #SETTINGS_RECHECK_MS} while any wait, so a change reaches them within a second even when
 * the old timeout was long.
 *
 * <p>Metrics: {@code batchesFormed}, {@code chunksBatched}, one counter per dispatch reason ({@code batchesFull},
 * {@code batchesTimedOut}, {@code batchesAllSessionsWaiting}, {@code batchesOfOne}), and per slot ({@code slot}
 * group) the histograms {@code batchSize} and {@code queueWaitMs} (how long the batch's oldest chunk waited here)
 * and the counter {@code batchesFormed}.
 */
public class MicroBatcher extends KeyedBroadcastProcessFunction<String, ChunkRequest, ControlRecord, ChunkBatch> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MicroBatcher.class);

    /** Longest gap between looks at waiting chunks, so changed settings reach them within a second. */
    static final long SETTINGS_RECHECK_MS = 500;

    /** Samples the per-slot histograms keep: at 10 batches a second, the last minute and a half or so. */
    private static final int HISTOGRAM_WINDOW = 1_000;

    private final ServingSettings initial;
    private final long sessionIdleMs;
    private final MapStateDescriptor<String, ServingSettings> settingsDescriptor = ServingSettings.descriptor();

    private transient ListState<PendingChunk> pending;
    private transient ValueState<Long> timerAt;
    /** Session → processing time of its latest chunk, for the slot's sessions that have not sent their last. */
    private transient MapState<String, Long> active;

    private transient Map<String, SlotMetrics> slotMetrics;
    private transient Counter batches;
    private transient Counter chunks;
    private transient Counter full;
    private transient Counter timedOut;
    private transient Counter allWaiting;
    private transient Counter ofOne;

    /** A slot's metrics; registered when the slot's first batch leaves this subtask. */
    private record SlotMetrics(Histogram batchSize, Histogram queueWaitMs, Counter batches) {}

    /** @throws IllegalArgumentException when the file's batching settings are out of range, naming key and value */
    public MicroBatcher(SstConfig config) {
        this.initial = ServingSettings.of(Objects.requireNonNull(config, "config"));
        List<String> problems = new ArrayList<>();
        ConfigLoader.validateBatching(problems, initial.maxBatchSize(), initial.batchTimeoutMs(), null);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        this.sessionIdleMs = config.serving.sessionIdleTimeoutS * 1_000;
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getListState(new ListStateDescriptor<>("pending", PendingChunk.class));
        timerAt = getRuntimeContext().getState(new ValueStateDescriptor<>("timerAt", Types.LONG));
        active = getRuntimeContext().getMapState(new MapStateDescriptor<>("active", Types.STRING, Types.LONG));
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        batches = metrics.counter("batchesFormed");
        chunks = metrics.counter("chunksBatched");
        full = metrics.counter("batchesFull");
        timedOut = metrics.counter("batchesTimedOut");
        allWaiting = metrics.counter("batchesAllSessionsWaiting");
        ofOne = metrics.counter("batchesOfOne");
        slotMetrics = new HashMap<>();
    }

    @Override
    public void processElement(ChunkRequest chunk, ReadOnlyContext ctx, Collector<ChunkBatch> out) throws Exception {
        Objects.requireNonNull(chunk.slot(), "chunk reached the batcher without a slot");
        long now = ctx.timerService().currentProcessingTime();
        ServingSettings settings = ServingSettings.current(ctx.getBroadcastState(settingsDescriptor), initial);
        if (chunk.last()) {
            active.remove(chunk.sessionId());
        } else {
            active.put(chunk.sessionId(), now);
        }
        List<PendingChunk> queue = load();
        queue.add(new PendingChunk(now, chunk));
        dispatch(ctx.getCurrentKey(), queue, settings, now, out);
        store(queue, settings, now, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ChunkBatch> out) throws Exception {
        timerAt.clear();
        long now = ctx.timerService().currentProcessingTime();
        ServingSettings settings = ServingSettings.current(ctx.getBroadcastState(settingsDescriptor), initial);
        List<PendingChunk> queue = load();
        dispatch(ctx.getCurrentKey(), queue, settings, now, out);
        store(queue, settings, now, ctx.timerService());
    }

    @Override
    public void processBroadcastElement(ControlRecord r, Context ctx, Collector<ChunkBatch> out) throws Exception {
        ServingSettings next = ServingSettings.update(ctx.getBroadcastState(settingsDescriptor), initial, r);
        if (next == null) {
            LOG.info("control record version {} is older than the settings in force; ignored", r.version());
        } else {
            LOG.info("batching now: max_batch_size {}, batch_timeout_ms {}, enable_dynamic_batching {} (version {})",
                    next.maxBatchSize(), next.batchTimeoutMs(), next.enableDynamicBatching(), next.version());
        }
    }

    /** Sends every batch that is ready under {@code settings}, oldest first. */
    private void dispatch(String slot, List<PendingChunk> queue, ServingSettings settings, long now,
            Collector<ChunkBatch> out) throws Exception {
        while (!queue.isEmpty()) {
            Counter reason = readyBecause(queue, settings, now);
            if (reason == null) {
                return;
            }
            reason.inc();
            int size = settings.enableDynamicBatching() ? settings.maxBatchSize() : 1;
            emit(slot, take(queue, size), size, now, out);
        }
    }

    /** Why the next batch may leave now (the counter to count it in), or null when it should wait. */
    private Counter readyBecause(List<PendingChunk> queue, ServingSettings settings, long now) throws Exception {
        if (!settings.enableDynamicBatching()) {
            return ofOne;
        }
        if (distinctSessions(queue).size() >= settings.maxBatchSize()) {
            return full;
        }
        if (now - queue.get(0).arrivedMs() >= settings.batchTimeoutMs()) {
            return timedOut;
        }
        if (everyActiveSessionWaiting(queue, now)) {
            return allWaiting;
        }
        return null;
    }

    /**
     * Whether no active session of the slot is missing from the queue. Sessions silent for longer than the idle
     * timeout are dropped from the active set on the way: they would otherwise hold every batch to the timeout.
     */
    private boolean everyActiveSessionWaiting(List<PendingChunk> queue, long now) throws Exception {
        Set<String> waiting = distinctSessions(queue);
        List<String> silent = new ArrayList<>();
        boolean all = true;
        for (Map.Entry<String, Long> e : active.entries()) {
            if (now - e.getValue() > sessionIdleMs) {
                silent.add(e.getKey());
            } else if (!waiting.contains(e.getKey())) {
                all = false;
                break;
            }
        }
        for (String s : silent) {
            active.remove(s);
        }
        return all;
    }

    /** Removes and returns the next batch: the oldest chunk of each distinct session, in arrival order. */
    private static List<PendingChunk> take(List<PendingChunk> queue, int maxBatchSize) {
        List<PendingChunk> batch = new ArrayList<>(Math.min(maxBatchSize, queue.size()));
        Set<String> sessions = new HashSet<>();
        var it = queue.iterator();
        while (it.hasNext() && batch.size() < maxBatchSize) {
            PendingChunk p = it.next();
            if (sessions.add(p.chunk().sessionId())) {
                batch.add(p);
                it.remove();
            }
        }
        return batch;
    }

    private static Set<String> distinctSessions(List<PendingChunk> queue) {
        Set<String> sessions = new HashSet<>();
        for (PendingChunk p : queue) {
            sessions.add(p.chunk().sessionId());
        }
        return sessions;
    }

    private List<PendingChunk> load() throws Exception {
        List<PendingChunk> queue = new ArrayList<>();
        Iterable<PendingChunk> stored = pending.get();
        if (stored != null) {
            stored.forEach(queue::add);
        }
        return queue;
    }

    /**
     * Saves what is still pending and keeps exactly one timer: when the oldest chunk will have waited the timeout,
     * or sooner for a re-check when that is further off than {@link #SETTINGS_RECHECK_MS}.
     */
    private void store(List<PendingChunk> queue, ServingSettings settings, long now, TimerService timers)
            throws Exception {
        Long armed = timerAt.value();
        if (queue.isEmpty()) {
            pending.clear();
            if (armed != null) {
                timers.deleteProcessingTimeTimer(armed);
                timerAt.clear();
            }
            return;
        }
        pending.update(queue);
        long due = queue.get(0).arrivedMs() + settings.batchTimeoutMs();
        long at;
        if (due <= now + SETTINGS_RECHECK_MS) {
            at = due;
        } else if (armed != null && armed > now && armed <= due) {
            at = armed; // a re-check is already coming, soon enough
        } else {
            at = now + SETTINGS_RECHECK_MS;
        }
        if (armed == null || armed != at) {
            if (armed != null) {
                timers.deleteProcessingTimeTimer(armed);
            }
            timers.registerProcessingTimeTimer(at);
            timerAt.update(at);
        }
    }

    private void emit(String slot, List<PendingChunk> batch, int maxStepSize, long now, Collector<ChunkBatch> out) {
        List<ChunkRequest> taken = new ArrayList<>(batch.size());
        batch.forEach(p -> taken.add(p.chunk()));
        SlotMetrics m = slotMetrics.computeIfAbsent(slot, this::registerSlot);
        m.batchSize.update(taken.size());
        // The batch's first chunk is the queue's oldest: its wait is the longest any chunk of the batch had here.
        m.queueWaitMs.update(now - batch.get(0).arrivedMs());
        m.batches.inc();
        batches.inc();
        chunks.inc(taken.size());
        out.collect(new ChunkBatch(slot, taken, now, maxStepSize));
    }

    private SlotMetrics registerSlot(String slot) {
        MetricGroup g = getRuntimeContext().getMetricGroup().addGroup("slot", slot);
        return new SlotMetrics(
                g.histogram("batchSize", new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW)),
                g.histogram("queueWaitMs", new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW)),
                g.counter("batchesFormed"));
    }
}
