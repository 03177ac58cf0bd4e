package io.infinisst.stream.ingress;

import static io.infinisst.stream.ingress.IngressFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infinisst.stream.protocol.audio.AudioEncoding;
import io.infinisst.stream.protocol.records.RequestType;
import io.infinisst.stream.protocol.records.SessionRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests for {@link IngressRoutes}' HTTP endpoints, against a real server. */
class IngressRoutesTest {
    private IngressFixture f;

    @BeforeEach
    void start() {
        f = new IngressFixture().start(Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void shouldCreateASessionFromAJsonBodyAndPublishStart() throws Exception {
        HttpResponse<String> r = f.post("/init", """
                {"agent_type": "InfiniSST", "language_pair": "English -> Italian", "latency_multiplier": 3,
                 "client_id": "user_001", "encoding": "s16le", "sample_rate": 44100}""");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        JsonNode body = json(r);
        String id = body.get("session_id").asText();
        assertThat(body.get("queued").asBoolean()).isFalse();
        assertThat(body.get("queue_position").asInt()).isZero();
        assertThat(f.publisher.records(id)).containsExactly(SessionRequest.start(id, f.now.get(),
                "English -> Italian", 3, 44100, AudioEncoding.S16LE, "user_001"));
    }

    @Test
    void shouldCreateASessionFromQueryParameters() throws Exception {
        HttpResponse<String> r = f.post("/init?language_pair=English%20-%3E%20Italian&latency_multiplier=4"
                + "&encoding=s16le&sample_rate=8000&client_id=q", null);
        assertThat(r.statusCode()).isEqualTo(200);
        String id = json(r).get("session_id").asText();
        SessionRequest start = f.publisher.records(id).get(0);
        assertThat(start.languagePair()).isEqualTo("English -> Italian");
        assertThat(start.latencyMultiplier()).isEqualTo(4);
        assertThat(start.encoding()).isEqualTo(AudioEncoding.S16LE);
        assertThat(start.sampleRate()).isEqualTo(8000);
        assertThat(start.clientId()).isEqualTo("q");
    }

    @Test
    void shouldApplyTheSeedDefaults() throws Exception {
        String id = f.init("{}");
        SessionRequest start = f.publisher.records(id).get(0);
        assertThat(start.languagePair()).isEqualTo("English -> Chinese");
        assertThat(start.latencyMultiplier()).isEqualTo(2); // the language's model_config default
        assertThat(start.encoding()).isEqualTo(AudioEncoding.F32LE);
        assertThat(start.sampleRate()).isEqualTo(16000);
        assertThat(start.clientId()).isEmpty();
    }

    static Stream<Arguments> badInits() {
        return Stream.of(
                Arguments.of("{\"agent_type\": \"Whisper\"}",
                        "agent_type must be InfiniSST; got 'Whisper'"),
                Arguments.of("{\"language_pair\": \"English -> Klingon\"}",
                        "language_pair 'English -> Klingon' is not configured; configured: [English -> Chinese, English -> Italian]"),
                Arguments.of("{\"latency_multiplier\": 5}",
                        "latency_multiplier must be an integer in 1..4; got '5'"),
                Arguments.of("{\"latency_multiplier\": 0}",
                        "latency_multiplier must be an integer in 1..4; got '0'"),
                Arguments.of("{\"latency_multiplier\": 1.5}",
                        "latency_multiplier must be an integer in 1..4; got '1.5'"),
                Arguments.of("{\"latency_multiplier\": \"two\"}",
                        "latency_multiplier must be an integer in 1..4; got 'two'"),
                Arguments.of("{\"encoding\": \"mp3\"}",
                        "encoding must be one of f32le, s16le; got 'mp3'"),
                Arguments.of("{\"sample_rate\": 7999}",
                        "sample_rate must be an integer in 8000..48000; got '7999'"),
                Arguments.of("{\"sample_rate\": 48001}",
                        "sample_rate must be an integer in 8000..48000; got '48001'"),
                Arguments.of("{\"client_id\": [1]}",
                        "client_id must be a string or number; got [1]"),
                Arguments.of("{\"client_id\": \"" + "x".repeat(257) + "\"}",
                        "client_id must be at most 256 characters; got 257"),
                Arguments.of("not json",
                        "request body is not valid JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
                Arguments.of("[1, 2]",
                        "request body must be a JSON object; got ARRAY")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInits")
    void shouldRefuseABadInitNamingTheFieldAndValue(String body, String error) throws Exception {
        HttpResponse<String> r = f.post("/init", body);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).isEqualTo(error);
        assertThat(f.publisher.all()).isEmpty();
    }

    @Test
    void shouldReportEveryBadFieldAtOnce() throws Exception {
        HttpResponse<String> r = f.post("/init?sample_rate=1&encoding=x", null);
        assertThat(json(r).get("error").asText()).isEqualTo(
                "encoding must be one of f32le, s16le; got 'x'; sample_rate must be an integer in 8000..48000; got '1'");
    }

    @Test
    void shouldRefuseALanguagePairWithoutASlot() throws Exception {
        f.config.serving.gpuLanguageMap = Map.of("cpu:0", "English -> Chinese");
        HttpResponse<String> r = f.post("/init", "{\"language_pair\": \"English -> Italian\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText())
                .isEqualTo("language_pair 'English -> Italian' has no slot in serving.gpu_language_map");
    }

    @Test
    void shouldAnswer503WhenStartCannotBePublished() throws Exception {
        f.publisher.failing = true;
        HttpResponse<String> r = f.post("/init", "{}");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(json(r).get("error").asText()).isEqualTo("cannot start session: broker unreachable");
        assertThat(f.service.sessionCount()).isZero();
    }

    @Test
    void shouldReportQueueStatusOfANewSession() throws Exception {
        String id = f.init("{\"latency_multiplier\": 1}");
        JsonNode s = json(f.get("/queue_status/" + id));
        assertThat(s.get("session_id").asText()).isEqualTo(id);
        assertThat(s.get("active").asBoolean()).isTrue();
        assertThat(s.get("queued").asBoolean()).isFalse();
        assertThat(s.get("queue_position").asInt()).isZero();
        assertThat(s.get("language_pair").asText()).isEqualTo("English -> Chinese");
        assertThat(s.get("latency_multiplier").asInt()).isEqualTo(1);
        assertThat(s.get("audio_seconds_received").asDouble()).isZero();
        assertThat(s.get("chunks_emitted").asLong()).isZero();
        assertThat(s.get("chunks_translated").asLong()).isZero();
        assertThat(s.get("pending_chunks").asLong()).isZero();
        assertThat(s.get("last_activity_ms").asLong()).isEqualTo(f.now.get());
        assertThat(s.get("ended").isNull()).isTrue();
    }

    @Test
    void shouldAnswer404ForUnknownSessions() throws Exception {
        for (HttpResponse<String> r : List.of(f.get("/queue_status/nope"),
                f.post("/delete_session", "{\"session_id\": \"nope\"}"), f.post("/ping?session_id=nope", null))) {
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(json(r).get("error").asText()).isEqualTo("unknown session_id 'nope'");
        }
        HttpResponse<String> missing = f.post("/ping", "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).get("error").asText()).isEqualTo("session_id is required");
    }

    @Test
    void shouldDeleteASessionByPublishingEnd() throws Exception {
        String id = f.init("{}");
        HttpResponse<String> r = f.post("/delete_session", "{\"session_id\": \"" + id + "\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("deleted").asBoolean()).isTrue();
        SessionRequest end = f.publisher.records(id).get(1);
        assertThat(end.type()).isEqualTo(RequestType.END);
        assertThat(end.endReason()).isEqualTo("deleted");
        assertThat(end.seq()).isEqualTo(1);
        JsonNode s = json(f.get("/queue_status/" + id));
        assertThat(s.get("active").asBoolean()).isFalse();
        assertThat(s.get("ended").asText()).isEqualTo("deleted");
        // Deleting again is harmless and publishes nothing more.
        assertThat(f.post("/delete_session?session_id=" + id, null).statusCode()).isEqualTo(200);
        assertThat(f.publisher.records(id)).hasSize(2);
    }

    @Test
    void shouldPingWithAnEmptyAudioRecordAndRefreshActivity() throws Exception {
        String id = f.init("{}");
        f.now.addAndGet(5_000);
        HttpResponse<String> r = f.post("/ping", "{\"session_id\": \"" + id + "\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        SessionRequest ping = f.publisher.records(id).get(1);
        assertThat(ping.type()).isEqualTo(RequestType.AUDIO);
        assertThat(ping.pcm()).isEmpty();
        assertThat(ping.seq()).isEqualTo(1);
        assertThat(json(f.get("/queue_status/" + id)).get("last_activity_ms").asLong()).isEqualTo(f.now.get());
    }

    @Test
    void shouldRefuseAPingToAnEndedSession() throws Exception {
        String id = f.init("{}");
        f.post("/delete_session?session_id=" + id, null);
        HttpResponse<String> r = f.post("/ping?session_id=" + id, null);
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(json(r).get("error").asText()).isEqualTo("session_id '" + id + "' has ended (deleted)");
    }

    @Test
    void shouldBeHealthyWhenEveryProbeIsUp() throws Exception {
        f.probes.add(probe("kafka", true));
        f.probes.add(probe("job", true));
        restart();
        HttpResponse<String> r = f.get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode h = json(r);
        assertThat(h.get("status").asText()).isEqualTo("ok");
        assertThat(h.get("kafka").get("up").asBoolean()).isTrue();
        assertThat(h.get("job").get("detail").asText()).isEqualTo("job");
    }

    @Test
    void shouldAnswer503NamingTheFailingProbes() throws Exception {
        f.probes.add(probe("kafka", true));
        f.probes.add(probe("job", false));
        restart();
        HttpResponse<String> r = f.get("/health");
        assertThat(r.statusCode()).isEqualTo(503);
        JsonNode h = json(r);
        assertThat(h.get("status").asText()).isEqualTo("unavailable");
        assertThat(h.get("failing").toString()).isEqualTo("[\"job\"]");
        assertThat(h.get("job").get("error").asText()).isEqualTo("job is down");
    }

    @Test
    void shouldAnswerJsonForUnknownEndpointsAndMethods() throws Exception {
        HttpResponse<String> r = f.get("/nothing/here");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).get("error").asText()).contains("/nothing/here");
        HttpResponse<String> m = f.get("/init");
        assertThat(m.statusCode()).isIn(404, 405);
        assertThat(json(m).has("error")).isTrue();
    }

    private void restart() {
        f.close();
        IngressFixture g = new IngressFixture();
        g.probes.addAll(f.probes);
        f = g.start(Duration.ofHours(1));
    }

    private static HealthProbe probe(String name, boolean up) {
        return new HealthProbe() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Result check() {
                return up ? Result.up(Map.of("detail", name)) : Result.down(name + " is down", Map.of());
            }
        };
    }
}
