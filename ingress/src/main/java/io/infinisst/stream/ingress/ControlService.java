package io.infinisst.stream.ingress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.infinisst.stream.protocol.config.SstConfig;
import io.infinisst.stream.protocol.records.ControlRecord;
import io.infinisst.stream.protocol.records.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runtime control and visibility: {@code POST /configure} and {@code GET /stats}.
 *
 * <p>{@code /configure} validates a change of the batching and placement settings with the file's rules
 * ({@link ControlRecord#problems()}), publishes it for the job on the control topic and keeps the
 * <em>configuration in force</em>: the file's values overlaid by every valid change on the control topic,
 * those published before this ingress started included ({@link ControlPublisher#history()}). The job applies
 * the records itself; this copy is what {@code /stats} reports.
 *
 * <p>{@code /stats} puts together what the ingress knows (sessions per pair, admission), what the translation
 * events tell ({@link StatsSource}; unavailable in a standalone ingress), the job's consumer lag
 * ({@link ConsumerLag}) and the configuration in force.
 */
public final class ControlService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlService.class);
    /** The fields {@code /configure} accepts, in the order answers list them. */
    public static final List<String> KEYS =
            List.of("max_batch_size", "batch_timeout_ms", "enable_dynamic_batching", "load_balance_strategy");

    private final IngressService sessions;
    private final SstConfig config;
    private final ControlPublisher publisher;
    private final StatsSource stats;
    private final ConsumerLag lag;
    private final LongSupplier clock;

    // The configuration in force; guarded by this.
    private int maxBatchSize;
    private long batchTimeoutMs;
    private boolean enableDynamicBatching;
    private String loadBalanceStrategy;
    private Long version;
    private final Set<String> changed = new LinkedHashSet<>();

    /**
     * @param stats the pipeline's figures; null in a standalone ingress
     * @param lag the job's consumer lag; null when there is no Kafka to ask
     */
    public ControlService(IngressService sessions, ControlPublisher publisher, StatsSource stats, ConsumerLag lag) {
        this(sessions, publisher, stats, lag, System::currentTimeMillis);
    }

    /** @param clock epoch milliseconds: record versions and {@code time_ms} */
    public ControlService(IngressService sessions, ControlPublisher publisher, StatsSource stats, ConsumerLag lag,
            LongSupplier clock) {
        this.sessions = sessions;
        this.config = sessions.config();
        this.publisher = publisher;
        this.stats = stats;
        this.lag = lag;
        this.clock = clock;
        SstConfig.Serving s = config.serving;
        this.maxBatchSize = s.maxBatchSize;
        this.batchTimeoutMs = s.batchTimeoutMs;
        this.enableDynamicBatching = s.enableDynamicBatching;
        this.loadBalanceStrategy = s.loadBalanceStrategy;
        // The job applies the control topic from its beginning; take the same changes (it drops invalid ones too).
        try {
            for (ControlRecord r : publisher.history()) {
                if (r.problems().isEmpty()) {
                    apply(r);
                }
            }
        } catch (PublishException e) {
            LOG.warn("the settings changed before this start are unknown ({}); reporting the file's values", e.getMessage());
        }
    }

    /**
     * {@code POST /configure}: any subset of {@link #KEYS}. Answers the new settings in force.
     *
     * @throws ApiException 400 listing every problem (unknown keys, wrong types, values out of range), 503
     *     when the change cannot be published (nothing changes then)
     */
    public synchronized Map<String, Object> configure(String body) {
        ControlRecord change = parse(body, nextVersion());
        List<String> problems = change.problems();
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems));
        }
        try {
            publisher.publish(change);
        } catch (PublishException e) {
            throw new ApiException(503, "change not applied: " + e.getMessage());
        }
        apply(change);
        return settings();
    }

    /** The configuration in force: the runtime settings with their version, then the fixed ones. */
    public synchronized Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_batch_size", maxBatchSize);
        m.put("batch_timeout_ms", batchTimeoutMs);
        m.put("enable_dynamic_batching", enableDynamicBatching);
        m.put("load_balance_strategy", loadBalanceStrategy);
        m.put("version", version); // null: the file's values, nothing changed yet
        m.put("changed", List.copyOf(changed));
        SstConfig.Serving s = config.serving;
        m.put("max_sessions_per_slot", s.maxSessionsPerSlot);
        m.put("max_inflight_batches_per_slot", s.maxInflightBatchesPerSlot);
        m.put("session_idle_timeout_s", s.sessionIdleTimeoutS);
        m.put("gpu_language_map", new LinkedHashMap<>(s.gpuLanguageMap));
        return m;
    }

    /** {@code GET /stats}. */
    public Map<String, Object> stats() {
        Map<String, Object> pipeline = pipeline();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("time_ms", clock.getAsLong());
        body.put("sessions", sessionsView(pipeline));
        body.put("pipeline", pipeline);
        body.put("kafka_consumer_lag", lag == null
                ? KafkaConsumerLag.unavailable(config.cluster.requestsTopic, config.job.consumerGroup,
                        "no Kafka admin client in this process")
                : lag.measure());
        body.put("configuration", settings());
        return body;
    }

    @Override
    public void close() {
        publisher.close();
        if (lag != null) {
            try {
                lag.close();
            } catch (Exception e) {
                // closing at shutdown; nothing to do about it
            }
        }
    }

    private Map<String, Object> pipeline() {
        if (stats == null) {
            return unavailable("no translation statistics in this process: the egress runs elsewhere");
        }
        try {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("available", true);
            m.putAll(stats.snapshot());
            return m;
        } catch (RuntimeException e) {
            return unavailable("translation statistics failed: " + e);
        }
    }

    private static Map<String, Object> unavailable(String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("available", false);
        m.put("reason", reason);
        return m;
    }

    /** Per pair from admission; per slot from the configuration, with the sessions the events place there. */
    private Map<String, Object> sessionsView(Map<String, Object> pipeline) {
        Map<String, Object> perPair = new LinkedHashMap<>();
        int active = 0;
        int queued = 0;
        for (Map.Entry<String, Admission.Counts> e : sessions.admissionCounts().entrySet()) {
            Admission.Counts c = e.getValue();
            active += c.active();
            queued += c.queued();
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("active", c.active());
            pair.put("queued", c.queued());
            pair.put("capacity", c.capacity());
            pair.put("slots", config.slotsOf(e.getKey()));
            perPair.put(e.getKey(), pair);
        }
        Object measured = pipeline.get(StatsSource.PER_SLOT);
        Map<?, ?> measuredSlots = measured instanceof Map<?, ?> m ? m : Map.of();
        Map<String, Object> perSlot = new LinkedHashMap<>();
        config.serving.gpuLanguageMap.forEach((slot, pairName) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("language_pair", pairName);
            s.put("capacity", config.serving.maxSessionsPerSlot);
            Object figures = measuredSlots.get(slot);
            if (figures instanceof Map<?, ?> f) {
                f.forEach((k, v) -> s.put(String.valueOf(k), v));
            } else {
                s.put("sessions", Boolean.TRUE.equals(pipeline.get("available")) ? 0 : null);
            }
            perSlot.put(slot, s);
        });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("active", active);
        m.put("queued", queued);
        m.put("per_pair", perPair);
        m.put("per_slot", perSlot);
        return m;
    }

    /** Versions increase even when two changes come within one millisecond. */
    private long nextVersion() {
        long now = clock.getAsLong();
        return version == null ? now : Math.max(now, version + 1);
    }

    private void apply(ControlRecord r) {
        version = r.version();
        if (r.maxBatchSize() != null) {
            maxBatchSize = r.maxBatchSize();
            changed.add("max_batch_size");
        }
        if (r.batchTimeoutMs() != null) {
            batchTimeoutMs = r.batchTimeoutMs();
            changed.add("batch_timeout_ms");
        }
        if (r.enableDynamicBatching() != null) {
            enableDynamicBatching = r.enableDynamicBatching();
            changed.add("enable_dynamic_batching");
        }
        if (r.loadBalanceStrategy() != null) {
            loadBalanceStrategy = r.loadBalanceStrategy();
            changed.add("load_balance_strategy");
        }
    }

    /**
     * The change a request body asks for. Shape problems (not JSON, unknown keys, wrong JSON types) are
     * reported together with the value problems of the well-typed fields.
     */
    static ControlRecord parse(String body, long version) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("request body must be a JSON object with any of " + KEYS);
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object with any of " + KEYS + "; got "
                    + (node == null ? "nothing" : node.getNodeType()));
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                problems.add("unknown key '" + key + "'; known: " + KEYS);
            }
        }
        Integer maxBatchSize = null;
        JsonNode v = present(node, "max_batch_size");
        if (v != null) {
            if (v.isIntegralNumber() && v.canConvertToInt()) {
                maxBatchSize = v.intValue();
            } else {
                problems.add("serving.max_batch_size: must be an integer, got " + v);
            }
        }
        Long batchTimeoutMs = null;
        v = present(node, "batch_timeout_ms");
        if (v != null) {
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                batchTimeoutMs = v.longValue();
            } else {
                problems.add("serving.batch_timeout_ms: must be an integer number of milliseconds, got " + v);
            }
        }
        Boolean dynamic = null;
        v = present(node, "enable_dynamic_batching");
        if (v != null) {
            if (v.isBoolean()) {
                dynamic = v.booleanValue();
            } else {
                problems.add("serving.enable_dynamic_batching: must be true or false, got " + v);
            }
        }
        String strategy = null;
        v = present(node, "load_balance_strategy");
        if (v != null) {
            if (v.isTextual()) {
                strategy = v.textValue().trim();
            } else {
                problems.add("serving.load_balance_strategy: must be a string, got " + v);
            }
        }
        ControlRecord r = new ControlRecord(version, maxBatchSize, batchTimeoutMs, dynamic, strategy);
        if (!problems.isEmpty()) {
            // "nothing to change" would only repeat, less precisely, what the shape problems already say.
            r.problems().stream().filter(p -> !p.startsWith("nothing to change")).forEach(problems::add);
            throw ApiException.badRequest(String.join("; ", problems));
        }
        return r;
    }

    /** The field's value, or null when absent or JSON null (= not changed). */
    private static JsonNode present(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }
}
