package io.infinisst.stream.egress;

import static io.infinisst.stream.egress.Events.chunk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infinisst.stream.protocol.records.Json;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests for {@link EgressMetrics} and the standalone egress's {@code /metrics} and {@code /stats}. */
class EgressMetricsTest {
    private final AtomicLong now = new AtomicLong(1_250);
    private final TranslationStats stats = new TranslationStats(now::get);
    private final TranslationHub hub = new TranslationHub(TranslationHub.Settings.defaults(), now::get, false, stats);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient http = HttpClient.newHttpClient();
    private Javalin app;

    @BeforeEach
    void start() {
        app = Javalin.create(config -> config.showJavalinBanner = false);
        EgressRoutes routes = EgressRoutes.register(app, hub, now::get, 100);
        EgressMetrics.bind(registry, hub, stats, routes, null);
        EgressRoutes.registerMetrics(app, registry);
        EgressRoutes.registerStats(app, stats);
        app.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
        hub.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldExposeDeliveriesDuplicatesSocketsAndLatencyInPrometheusFormat() throws Exception {
        hub.accept(chunk("s", 0, "a")); // ingress at 1000 ms, delivered at 1250 ms
        hub.accept(chunk("s", 0, "a"));
        hub.accept(chunk("s", 1, "b"));
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        assertThat(r.body()).contains("sst_egress_translations_delivered_total 2.0")
                .contains("sst_egress_duplicates_dropped_total 1.0")
                .contains("sst_egress_chunks_skipped_total 0.0")
                .contains("sst_egress_sockets 0.0")
                .contains("sst_egress_sessions 1.0")
                .contains("# TYPE sst_egress_delivery_latency_seconds summary")
                .contains("sst_egress_delivery_latency_seconds_count 2")
                .contains("sst_egress_delivery_latency_seconds_sum 0.5");
    }

    @Test
    void shouldServeTheBatchingFiguresAsJson() throws Exception {
        hub.accept(chunk("s", 0, "a"));
        JsonNode s = Json.MAPPER.readTree(get("/stats").body());
        assertThat(s.get("chunks").asLong()).isEqualTo(1);
        assertThat(s.get("batch_size_histogram").toString()).isEqualTo("{\"1\":1}");
        assertThat(s.get("queue_wait_ms").get("mean").asDouble()).isEqualTo(10.0);
        assertThat(s.get("per_slot").get("cpu:0").get("sessions").asInt()).isEqualTo(1);
    }
}
