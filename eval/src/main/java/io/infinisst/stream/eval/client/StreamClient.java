package io.infinisst.stream.eval.client;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
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
        Collector collector = new Collector(onTranslation, frame, (audio.length + frame - 1) / frame);
        URI ws = URI.create(options.baseUrl().toString().replaceFirst("^http", "ws") + "/wss/"
                + URLEncoder.encode(sessionId, StandardCharsets.UTF_8) + "?format=json");
        long t0 = System.currentTimeMillis();
        WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(ws, collector).join();
        try {
            // A queued session (admission control) hears QUEUED lines until a place frees, then READY.
            boolean ready = collector.ready.await(10, TimeUnit.SECONDS)
                    || (collector.queued != null
                            && collector.ready.await(options.completionTimeout().toMillis(), TimeUnit.MILLISECONDS));
            if (!ready) {
                throw new IOException("no READY from " + ws + " (last queue line: " + collector.queued + "); errors: "
                        + collector.errors);
            }
            long start = System.nanoTime();
            for (int off = 0, i = 0; off < audio.length && collector.closeCode == 0; off += frame, i++) {
                if (options.speed() > 0) {
                    long due = start + (long) (i * options.frameSeconds() * 1e9 / options.speed());
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait); // pacing a real-time sender, not waiting for a result
                    }
                }
                float[] part = Arrays.copyOfRange(audio, off, Math.min(audio.length, off + frame));
                collector.sentAtMs[i] = System.currentTimeMillis();
                socket.sendBinary(ByteBuffer.wrap(AudioEncoding.S16LE.fromFloats(part)), true).join();
            }
            if (collector.closeCode == 0) {
                socket.sendText("EOF", true).join();
            }
            boolean completed = collector.complete.await(options.completionTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Result(sessionId, collector.readyLine, List.copyOf(collector.received),
                    List.copyOf(collector.errors), completed && collector.completion != null, collector.completion,
                    audio.length / (double) SAMPLE_RATE, System.currentTimeMillis() - t0);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
        }
    }

    /** Assembles text frames (which may arrive in parts) and sorts them into READY, events, errors. */
    private static final class Collector implements WebSocket.Listener {
        final CountDownLatch ready = new CountDownLatch(1);
        final CountDownLatch complete = new CountDownLatch(1);
        final List<Received> received = Collections.synchronizedList(new ArrayList<>());
        final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        final Consumer<Received> onTranslation;
        final int frameSamples;
        /** When each frame was handed to the socket; read only for frames a translation proves were sent. */
        final long[] sentAtMs;
        final StringBuilder partial = new StringBuilder();
        volatile String readyLine;
        volatile String queued;
        volatile String completion;
        volatile int closeCode;

        Collector(Consumer<Received> onTranslation, int frameSamples, int frames) {
            this.onTranslation = onTranslation;
            this.frameSamples = frameSamples;
            this.sentAtMs = new long[Math.max(1, frames)];
        }

        private long clientLatency(long audioEndMs, long now) {
            long lastSample = Math.max(0, audioEndMs * SAMPLE_RATE / 1000 - 1);
            int f = (int) Math.min(sentAtMs.length - 1, lastSample / frameSamples);
            return sentAtMs[f] == 0 ? -1 : now - sentAtMs[f];
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                handle(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        private void handle(String msg) {
            if (msg.startsWith("QUEUED")) {
                queued = msg;
            } else if (msg.startsWith("READY")) {
                readyLine = msg;
                ready.countDown();
            } else if (msg.startsWith("PROCESSING_COMPLETE")) {
                completion = msg;
                complete.countDown();
            } else if (msg.startsWith("ERROR")) {
                errors.add(msg);
            } else {
                try {
                    JsonNode n = Json.MAPPER.readTree(msg);
                    long now = System.currentTimeMillis();
                    long audioEnd = n.path("audio_end_ms").asLong();
                    Received r = new Received(n.path("session_id").asText(), n.path("chunk").asLong(),
                            n.path("text").asText(), n.path("final").asBoolean(), audioEnd,
                            n.path("latency_ms").asLong(), clientLatency(audioEnd, now), now);
                    received.add(r);
                    onTranslation.accept(r);
                } catch (IOException e) {
                    errors.add("unparseable message: " + msg);
                }
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCode = statusCode;
            if (statusCode != WebSocket.NORMAL_CLOSURE) {
                errors.add("closed " + statusCode + ": " + reason);
            }
            ready.countDown();
            complete.countDown();
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            errors.add("socket error: " + error);
            closeCode = -1;
            ready.countDown();
            complete.countDown();
        }
    }
}
