package io.infinisst.stream.ingress;

import static io.infinisst.stream.ingress.FakeFeed.chunk;
import static io.infinisst.stream.ingress.IngressFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.infinisst.stream.protocol.config.SstConfig;
import io.infinisst.stream.protocol.records.RequestType;
import io.infinisst.stream.protocol.records.SessionRequest;
import io.infinisst.stream.protocol.testing.TestSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests for admission control in {@link IngressService}, through the real HTTP API and WebSocket: English →
 * Chinese has two slots of one session each (capacity 2), English → Italian one.
 */
class IngressAdmissionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private IngressFixture f;

    @BeforeEach
    void start() {
        f = new IngressFixture();
        f.config.serving.gpuLanguageMap.put("cpu:2", SstConfig.ENGLISH_CHINESE);
        f.config.serving.maxSessionsPerSlot = 1;
        f.start(Duration.ofMillis(20));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private JsonNode init() throws Exception {
        HttpResponse<String> r = f.post("/init", "{}");
        assertThat(r.statusCode()).isEqualTo(200);
        return json(r);
    }

    private JsonNode status(String id) throws Exception {
        return json(f.get("/queue_status/" + id));
    }

    private int position(String id) throws Exception {
        return status(id).get("queue_position").asInt();
    }

    private boolean started(String id) {
        return f.publisher.records(id).stream().anyMatch(r -> r.type() == RequestType.START);
    }

    private void awaitActive(String id) {
        await().atMost(WAIT).until(() -> status(id).get("active").asBoolean());
    }

    private TestSocket open(String id) throws Exception {
        return TestSocket.connect(f.http, f.ws("/wss/" + id));
    }

    @Test
    void shouldQueueSessionsBeyondCapacityWithoutStartingThem() throws Exception {
        String a = init().get("session_id").asText();
        String b = init().get("session_id").asText();
        JsonNode c = init();
        String cid = c.get("session_id").asText();
        assertThat(c.get("queued").asBoolean()).isTrue();
        assertThat(c.get("queue_position").asInt()).isEqualTo(1);
        assertThat(started(a)).isTrue();
        assertThat(started(b)).isTrue();
        assertThat(f.publisher.records(cid)).isEmpty();
        JsonNode s = status(cid);
        assertThat(s.get("active").asBoolean()).isFalse();
        assertThat(s.get("queued").asBoolean()).isTrue();
        assertThat(s.get("queue_position").asInt()).isEqualTo(1);
        // Another pair has its own places.
        JsonNode italian = json(f.post("/init", "{\"language_pair\": \"English -> Italian\"}"));
        assertThat(italian.get("queued").asBoolean()).isFalse();
        assertThat(f.service.activeSessions()).isEqualTo(3);
        assertThat(f.service.queuedSessions()).isEqualTo(1);
    }

    @Test
    void shouldLowerQueuePositionsAndAdmitInOrderAsSessionsEnd() throws Exception {
        String a = init().get("session_id").asText();
        String b = init().get("session_id").asText();
        String q1 = init().get("session_id").asText();
        String q2 = init().get("session_id").asText();
        String q3 = init().get("session_id").asText();
        assertThat(position(q1)).isEqualTo(1);
        assertThat(position(q2)).isEqualTo(2);
        assertThat(position(q3)).isEqualTo(3);

        // 1. delete frees a place at once
        f.post("/delete_session", "{\"session_id\": \"" + a + "\"}");
        f.publisher.awaitRecords(q1, RequestType.START, 1);
        JsonNode s1 = status(q1);
        assertThat(s1.get("active").asBoolean()).isTrue();
        assertThat(s1.get("queued").asBoolean()).isFalse();
        assertThat(s1.get("queue_position").asInt()).isZero();
        assertThat(position(q2)).isEqualTo(1);
        assertThat(position(q3)).isEqualTo(2);

        // 2. EOF frees the place only when the final translation has come
        TestSocket sb = open(b);
        sb.next();
        sb.sendText("EOF");
        f.publisher.awaitRecords(b, RequestType.END, 1);
        assertThat(position(q2)).isEqualTo(1);
        f.feed.emit(chunk(b, 0, "done", true));
        awaitActive(q2);
        assertThat(position(q3)).isEqualTo(1);

        // 3. idle reaping frees q1's place; q2 and q3 keep theirs by pinging
        f.now.addAndGet(30_000);
        f.post("/ping", "{\"session_id\": \"" + q2 + "\"}");
        f.post("/ping", "{\"session_id\": \"" + q3 + "\"}");
        f.now.addAndGet(31_000); // q1 idle 61 s since it was admitted
        awaitActive(q3);
        assertThat(status(q1).get("ended").asText()).isEqualTo("idle");
        assertThat(f.publisher.records(q1)).extracting(SessionRequest::type)
                .containsExactly(RequestType.START, RequestType.END);
        assertThat(f.service.queuedSessions()).isZero();
        assertThat(f.service.activeSessions()).isEqualTo(2); // q2, q3
    }

    @Test
    void shouldStartAnAdmittedSessionWithAFreshIdleClock() throws Exception {
        init();
        String b = init().get("session_id").asText();
        String q = init().get("session_id").asText();
        f.now.addAndGet(50_000);
        f.post("/ping", "{\"session_id\": \"" + q + "\"}");
        f.post("/delete_session", "{\"session_id\": \"" + b + "\"}");
        f.publisher.awaitRecords(q, RequestType.START, 1);
        SessionRequest start = f.publisher.records(q).get(0);
        assertThat(start.timestampMs()).isEqualTo(f.now.get());
        assertThat(status(q).get("last_activity_ms").asLong()).isEqualTo(f.now.get());
    }

    @Test
    void shouldTellAQueuedSocketItsPositionThenReadyAndRefuseAudioMeanwhile() throws Exception {
        String a = init().get("session_id").asText();
        init();
        String q1 = init().get("session_id").asText();
        String q2 = init().get("session_id").asText();
        TestSocket s1 = open(q1);
        TestSocket s2 = open(q2);
        assertThat(s1.next()).isEqualTo("QUEUED: position 1");
        assertThat(s2.next()).isEqualTo("QUEUED: position 2");

        s2.sendBinary(new byte[64]);
        assertThat(s2.next()).isEqualTo("ERROR: session is queued");
        s2.sendText("EOF");
        assertThat(s2.next()).isEqualTo("ERROR: session is queued");
        assertThat(f.publisher.records(q2)).isEmpty();
        assertThat(s2.closeCode).isNotDone();

        f.post("/delete_session", "{\"session_id\": \"" + a + "\"}");
        assertThat(s1.next()).isEqualTo("READY: session " + q1 + " English -> Chinese, 16000 Hz f32le, chunk 1.92 s");
        assertThat(s2.next()).isEqualTo("QUEUED: position 1");

        s1.sendBinary(new byte[64]);
        SessionRequest audio = f.publisher.awaitRecords(q1, RequestType.AUDIO, 1).get(0);
        assertThat(audio.seq()).isEqualTo(1);
        assertThat(s2.closeCode).isNotDone();
    }

    @Test
    void shouldDropAQueuedSessionNotPingedWithinTheIdleTimeout() throws Exception {
        String a = init().get("session_id").asText();
        String b = init().get("session_id").asText();
        String kept = init().get("session_id").asText();
        String dropped = init().get("session_id").asText();
        TestSocket s = open(dropped);
        assertThat(s.next()).isEqualTo("QUEUED: position 2");
        f.now.addAndGet(40_000);
        for (String id : new String[] {a, b, kept}) {
            f.post("/ping", "{\"session_id\": \"" + id + "\"}");
        }
        f.now.addAndGet(30_000); // dropped: 70 s without a ping; the others 30 s
        assertThat(s.awaitClose()).isEqualTo(1000);
        JsonNode st = status(dropped);
        assertThat(st.get("ended").asText()).isEqualTo("idle");
        assertThat(st.get("queued").asBoolean()).isFalse();
        assertThat(st.get("active").asBoolean()).isFalse();
        assertThat(f.publisher.records(dropped)).isEmpty(); // the job never heard of it
        assertThat(position(kept)).isEqualTo(1);
        assertThat(f.service.queuedSessions()).isEqualTo(1);
    }

    @Test
    void shouldAnswerAPingToAQueuedSessionWithoutPublishing() throws Exception {
        init();
        init();
        String q = init().get("session_id").asText();
        JsonNode r = json(f.post("/ping", "{\"session_id\": \"" + q + "\"}"));
        assertThat(r.get("active").asBoolean()).isFalse();
        assertThat(r.get("queued").asBoolean()).isTrue();
        assertThat(r.get("queue_position").asInt()).isEqualTo(1);
        assertThat(f.publisher.records(q)).isEmpty();
    }

    @Test
    void shouldLeaveTheQueueWithoutPublishingWhenAQueuedSessionIsDeleted() throws Exception {
        init();
        init();
        String q1 = init().get("session_id").asText();
        String q2 = init().get("session_id").asText();
        f.post("/delete_session", "{\"session_id\": \"" + q1 + "\"}");
        assertThat(f.publisher.records(q1)).isEmpty();
        assertThat(position(q2)).isEqualTo(1);
        assertThat(status(q1).get("ended").asText()).isEqualTo("deleted");
    }

    @Test
    void shouldEndAnAdmittedSessionWhoseStartCannotBePublished() throws Exception {
        String a = init().get("session_id").asText();
        init();
        String q = init().get("session_id").asText();
        TestSocket s = open(q);
        s.next();
        f.now.addAndGet(30_000);
        f.post("/ping", "{\"session_id\": \"" + q + "\"}");
        f.publisher.failing = true;
        f.now.addAndGet(31_000); // the active ones idle: END not published, places freed, q's START fails
        assertThat(s.next()).startsWith("ERROR: cannot start session: broker unreachable");
        assertThat(s.awaitClose()).isEqualTo(IngressService.CLOSE_PUBLISH_FAILED);
        await().atMost(WAIT).until(() -> f.service.activeSessions() == 0);
        assertThat(status(q).get("ended").asText()).isEqualTo("start failed");
        assertThat(status(a).get("ended").asText()).isEqualTo("idle");
    }
}
