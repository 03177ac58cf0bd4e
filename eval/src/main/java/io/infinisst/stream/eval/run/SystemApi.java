package io.infinisst.stream.eval.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.infinisst.stream.protocol.records.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The running system's control endpoints an evaluation uses: {@code POST /configure} and {@code GET /stats}. */
public final class SystemApi {
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SystemApi(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    /**
     * Changes the batching settings; answers the configuration in force.
     *
     * @throws IOException when the system refuses the change (the message carries its reason)
     */
    public JsonNode configure(Integer maxBatchSize, Long batchTimeoutMs, Boolean dynamicBatching, String strategy)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        if (maxBatchSize != null) {
            body.put("max_batch_size", maxBatchSize);
        }
        if (batchTimeoutMs != null) {
            body.put("batch_timeout_ms", batchTimeoutMs);
        }
        if (dynamicBatching != null) {
            body.put("enable_dynamic_batching", dynamicBatching);
        }
        if (strategy != null) {
            body.put("load_balance_strategy", strategy);
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/configure"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("/configure " + body + " answered " + r.statusCode() + ": " + r.body());
        }
        return Json.MAPPER.readTree(r.body());
    }

    /** {@code GET /stats}, or null when the system does not answer it (an older or a partial deployment). */
    public JsonNode stats() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/stats"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Json.MAPPER.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The language pairs the system serves, from the configuration {@code /stats} reports; {@code fallback} when
     * it cannot tell.
     */
    public List<String> languagePairs(List<String> fallback) {
        JsonNode s = stats();
        Set<String> pairs = new LinkedHashSet<>();
        if (s != null) {
            s.path("configuration").path("gpu_language_map").forEach(v -> pairs.add(v.asText()));
            if (pairs.isEmpty()) {
                s.path("sessions").path("per_pair").fieldNames().forEachRemaining(pairs::add);
            }
        }
        return pairs.isEmpty() ? fallback : new ArrayList<>(pairs);
    }

    /** {@code kafka_consumer_lag.total} of a {@code /stats} answer; null when not measured. */
    public static Long kafkaLag(JsonNode stats) {
        JsonNode v = stats == null ? null : stats.path("kafka_consumer_lag").get("total");
        return v == null || !v.isNumber() ? null : v.asLong();
    }

    /** {@code pipeline.chunks} and {@code pipeline.batches} of a {@code /stats} answer; null when unavailable. */
    public static long[] batchCounters(JsonNode stats) {
        JsonNode p = stats == null ? null : stats.path("pipeline");
        if (p == null || !p.path("chunks").isNumber() || !p.path("batches").isNumber()) {
            return null;
        }
        return new long[] {p.get("chunks").asLong(), p.get("batches").asLong()};
    }
}
