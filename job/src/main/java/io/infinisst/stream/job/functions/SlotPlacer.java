package io.infinisst.stream.job.functions;

import io.infinisst.stream.job.records.ChunkRequest;
import io.infinisst.stream.job.records.ServingSettings;
import io.infinisst.stream.job.records.SlotLoad;
import io.infinisst.stream.protocol.config.SstConfig;
import io.infinisst.stream.protocol.records.ControlRecord;
import io.infinisst.stream.protocol.records.TranslationEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places each session on one of its language pair's slots when its first chunk arrives (keyed by language pair, so
 * one instance sees every session of the pair and can balance them) and stamps that slot on every chunk until the
 * session's last one.
 *
 * <p>The {@link PlacementStrategy} is the one {@code serving.load_balance_strategy} names; a control record on the
 * broadcast input can name another while the job runs, which then places the sessions that start from then on.
 * Strategies choose among the slots below {@code serving.max_sessions_per_slot}. The ingress queues sessions beyond
 * the pair's capacity, but its view can be stale (sessions ending, a restart); if every slot is full anyway, the
 * session goes to the least loaded one and {@code overCapacity} counts it, rather than being refused a translation.
 *
 * <p>A chunk whose pair no slot serves cannot be translated. Rather than dropping it silently, it leaves on the
 * {@link #UNPLACED} side output as an error {@link TranslationEvent}, so the client learns why it hears nothing;
 * the job unions that output into its sink. It is counted, and logged once per session (on its first chunk).
 *
 * <p>Metrics: {@code sessionsPlaced}, {@code overCapacity}, {@code unplacedChunks}, {@code placementErrors}, and per
 * slot ({@code slot} group) the gauge {@code sessions}.
 */
public class SlotPlacer extends KeyedBroadcastProcessFunction<String, ChunkRequest, ControlRecord, ChunkRequest> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SlotPlacer.class);

    /** Error events for chunks of a language pair that no slot serves. */
    public static final OutputTag<TranslationEvent> UNPLACED =
            new OutputTag<>("unplaced-chunks", TypeInformation.of(TranslationEvent.class));

    private final SstConfig config;
    private final ServingSettings initial;
    private final MapStateDescriptor<String, ServingSettings> settingsDescriptor = ServingSettings.descriptor();

    /** Session → slot, for the pair's sessions that have sent a chunk and not yet their last. */
    private transient MapState<String, String> placements;
    /** Slot → its load; only slots with sessions have an entry. */
    private transient MapState<String, SlotLoad> loads;
    private transient ValueState<Long> turn;

    /** The strategy for {@link #strategyName}, created on first use and again when the name changes. */
    private transient PlacementStrategy strategy;
    private transient String strategyName;
    /**
     * Sessions per slot for the {@code sessions} gauges: the metric reporter reads them from its own thread, where
     * keyed state cannot be read, so every change to a slot's load is mirrored here.
     */
    private transient Map<String, Integer> sessionsBySlot;
    private transient Counter unplaced;
    private transient Counter placed;
    private transient Counter overCapacity;
    private transient Counter placementErrors;

    public SlotPlacer(SstConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.initial = ServingSettings.of(config);
    }

    @Override
    public void open(OpenContext openContext) {
        placements = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("placements", Types.STRING, Types.STRING));
        loads = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("loads", Types.STRING, TypeInformation.of(SlotLoad.class)));
        turn = getRuntimeContext().getState(new ValueStateDescriptor<>("turn", Types.LONG));
        var metrics = getRuntimeContext().getMetricGroup();
        unplaced = metrics.counter("unplacedChunks");
        placed = metrics.counter("sessionsPlaced");
        overCapacity = metrics.counter("overCapacity");
        placementErrors = metrics.counter("placementErrors");
        sessionsBySlot = new ConcurrentHashMap<>();
    }

    @Override
    public void processElement(ChunkRequest chunk, ReadOnlyContext ctx, Collector<ChunkRequest> out)
            throws Exception {
        long now = ctx.currentProcessingTime();
        String slot = placements.get(chunk.sessionId());
        if (slot == null) {
            slot = place(chunk, ServingSettings.current(ctx.getBroadcastState(settingsDescriptor), initial), now);
            if (slot == null) {
                reject(chunk, ctx);
                return;
            }
        }
        out.collect(chunk.withSlot(slot));

        SlotLoad load = loadOf(slot).withChunk(now);
        if (chunk.last() && placements.contains(chunk.sessionId())) {
            placements.remove(chunk.sessionId());
            load = load.withSessions(-1);
        }
        store(slot, load);
        if (placements.isEmpty()) {
            // No session left on this pair: nothing to balance against, so the pair's key holds no state.
            turn.clear();
        }
    }

    @Override
    public void processBroadcastElement(ControlRecord r, Context ctx, Collector<ChunkRequest> out)
            throws Exception {
        ServingSettings next = ServingSettings.update(ctx.getBroadcastState(settingsDescriptor), initial, r);
        if (next == null) {
            LOG.info("control record version {} is older than the settings in force; ignored", r.version());
            return;
        }
        // Create the new strategy now, so a class that cannot be loaded is reported when it is named.
        strategyFor(next);
    }

    /** Chooses and records a slot for a session seen for the first time; null when the pair has none. */
    private String place(ChunkRequest chunk, ServingSettings settings, long now) throws Exception {
        List<String> slots = config.slotsOf(chunk.languagePair());
        if (slots.isEmpty()) {
            return null;
        }
        double sessionMemoryMb = sessionMemoryMb(chunk.languagePair());
        List<PlacementStrategy.Candidate> all = new ArrayList<>(slots.size());
        List<PlacementStrategy.Candidate> open = new ArrayList<>(slots.size());
        for (String s : slots) {
            SlotLoad load = loadOf(s);
            double free = config.serving.deviceMemoryMb.getOrDefault(s, config.serving.defaultDeviceMemoryMb)
                    - load.sessions() * sessionMemoryMb;
            PlacementStrategy.Candidate c =
                    new PlacementStrategy.Candidate(s, load.sessions(), load.recentChunksAt(now), free);
            all.add(c);
            if (load.sessions() < config.serving.maxSessionsPerSlot) {
                open.add(c);
            }
        }
        long n = turn.value() == null ? 0 : turn.value();
        String slot;
        if (open.isEmpty()) {
            overCapacity.inc();
            slot = PlacementStrategy.leastLoaded().place(all, n);
            LOG.warn("session {}: every slot of '{}' has {} sessions (serving.max_sessions_per_slot); placed on {}, "
                    + "the least loaded, over capacity", chunk.sessionId(), chunk.languagePair(),
                    config.serving.maxSessionsPerSlot, slot);
        } else {
            slot = choose(strategyFor(settings), open, n, chunk);
        }
        turn.update(n + 1);
        placed.inc();
        if (!chunk.last()) {
            // A one-chunk session is removed right after, so it is never recorded.
            placements.put(chunk.sessionId(), slot);
            store(slot, loadOf(slot).withSessions(1));
        }
        LOG.debug("session {} ({}) placed on slot {}", chunk.sessionId(), chunk.languagePair(), slot);
        return slot;
    }

    /**
     * Asks the strategy; a strategy that throws or answers a slot that is not a candidate (a user's, most likely)
     * must not fail the job and with it every session, so the session goes to the least loaded slot instead.
     */
    private String choose(PlacementStrategy s, List<PlacementStrategy.Candidate> candidates, long n,
            ChunkRequest chunk) {
        String slot;
        try {
            slot = s.place(List.copyOf(candidates), n);
        } catch (RuntimeException e) {
            placementErrors.inc();
            LOG.error("placement strategy '{}' failed for session {}; using least_loaded", strategyName,
                    chunk.sessionId(), e);
            return PlacementStrategy.leastLoaded().place(candidates, n);
        }
        for (PlacementStrategy.Candidate c : candidates) {
            if (c.slot().equals(slot)) {
                return slot;
            }
        }
        placementErrors.inc();
        LOG.error("placement strategy '{}' chose slot '{}' for session {}, not one of {}; using least_loaded",
                strategyName, slot, chunk.sessionId(), candidates.stream().map(PlacementStrategy.Candidate::slot)
                        .toList());
        return PlacementStrategy.leastLoaded().place(candidates, n);
    }

    /**
     * The strategy the settings name, created when the name changes. A name that cannot be created (a class
     * missing from this task manager's classpath) keeps the strategy in force, or least_loaded if there is none.
     */
    private PlacementStrategy strategyFor(ServingSettings settings) {
        String name = settings.loadBalanceStrategy();
        if (!name.equals(strategyName)) {
            strategyName = name;
            try {
                strategy = PlacementStrategy.forName(name, getRuntimeContext().getUserCodeClassLoader());
                LOG.info("placing new sessions with strategy '{}'", name);
            } catch (IllegalArgumentException e) {
                placementErrors.inc();
                LOG.error("{}; keeping the strategy in force", e.getMessage());
                if (strategy == null) {
                    strategy = PlacementStrategy.leastLoaded();
                }
            }
        }
        return strategy;
    }

    private double sessionMemoryMb(String pair) {
        SstConfig.Language lang = config.languages.get(pair);
        return lang == null || lang.modelConfig == null ? 0 : lang.modelConfig.sessionMemoryMb;
    }

    private SlotLoad loadOf(String slot) throws Exception {
        SlotLoad load = loads.get(slot);
        return load == null ? SlotLoad.IDLE : load;
    }

    /** Saves a slot's load; a slot without sessions keeps no entry, so a pair with no sessions holds no state. */
    private void store(String slot, SlotLoad load) throws Exception {
        if (load.sessions() <= 0) {
            loads.remove(slot);
        } else {
            loads.put(slot, load);
        }
        if (sessionsBySlot.put(slot, Math.max(0, load.sessions())) == null) {
            getRuntimeContext().getMetricGroup().addGroup("slot", slot)
                    .gauge("sessions", (Gauge<Integer>) () -> sessionsBySlot.getOrDefault(slot, 0));
        }
    }

    private void reject(ChunkRequest chunk, ReadOnlyContext ctx) {
        unplaced.inc();
        String reason = "no slot serves language pair '" + chunk.languagePair() + "'";
        if (chunk.chunkIndex() == 0) {
            LOG.error("session {}: {}; its chunks are answered with errors", chunk.sessionId(), reason);
        }
        long now = ctx.currentProcessingTime();
        ctx.output(UNPLACED, new TranslationEvent(chunk.sessionId(), chunk.chunkIndex(), "", chunk.last(),
                chunk.audioStartMs(), chunk.audioEndMs(), chunk.ingressMs(), now, now, null, 0, reason));
    }

    long overCapacityPlacements() {
        return overCapacity.getCount();
    }

    long placementErrors() {
        return placementErrors.getCount();
    }
}
