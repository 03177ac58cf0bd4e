package io.infinisst.stream.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import io.infinisst.stream.protocol.config.ConfigLoader;
import io.infinisst.stream.protocol.config.SstConfig;
import io.infinisst.stream.protocol.records.Json;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A real ingress server on a free port with a fake publisher, feed, probes, control publisher and clock. */
final class IngressFixture implements AutoCloseable {
    final AtomicLong now = new AtomicLong(1_000_000);
    final FakePublisher publisher = new FakePublisher();
    final FakeFeed feed = new FakeFeed();
    final List<HealthProbe> probes = new ArrayList<>();
    final SstConfig config = ConfigLoader.defaults();
    final HttpClient http = HttpClient.newHttpClient();
    final FakeControlPublisher control = new FakeControlPublisher();
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Set before {@link #start} to give {@code /stats} pipeline figures; null = a standalone ingress. */
    StatsSource stats;
    /** Set before {@link #start}; null = no Kafka admin. */
    ConsumerLag lag;
    IngressService service;
    ControlService controlService;
    Javalin app;

    IngressFixture start(Duration reaperPeriod) {
        config.serving.sessionIdleTimeoutS = 60;
        service = new IngressService(config, publisher, feed, probes, now::get,
                new IngressService.Options(Duration.ofMinutes(10), reaperPeriod, 4096)).start();
        controlService = new ControlService(service, control, stats, lag, now::get);
        IngressMetrics.bind(registry, service);
        app = IngressRoutes.createApp(config);
        IngressRoutes.register(app, service);
        IngressRoutes.registerControl(app, controlService);
        IngressRoutes.registerMetrics(app, registry);
        app.start("127.0.0.1", 0);
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    String ws(String path) {
        return "ws://127.0.0.1:" + app.port() + path;
    }

    HttpResponse<String> post(String path, String jsonBody) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)));
        b = jsonBody == null ? b.POST(HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    /** A new session with the given JSON body; its id. */
    String init(String jsonBody) throws Exception {
        HttpResponse<String> r = post("/init", jsonBody);
        if (r.statusCode() != 200) {
            throw new AssertionError("init failed: " + r.statusCode() + " " + r.body());
        }
        return json(r).get("session_id").asText();
    }

    @Override
    public void close() {
        app.stop();
        controlService.close();
        service.close();
    }
}
