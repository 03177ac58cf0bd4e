package io.infinisst.stream.eval.client;

import io.infinisst.stream.eval.audio.Wav;
import io.infinisst.stream.protocol.audio.AudioEncoding;
import io.infinisst.stream.protocol.audio.Resampler;
import io.infinisst.stream.protocol.records.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Streams one recording through the session API as a user's program would: {@code POST /init}, then
 * {@code WS /wss/{id}?format=json}, audio frames at real-time pace (or faster), {@code EOF}, and the
 * translations as they arrive until {@code PROCESSING_COMPLETE}.
 */
public final class StreamClient {
    public static final int SAMPLE_RATE = 16_000;

    /**
     * @param baseUrl e.g. {@code http://127.0.0.1:8000}
     * @param languagePair e.g. {@code English -> Chinese}
     * @param latencyMultiplier 1–4
     * @param speed 1.0 = real time, 2.0 = twice as fast, 0 = as fast as the socket takes it
     * @param frameSeconds audio per WebSocket frame (evaluation clients send 0.1 s)
     * @param completionTimeout how long to wait for {@code PROCESSING_COMPLETE} after {@code EOF}
     */
    public record Options(URI baseUrl, String languagePair, int latencyMultiplier, double speed, double frameSeconds,
            Duration completionTimeout) {
        public static Options defaults(URI baseUrl, String languagePair) {
            return new Options(baseUrl, languagePair, 2, 1.0, 0.1, Duration.ofSeconds(60));
        }

        public Options withSpeed(double s) {
            return new Options(baseUrl, languagePair, latencyMultiplier, s, frameSeconds, completionTimeout);
        }

        public Options withLatencyMultiplier(int m) {
            return new Options(baseUrl, languagePair, m, speed, frameSeconds, completionTimeout);
        }
    }

    /**
     * One translation event as the client received it.
     *
     * @param latencyMs the server's figure: ingress receipt of the chunk's last audio → sent to this socket
     * @param clientLatencyMs this client's figure: the frame holding the chunk's last sample sent → received
     */
    public record Received(String sessionId, long chunk, String text, boolean last, long audioEndMs, long latencyMs,
            long clientLatencyMs, long receivedAtMs) {}

    /** What one streamed session produced. */
    public record Result(String sessionId, String ready, List<Received> translations, List<String> errors,
            boolean completed, String completion, double audioSeconds, long wallMs) {
        public String text() {
            StringBuilder sb = new StringBuilder();
            translations.forEach(r -> sb.append(r.text()));
            return sb.toString();
        }
    }

    private final HttpClient http;
    private final Options options;

    public StreamClient(Options options) {
        this.options = options;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Creates a session and answers its id; the session API's {@code /init}. */
    public String init() throws IOException, InterruptedException {
        String body = Json.MAPPER.writeValueAsString(Map.of(
                "agent_type", "InfiniSST",
                "language_pair", options.languagePair(),
                "latency_multiplier", options.latencyMultiplier(),
                "encoding", "s16le",
                "sample_rate", SAMPLE_RATE,
                "client_id", "sst-stream-client"));
        HttpRequest req = HttpRequest.newBuilder(options.baseUrl().resolve("/init"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) {
            throw new IOException("/init answered " + resp.statusCode() + ": " + resp.body());
        }
        return Json.MAPPER.readTree(resp.body()).path("session_id").asText();
    }

    /** Streams the recording (resampled to 16 kHz) and waits for the session to complete. */
    public Result stream(Wav wav, Consumer<Received> onTranslation) throws IOException, InterruptedException {
        String sessionId = init();
        float[] audio = Resampler.resample(wav.samples(), wav.sampleRate(), SAMPLE_RATE);
        int frame = (int) Math.round(options.frameSeconds() * SAMPLE_RATE);
        SessionListener collector = new SessionListener(SessionListener.evenFrames(audio.length, frame), SAMPLE_RATE,
                onTranslation);
        URI ws = URI.create(options.baseUrl().toString().replaceFirst("^http", "ws") + "/wss/"
                + URLEncoder.encode(sessionId, StandardCharsets.UTF_8) + "?format=json");
        long t0 = System.currentTimeMillis();
        WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(ws, collector).join();
        try {
            // A queued session (admission control) hears QUEUED lines until a place frees, then READY.
            boolean ready = collector.awaitReady(10_000)
                    || (collector.queuedLine() != null
                            && collector.awaitReady(options.completionTimeout().toMillis()));
            if (!ready) {
                throw new IOException("no READY from " + ws + " (last queue line: " + collector.queuedLine() + "); errors: "
                        + collector.errors());
            }
            long start = System.nanoTime();
            for (int off = 0, i = 0; off < audio.length && collector.closeCode() == 0; off += frame, i++) {
                if (options.speed() > 0) {
                    long due = start + (long) (i * options.frameSeconds() * 1e9 / options.speed());
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait); // pacing a real-time sender, not waiting for a result
                    }
                }
                float[] part = Arrays.copyOfRange(audio, off, Math.min(audio.length, off + frame));
                collector.sent(i);
                socket.sendBinary(ByteBuffer.wrap(AudioEncoding.S16LE.fromFloats(part)), true).join();
            }
            if (collector.closeCode() == 0) {
                socket.sendText("EOF", true).join();
            }
            boolean completed = collector.awaitComplete(options.completionTimeout().toMillis());
            return new Result(sessionId, collector.readyLine(), collector.received(),
                    collector.errors(), completed && collector.completion() != null, collector.completion(),
                    audio.length / (double) SAMPLE_RATE, System.currentTimeMillis() - t0);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
        }
    }
}
