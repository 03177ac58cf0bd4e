package io.infinisst.stream.ingress;

import static io.infinisst.stream.ingress.IngressFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infinisst.stream.protocol.config.SstConfig;
import io.infinisst.stream.protocol.records.ControlRecord;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tests for {@link ControlService}'s {@code /configure} and {@code /stats} through {@link IngressRoutes}. */
class ControlRoutesTest {
    private IngressFixture f;

    private IngressFixture start(StatsSource stats, ConsumerLag lag) {
        f = new IngressFixture();
        f.stats = stats;
        f.lag = lag;
        f.config.serving.gpuLanguageMap.put("cpu:2", SstConfig.ENGLISH_CHINESE);
        f.config.serving.maxSessionsPerSlot = 1;
        return f.start(Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static String error(HttpResponse<String> r) throws Exception {
        return json(r).get("error").asText();
    }

    @Test
    void shouldPublishAValidChangeAndAnswerTheSettingsInForce() throws Exception {
        start(null, null);
        HttpResponse<String> r = f.post("/configure", "{\"max_batch_size\": 8, \"enable_dynamic_batching\": false}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("max_batch_size").asInt()).isEqualTo(8);
        assertThat(body.get("batch_timeout_ms").asLong()).isEqualTo(100); // the file's, unchanged
        assertThat(body.get("enable_dynamic_batching").asBoolean()).isFalse();
        assertThat(body.get("load_balance_strategy").asText()).isEqualTo("least_loaded");
        assertThat(body.get("version").asLong()).isEqualTo(f.now.get());
        assertThat(body.get("changed").toString()).isEqualTo("[\"max_batch_size\",\"enable_dynamic_batching\"]");
        assertThat(f.control.records()).containsExactly(new ControlRecord(f.now.get(), 8, null, false, null));
    }

    @Test
    void shouldOverlayChangesAndKeepVersionsIncreasingWithinAMillisecond() throws Exception {
        start(null, null);
        f.post("/configure", "{\"batch_timeout_ms\": 0}");
        JsonNode body = json(f.post("/configure", "{\"load_balance_strategy\": \"round_robin\"}"));
        assertThat(body.get("batch_timeout_ms").asLong()).isZero();
        assertThat(body.get("load_balance_strategy").asText()).isEqualTo("round_robin");
        assertThat(f.control.records()).extracting(ControlRecord::version)
                .containsExactly(f.now.get(), f.now.get() + 1);
        assertThat(json(f.get("/stats")).get("configuration")).isEqualTo(body);
    }

    @Test
    void shouldStartWithTheValidChangesPublishedBeforeItStarted() throws Exception {
        f = new IngressFixture();
        f.control.publish(new ControlRecord(10, 8, null, null, null));
        f.control.publish(new ControlRecord(11, 0, null, null, "nowhere")); // invalid: the job drops it too
        f.control.publish(new ControlRecord(12, null, 0L, null, null));
        f.start(Duration.ofHours(1));
        JsonNode config = json(f.get("/stats")).get("configuration");
        assertThat(config.get("max_batch_size").asInt()).isEqualTo(8);
        assertThat(config.get("batch_timeout_ms").asLong()).isZero();
        assertThat(config.get("load_balance_strategy").asText()).isEqualTo("least_loaded");
        assertThat(config.get("version").asLong()).isEqualTo(12);
        assertThat(config.get("changed").toString()).isEqualTo("[\"max_batch_size\",\"batch_timeout_ms\"]");
    }

    @Test
    void shouldReportTheFilesValuesWhenTheHistoryCannotBeRead() throws Exception {
        f = new IngressFixture();
        f.control.publish(new ControlRecord(10, 8, null, null, null));
        f.control.historyUnreadable = true;
        f.start(Duration.ofHours(1));
        JsonNode config = json(f.get("/stats")).get("configuration");
        assertThat(config.get("max_batch_size").asInt()).isEqualTo(f.config.serving.maxBatchSize);
        assertThat(config.get("version").isNull()).isTrue();
    }

    @Test
    void shouldRefuseBadValuesNamingEveryProblemAndPublishNothing() throws Exception {
        start(null, null);
        HttpResponse<String> r = f.post("/configure",
                "{\"max_batch_size\": 0, \"batch_timeout_ms\": -1, \"load_balance_strategy\": \"fastest\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).isEqualTo("serving.max_batch_size: must be in [1, 1024], got 0; "
                + "serving.batch_timeout_ms: must be in [0, 60000], got -1; "
                + "serving.load_balance_strategy: 'fastest' is not one of [gpu_memory, least_loaded, round_robin]"
                + " nor a class name");
        assertThat(f.control.records()).isEmpty();
        assertThat(json(f.get("/stats")).get("configuration").get("max_batch_size").asInt()).isEqualTo(32);
    }

    @Test
    void shouldRefuseUnknownKeysAndWrongTypesTogetherWithBadValues() throws Exception {
        start(null, null);
        HttpResponse<String> r = f.post("/configure", "{\"max_batch_size\": \"big\", \"speed\": 2, "
                + "\"enable_dynamic_batching\": \"yes\", \"batch_timeout_ms\": 1.5, \"load_balance_strategy\": 3}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).isEqualTo("unknown key 'speed'; known: [max_batch_size, batch_timeout_ms, "
                + "enable_dynamic_batching, load_balance_strategy]; "
                + "serving.max_batch_size: must be an integer, got \"big\"; "
                + "serving.batch_timeout_ms: must be an integer number of milliseconds, got 1.5; "
                + "serving.enable_dynamic_batching: must be true or false, got \"yes\"; "
                + "serving.load_balance_strategy: must be a string, got 3");
        HttpResponse<String> mixed = f.post("/configure", "{\"max_batch_size\": 5000, \"speed\": 2}");
        assertThat(error(mixed)).endsWith("; serving.max_batch_size: must be in [1, 1024], got 5000");
        assertThat(f.control.records()).isEmpty();
    }

    @Test
    void shouldRefuseAnEmptyChangeOrABodyThatIsNoObject() throws Exception {
        start(null, null);
        assertThat(error(f.post("/configure", "{}"))).startsWith("nothing to change");
        assertThat(error(f.post("/configure", "{\"max_batch_size\": null}"))).startsWith("nothing to change");
        assertThat(error(f.post("/configure", null))).isEqualTo("request body must be a JSON object with any of "
                + "[max_batch_size, batch_timeout_ms, enable_dynamic_batching, load_balance_strategy]");
        assertThat(error(f.post("/configure", "[1]"))).endsWith("; got ARRAY");
        assertThat(error(f.post("/configure", "{oops"))).startsWith("request body is not valid JSON");
    }

    @Test
    void shouldAnswer503AndChangeNothingWhenTheChangeCannotBePublished() throws Exception {
        start(null, null);
        f.control.failing = true;
        HttpResponse<String> r = f.post("/configure", "{\"max_batch_size\": 4}");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(error(r)).isEqualTo("change not applied: broker unreachable");
        JsonNode config = json(f.get("/stats")).get("configuration");
        assertThat(config.get("max_batch_size").asInt()).isEqualTo(32);
        assertThat(config.get("version").isNull()).isTrue();
    }

    @Test
    void shouldServeTheSeedsRayPaths() throws Exception {
        start(null, null);
        assertThat(f.post("/ray/configure", "{\"max_batch_size\": 2}").statusCode()).isEqualTo(200);
        assertThat(json(f.get("/ray/stats")).get("configuration").get("max_batch_size").asInt()).isEqualTo(2);
    }

    @Test
    void shouldReportSessionsPipelineLagAndConfiguration() throws Exception {
        Map<String, Object> slot0 = new LinkedHashMap<>();
        slot0.put("sessions", 2);
        slot0.put("chunks", 40);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("batches", 12);
        figures.put("batch_size_histogram", Map.of("2", 12));
        figures.put(StatsSource.PER_SLOT, Map.of("cpu:0", slot0));
        ConsumerLag lag = () -> KafkaConsumerLag.lag("sst.requests", "sst-job", Map.of(0, 5L), Map.of(0, 8L));
        start(() -> figures, lag);
        f.init("{}");
        f.init("{}");
        f.init("{}"); // queued: English -> Chinese takes 2
        f.init("{\"language_pair\": \"English -> Italian\"}");

        JsonNode stats = json(f.get("/stats"));
        assertThat(stats.get("time_ms").asLong()).isEqualTo(f.now.get());
        JsonNode sessions = stats.get("sessions");
        assertThat(sessions.get("active").asInt()).isEqualTo(3);
        assertThat(sessions.get("queued").asInt()).isEqualTo(1);
        assertThat(sessions.get("per_pair").get("English -> Chinese").toString())
                .isEqualTo("{\"active\":2,\"queued\":1,\"capacity\":2,\"slots\":[\"cpu:0\",\"cpu:2\"]}");
        assertThat(sessions.get("per_pair").get("English -> Italian").toString())
                .isEqualTo("{\"active\":1,\"queued\":0,\"capacity\":1,\"slots\":[\"cpu:1\"]}");
        assertThat(sessions.get("per_slot").get("cpu:0").toString())
                .isEqualTo("{\"language_pair\":\"English -> Chinese\",\"capacity\":1,\"sessions\":2,\"chunks\":40}");
        assertThat(sessions.get("per_slot").get("cpu:1").get("sessions").asInt()).isZero(); // no events yet
        JsonNode pipeline = stats.get("pipeline");
        assertThat(pipeline.get("available").asBoolean()).isTrue();
        assertThat(pipeline.get("batches").asInt()).isEqualTo(12);
        assertThat(pipeline.get("batch_size_histogram").toString()).isEqualTo("{\"2\":12}");
        assertThat(stats.get("kafka_consumer_lag").toString()).isEqualTo(
                "{\"group\":\"sst-job\",\"topic\":\"sst.requests\",\"total\":3,\"partitions\":{\"0\":3}}");
        JsonNode config = stats.get("configuration");
        assertThat(config.get("max_batch_size").asInt()).isEqualTo(32);
        assertThat(config.get("max_sessions_per_slot").asInt()).isEqualTo(1);
        assertThat(config.get("gpu_language_map").size()).isEqualTo(3);
    }

    @Test
    void shouldReportPipelineFiguresAndLagAsUnavailableInAStandaloneIngress() throws Exception {
        start(null, null);
        JsonNode stats = json(f.get("/stats"));
        assertThat(stats.get("pipeline").toString()).isEqualTo("{\"available\":false,"
                + "\"reason\":\"no translation statistics in this process: the egress runs elsewhere\"}");
        assertThat(stats.get("sessions").get("per_slot").get("cpu:0").get("sessions").isNull()).isTrue();
        JsonNode lag = stats.get("kafka_consumer_lag");
        assertThat(lag.get("total").isNull()).isTrue();
        assertThat(lag.get("reason").asText()).isEqualTo("no Kafka admin client in this process");
    }

    @Test
    void shouldReportAFailingStatsSourceAsUnavailable() throws Exception {
        start(() -> {
            throw new IllegalStateException("boom");
        }, null);
        JsonNode pipeline = json(f.get("/stats")).get("pipeline");
        assertThat(pipeline.get("available").asBoolean()).isFalse();
        assertThat(pipeline.get("reason").asText()).isEqualTo(
                "translation statistics failed: java.lang.IllegalStateException: boom");
    }
}
