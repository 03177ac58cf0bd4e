package io.infinisst.stream.egress;

import static io.infinisst.stream.egress.Events.chunk;
import static io.infinisst.stream.egress.Events.failed;
import static io.infinisst.stream.egress.Events.last;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.infinisst.stream.protocol.records.Json;
import io.infinisst.stream.protocol.testing.TestSocket;
import io.javalin.Javalin;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests for {@link EgressRoutes}, with a real server and real WebSocket and SSE clients. */
class EgressRoutesTest {
    private final AtomicLong now = new AtomicLong(1_250);
    private final TranslationHub hub = new TranslationHub(TranslationHub.Settings.defaults(), now::get, false);
    private final HttpClient http = HttpClient.newHttpClient();
    private Javalin app;
    private EgressRoutes routes;

    @BeforeEach
    void start() {
        app = Javalin.create(config -> config.showJavalinBanner = false);
        routes = EgressRoutes.register(app, hub, now::get, 100);
        app.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
        hub.close();
    }

    private String ws(String path) {
        return "ws://127.0.0.1:" + app.port() + path;
    }

    @Test
    void shouldSendPlainTextInChunkOrderAndCompleteAfterTheFinal() throws Exception {
        TestSocket socket = TestSocket.connect(http, ws("/translations/s1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> routes.socketCount() == 1);
        hub.accept(chunk("s1", 1, "world"));
        hub.accept(chunk("s1", 0, "hello "));
        hub.accept(chunk("s1", 2, "")); // nothing to show: skipped in plain text
        hub.accept(failed("s1", 3, "model timed out"));
        hub.accept(last("s1", 4, "!"));
        assertThat(socket.next()).isEqualTo("hello ");
        assertThat(socket.next()).isEqualTo("world");
        assertThat(socket.next()).isEqualTo("ERROR: chunk 3: model timed out");
        assertThat(socket.next()).isEqualTo("!");
        assertThat(socket.next()).isEqualTo("PROCESSING_COMPLETE: 5 chunks");
    }

    @Test
    void shouldSendJsonEventsWithLatencyAtSendTime() throws Exception {
        hub.accept(chunk("s2", 0, "hi"));
        TestSocket socket = TestSocket.connect(http, ws("/translations/s2?format=json"));
        JsonNode e = Json.MAPPER.readTree(socket.next());
        assertThat(e.get("session_id").asText()).isEqualTo("s2");
        assertThat(e.get("chunk").asLong()).isZero();
        assertThat(e.get("text").asText()).isEqualTo("hi");
        assertThat(e.get("final").asBoolean()).isFalse();
        assertThat(e.get("audio_end_ms").asLong()).isEqualTo(960);
        assertThat(e.get("latency_ms").asLong()).isEqualTo(250); // clock 1250 - ingress 1000
        assertThat(e.has("error")).isFalse();
    }

    @Test
    void shouldReplayFromTheRequestedChunkOnReconnect() throws Exception {
        for (long i = 0; i < 4; i++) {
            hub.accept(chunk("s3", i, "t" + i));
        }
        TestSocket socket = TestSocket.connect(http, ws("/translations/s3?from=2"));
        assertThat(socket.next()).isEqualTo("t2");
        assertThat(socket.next()).isEqualTo("t3");
        hub.accept(chunk("s3", 4, "t4"));
        assertThat(socket.next()).isEqualTo("t4");
    }

    @Test
    void shouldFanOutToEverySocketOfASession() throws Exception {
        TestSocket a = TestSocket.connect(http, ws("/translations/s4"));
        TestSocket b = TestSocket.connect(http, ws("/translations/s4?format=json"));
        await().atMost(Duration.ofSeconds(10)).until(() -> routes.socketCount() == 2);
        hub.accept(chunk("s4", 0, "both"));
        assertThat(a.next()).isEqualTo("both");
        assertThat(Json.MAPPER.readTree(b.next()).get("text").asText()).isEqualTo("both");
    }

    @Test
    void shouldCloseASocketWithABadParameter() throws Exception {
        TestSocket socket = TestSocket.connect(http, ws("/translations/s5?format=xml"));
        assertThat(socket.awaitClose()).isEqualTo(1008);
        assertThat(socket.closeReason).isEqualTo("format must be text or json; got 'xml'");
        TestSocket other = TestSocket.connect(http, ws("/translations/s5?from=-1"));
        assertThat(other.awaitClose()).isEqualTo(1008);
    }

    @Test
    void shouldUnsubscribeWhenTheSocketCloses() throws Exception {
        TestSocket socket = TestSocket.connect(http, ws("/translations/s6"));
        await().atMost(Duration.ofSeconds(10)).until(() -> routes.socketCount() == 1);
        socket.ws.sendClose(1000, "bye").get();
        await().atMost(Duration.ofSeconds(10)).until(() -> routes.socketCount() == 0);
        hub.accept(chunk("s6", 0, "nobody listens"));
        assertThat(hub.listenerFailures()).isZero();
    }

    @Test
    void shouldStreamServerSentEventsThenCompleteAndEnd() throws Exception {
        hub.accept(chunk("s7", 0, "a"));
        HttpResponse<InputStream> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/sessions/s7/events")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/event-stream"));
        hub.accept(failed("s7", 1, "bad audio"));
        hub.accept(last("s7", 2, "c"));
        List<Sse> events = readUntilEnd(response.body());
        assertThat(events).extracting(Sse::event).containsExactly("translation", "translation", "translation",
                "complete");
        assertThat(events).extracting(Sse::id).containsExactly("0", "1", "2", null);
        JsonNode second = Json.MAPPER.readTree(events.get(1).data());
        assertThat(second.get("error").asText()).isEqualTo("bad audio");
        assertThat(Json.MAPPER.readTree(events.get(2).data()).get("final").asBoolean()).isTrue();
        assertThat(Json.MAPPER.readTree(events.get(3).data()).get("chunks").asLong()).isEqualTo(3);
    }

    @Test
    void shouldResumeServerSentEventsAfterTheLastEventId() throws Exception {
        hub.accept(chunk("s8", 0, "a"));
        hub.accept(chunk("s8", 1, "b"));
        hub.accept(last("s8", 2, "c"));
        HttpResponse<InputStream> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/sessions/s8/events"))
                        .header("Accept", "text/event-stream").header("Last-Event-ID", "1").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        List<Sse> events = readUntilEnd(response.body());
        assertThat(events).extracting(Sse::id).containsExactly("2", null);
        // After the end, a reconnect past the final chunk is told at once that the session is complete.
        HttpResponse<InputStream> again = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/sessions/s8/events?from=3"))
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(readUntilEnd(again.body())).extracting(Sse::event).containsExactly("complete");
    }

    @Test
    void shouldKeepIdleEventStreamsAliveWithComments() throws Exception {
        HttpResponse<InputStream> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/sessions/s9/events")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        String line;
        do {
            line = reader.readLine();
        } while (line != null && !line.startsWith(":"));
        assertThat(line).isEqualTo(": keep-alive");
        response.body().close();
    }

    @Test
    void shouldRefuseAnEventStreamRequestWithoutTheEventStreamAcceptHeader() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/sessions/s10/events")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(Json.MAPPER.readTree(response.body()).get("error").asText()).contains("Accept: text/event-stream");
    }

    /** One parsed Server-Sent Event. */
    record Sse(String event, String id, String data) {}

    private static List<Sse> readUntilEnd(InputStream body) throws Exception {
        List<Sse> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = null;
            String id = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (event != null || data.length() > 0) {
                        events.add(new Sse(event, id, data.toString()));
                    }
                    event = null;
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
        }
        return events;
    }
}
