package io.infinisst.stream.ingress;

import static io.infinisst.stream.ingress.FakeFeed.chunk;
import static io.infinisst.stream.ingress.FakeFeed.failed;
import static io.infinisst.stream.ingress.IngressFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.infinisst.stream.protocol.records.Json;
import io.infinisst.stream.protocol.records.RequestType;
import io.infinisst.stream.protocol.records.SessionRequest;
import io.infinisst.stream.protocol.testing.TestSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests for the {@code /wss/{session_id}} socket of {@link IngressRoutes}, with real WebSocket clients. */
class IngressWebSocketTest {
    private IngressFixture f;

    @BeforeEach
    void start() {
        f = new IngressFixture().start(Duration.ofMillis(20));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private TestSocket open(String sessionId) throws Exception {
        return TestSocket.connect(f.http, f.ws("/wss/" + sessionId));
    }

    @Test
    void shouldCloseASocketForAnUnknownSessionWith4000() throws Exception {
        TestSocket s = open("nope");
        assertThat(s.awaitClose()).isEqualTo(4000);
        assertThat(s.closeReason).isEqualTo("unknown session");
    }

    @Test
    void shouldGreetWithReady() throws Exception {
        String id = f.init("{\"latency_multiplier\": 1, \"encoding\": \"s16le\", \"sample_rate\": 44100}");
        TestSocket s = open(id);
        assertThat(s.next()).isEqualTo("READY: session " + id + " English -> Chinese, 44100 Hz s16le, chunk 0.96 s");
    }

    @Test
    void shouldPublishBinaryFramesAsAudioInOrderWithSequenceNumbers() throws Exception {
        String id = f.init("{}");
        TestSocket s = open(id);
        s.next();
        for (int i = 1; i <= 5; i++) {
            s.sendBinary(new byte[4 * i]);
        }
        List<SessionRequest> audio = f.publisher.awaitRecords(id, RequestType.AUDIO, 5);
        assertThat(audio).extracting(SessionRequest::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(audio).extracting(r -> r.pcm().length).containsExactly(4, 8, 12, 16, 20);
    }

    @Test
    void shouldAcceptFramesLargerThan64KiB() throws Exception {
        String id = f.init("{}");
        TestSocket s = open(id);
        s.next();
        byte[] tenSeconds = new byte[16_000 * 4 * 10]; // 640,000 bytes of f32le
        s.sendBinary(tenSeconds);
        assertThat(f.publisher.awaitRecords(id, RequestType.AUDIO, 1).get(0).pcm()).hasSize(tenSeconds.length);
        JsonNode status = json(f.get("/queue_status/" + id));
        assertThat(status.get("audio_seconds_received").asDouble()).isEqualTo(10.0);
        assertThat(status.get("chunks_emitted").asLong()).isEqualTo(5); // 10 s / 1.92 s
    }

    @Test
    void shouldRefuseAFrameOfPartialSamplesWithoutDisturbingOtherSessions() throws Exception {
        String bad = f.init("{\"encoding\": \"s16le\"}");
        String good = f.init("{}");
        TestSocket badSocket = open(bad);
        TestSocket goodSocket = open(good);
        badSocket.next();
        goodSocket.next();
        badSocket.sendBinary(new byte[3]);
        assertThat(badSocket.next()).isEqualTo(
                "ERROR: audio frame of 3 bytes is not a whole number of s16le samples (2 bytes each)");
        assertThat(badSocket.awaitClose()).isEqualTo(4001);
        assertThat(f.publisher.records(bad)).extracting(SessionRequest::type).containsExactly(RequestType.START);

        goodSocket.sendBinary(new byte[8]);
        f.publisher.awaitRecords(good, RequestType.AUDIO, 1);
        f.feed.emit(chunk(good, 0, "still here", false));
        assertThat(goodSocket.next()).isEqualTo("still here");
    }

    @Test
    void shouldPublishEndOnEofAndCompleteAfterTheFinalTranslation() throws Exception {
        String id = f.init("{\"latency_multiplier\": 1}");
        TestSocket s = open(id);
        s.next();
        s.sendBinary(new byte[15_360 * 4 + 400]); // one full chunk and a partial one
        s.sendText("EOF");
        SessionRequest end = f.publisher.awaitRecords(id, RequestType.END, 1).get(0);
        assertThat(end.endReason()).isEqualTo("eof");
        assertThat(end.seq()).isEqualTo(2);
        assertThat(json(f.get("/queue_status/" + id)).get("chunks_emitted").asLong()).isEqualTo(2);

        f.feed.emit(chunk(id, 0, "hello", false));
        f.feed.emit(chunk(id, 1, "", true));
        assertThat(s.next()).isEqualTo("hello");
        assertThat(s.next()).isEqualTo("PROCESSING_COMPLETE: 2 chunks");
        JsonNode status = json(f.get("/queue_status/" + id));
        assertThat(status.get("chunks_translated").asLong()).isEqualTo(2);
        assertThat(status.get("pending_chunks").asLong()).isZero();
        assertThat(status.get("ended").asText()).isEqualTo("eof");
    }

    @Test
    void shouldCloseWith4002WhenAudioFollowsEof() throws Exception {
        String id = f.init("{}");
        TestSocket s = open(id);
        s.next();
        s.sendText("EOF");
        s.sendBinary(new byte[4]);
        assertThat(s.next()).isEqualTo("ERROR: audio after EOF");
        assertThat(s.awaitClose()).isEqualTo(4002);
        assertThat(f.publisher.records(id)).extracting(SessionRequest::type)
                .containsExactly(RequestType.START, RequestType.END);
    }

    @Test
    void shouldAnswerUnknownTextWithAnErrorAndKeepTheSocket() throws Exception {
        String id = f.init("{}");
        TestSocket s = open(id);
        s.next();
        s.sendText("HELLO");
        assertThat(s.next()).isEqualTo("ERROR: unknown command 'HELLO'; send binary PCM frames, then EOF");
        s.sendBinary(new byte[4]);
        f.publisher.awaitRecords(id, RequestType.AUDIO, 1);
        assertThat(s.closeCode).isNotDone();
    }

    @Test
    void shouldSendJsonEventsAndChunkErrors() throws Exception {
        String id = f.init("{}");
        TestSocket s = TestSocket.connect(f.http, f.ws("/wss/" + id + "?format=json"));
        s.next();
        f.now.set(5_300);
        f.feed.emit(chunk(id, 0, "ciao", false));
        JsonNode e = Json.MAPPER.readTree(s.next());
        assertThat(e.get("session_id").asText()).isEqualTo(id);
        assertThat(e.get("chunk").asLong()).isZero();
        assertThat(e.get("text").asText()).isEqualTo("ciao");
        assertThat(e.get("final").asBoolean()).isFalse();
        assertThat(e.get("audio_end_ms").asLong()).isEqualTo(1920);
        assertThat(e.get("latency_ms").asLong()).isEqualTo(300);
        f.feed.emit(failed(id, 1, "inference timed out"));
        assertThat(Json.MAPPER.readTree(s.next()).get("error").asText()).isEqualTo("inference timed out");

        TestSocket plain = open(id);
        assertThat(plain.next()).startsWith("READY:");
        assertThat(plain.next()).isEqualTo("ciao"); // replayed from chunk 0
        assertThat(plain.next()).isEqualTo("ERROR: chunk 1: inference timed out");
    }

    @Test
    void shouldFanTranslationsOutToEverySocketOfTheSession() throws Exception {
        String id = f.init("{}");
        TestSocket a = open(id);
        TestSocket b = open(id);
        a.next();
        b.next();
        await().atMost(Duration.ofSeconds(10)).until(() -> f.feed.listenerCount(id) == 3); // 2 sockets + counter
        f.feed.emit(chunk(id, 0, "both", false));
        assertThat(a.next()).isEqualTo("both");
        assertThat(b.next()).isEqualTo("both");
    }

    @Test
    void shouldCloseTheSessionsSocketsOnDelete() throws Exception {
        String id = f.init("{}");
        TestSocket s = open(id);
        s.next();
        f.post("/delete_session?session_id=" + id, null);
        assertThat(s.awaitClose()).isEqualTo(1000);
        assertThat(open(id).awaitClose()).isEqualTo(4000);
    }

    @Test
    void shouldEndIdleSessionsAndCloseTheirSockets() throws Exception {
        String id = f.init("{}");
        String busy = f.init("{}");
        TestSocket s = open(id);
        s.next();
        f.now.addAndGet(59_000);
        f.post("/ping?session_id=" + busy, null);
        f.now.addAndGet(1_000); // id idle for the 60 s timeout; busy pinged 1 s ago
        SessionRequest end = f.publisher.awaitRecords(id, RequestType.END, 1).get(0);
        assertThat(end.endReason()).isEqualTo("idle");
        assertThat(s.awaitClose()).isEqualTo(1000);
        assertThat(f.publisher.records(busy)).extracting(SessionRequest::type)
                .doesNotContain(RequestType.END);
        assertThat(json(f.get("/queue_status/" + id)).get("ended").asText()).isEqualTo("idle");
    }

    @Test
    void shouldForgetEndedSessionsAfterTheGracePeriod() throws Exception {
        String id = f.init("{}");
        f.post("/delete_session?session_id=" + id, null);
        f.now.addAndGet(Duration.ofMinutes(10).toMillis());
        await().atMost(Duration.ofSeconds(10)).until(() -> f.service.sessionCount() == 0);
        assertThat(f.get("/queue_status/" + id).statusCode()).isEqualTo(404);
        assertThat(f.feed.listenerCount(id)).isZero();
    }
}
