package io.infinisst.stream.job.functions;

import io.infinisst.stream.job.records.ChunkRequest;
import io.infinisst.stream.protocol.config.SstConfig;
import io.infinisst.stream.protocol.records.TranslationEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places each session on one of its language pair's slots when its first chunk arrives (keyed by language pair, so
 * one instance sees every session of the pair and can balance them) and stamps that slot on every chunk until the
 * session's last one.
 *
 * <p>A chunk whose pair no slot serves cannot be translated. Rather than dropping it silently, it leaves on the
 * {@link #UNPLACED} side output as an error {@link TranslationEvent}, so the client learns why it hears nothing;
 * the job unions that output into its sink. It is counted, and logged once per session (on its first chunk).
 */
public class SlotPlacer extends KeyedProcessFunction<String, ChunkRequest, ChunkRequest> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SlotPlacer.class);

    /** Error events for chunks of a language pair that no slot serves. */
    public static final OutputTag<TranslationEvent> UNPLACED =
            new OutputTag<>("unplaced-chunks", TypeInformation.of(TranslationEvent.class));

    private final SstConfig config;
    private final PlacementStrategy strategy;

    private transient MapState<String, String> placements;
    private transient ValueState<Long> turn;
    private transient Counter unplaced;
    private transient Counter placed;

    public SlotPlacer(SstConfig config, PlacementStrategy strategy) {
        this.config = Objects.requireNonNull(config, "config");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    public SlotPlacer(SstConfig config) {
        this(config, PlacementStrategy.forName(config.serving.loadBalanceStrategy));
    }

    @Override
    public void open(OpenContext openContext) {
        placements = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("placements", Types.STRING, Types.STRING));
        turn = getRuntimeContext().getState(new ValueStateDescriptor<>("turn", Types.LONG));
        unplaced = getRuntimeContext().getMetricGroup().counter("unplacedChunks");
        placed = getRuntimeContext().getMetricGroup().counter("sessionsPlaced");
    }

    @Override
    public void processElement(ChunkRequest chunk, Context ctx, Collector<ChunkRequest> out) throws Exception {
        String slot = placements.get(chunk.sessionId());
        if (slot == null) {
            slot = place(chunk);
            if (slot == null) {
                reject(chunk, ctx);
                return;
            }
        }
        out.collect(chunk.withSlot(slot));
        if (chunk.last()) {
            placements.remove(chunk.sessionId());
            if (placements.isEmpty()) {
                // No session left on this pair: nothing to balance against, so the pair's key holds no state.
                turn.clear();
            }
        }
    }

    /** Chooses and records a slot for a session seen for the first time; null when the pair has none. */
    private String place(ChunkRequest chunk) throws Exception {
        List<String> slots = config.slotsOf(chunk.languagePair());
        if (slots.isEmpty()) {
            return null;
        }
        Map<String, Integer> load = new HashMap<>();
        if (strategy.usesLoad()) {
            for (String s : placements.values()) {
                load.merge(s, 1, Integer::sum);
            }
        }
        long n = turn.value() == null ? 0 : turn.value();
        String slot = strategy.place(slots, load, n);
        if (!slots.contains(slot)) {
            throw new IllegalStateException("placement strategy chose slot '" + slot + "', not one of " + slots);
        }
        turn.update(n + 1);
        placed.inc();
        if (!chunk.last()) {
            // A one-chunk session is removed right after, so it is never recorded.
            placements.put(chunk.sessionId(), slot);
        }
        LOG.debug("session {} ({}) placed on slot {}", chunk.sessionId(), chunk.languagePair(), slot);
        return slot;
    }

    private void reject(ChunkRequest chunk, Context ctx) {
        unplaced.inc();
        String reason = "no slot serves language pair '" + chunk.languagePair() + "'";
        if (chunk.chunkIndex() == 0) {
            LOG.error("session {}: {}; its chunks are answered with errors", chunk.sessionId(), reason);
        }
        long now = ctx.timerService().currentProcessingTime();
        ctx.output(UNPLACED, new TranslationEvent(chunk.sessionId(), chunk.chunkIndex(), "", chunk.last(),
                chunk.audioStartMs(), chunk.audioEndMs(), chunk.ingressMs(), now, now, null, 0, reason));
    }
}
