package io.infinisst.stream.eval.replay;

import io.infinisst.stream.eval.client.SessionListener;
import io.infinisst.stream.eval.client.StreamClient;
import io.infinisst.stream.eval.data.EvalItem;
import io.infinisst.stream.eval.run.SessionRun;
import io.infinisst.stream.protocol.records.Json;
import io.infinisst.stream.protocol.records.SessionRequest;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Replays one recorded session into a running system under a new session id: {@code POST /init} with the
 * recorded pair, multiplier, encoding and sample rate, then the recorded frames over {@code WS /wss/{id}} as
 * they were (same bytes, same frame boundaries) on the {@link ReplaySchedule}, and collects the translations
 * exactly as {@link StreamClient} does, so a replay scores like a live session.
 */
public final class ReplayClient {
    private final URI base;
    private final double speed;
    private final Duration completionTimeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public ReplayClient(URI base, double speed, Duration completionTimeout) {
        this.base = base;
        this.speed = speed;
        this.completionTimeout = completionTimeout;
    }

    /** Replays; never throws for a failed session (the run carries the failure). */
    public SessionRun replay(RecordedSession s, int user) throws InterruptedException {
        SessionRequest start = s.start();
        EvalItem item = s.entry() == null ? null : s.entry().item();
        long called = System.currentTimeMillis();
        try {
            return run(s, user, item);
        } catch (IOException | RuntimeException e) {
            return new SessionRun(user, item, start.languagePair(), start.latencyMultiplier(), s.sessionId(), called,
                    null, e.toString());
        }
    }

    private SessionRun run(RecordedSession s, int user, EvalItem item) throws IOException, InterruptedException {
        SessionRequest start = s.start();
        String id = init(start);
        List<ReplaySchedule.Step> steps = ReplaySchedule.of(s, speed);
        int frames = (int) steps.stream().filter(x -> x.kind() == ReplaySchedule.Kind.AUDIO).count();
        long[] frameEnds = new long[frames]; // cumulative samples at the end of each frame
        int bps = start.encoding().bytesPerSample();
        long samples = 0;
        int f = 0;
        for (ReplaySchedule.Step x : steps) {
            if (x.kind() == ReplaySchedule.Kind.AUDIO) {
                samples += x.pcm().length / bps;
                frameEnds[f++] = samples;
            }
        }
        SessionListener collector = new SessionListener(frameEnds, start.sampleRate(), r -> {});
        URI ws = URI.create(base.toString().replaceFirst("^http", "ws") + "/wss/"
                + URLEncoder.encode(id, StandardCharsets.UTF_8) + "?format=json");
        long t0 = System.currentTimeMillis();
        WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(ws, collector).join();
        long firstSent = t0;
        boolean eofSent = false;
        try {
            if (!collector.awaitReady(completionTimeout.toMillis())
                    || collector.readyLine() == null) {
                throw new IOException("no READY from " + ws + "; errors: " + collector.errors());
            }
            long zero = System.nanoTime();
            int frame = 0;
            for (ReplaySchedule.Step x : steps) {
                if (collector.closeCode() != 0) {
                    break;
                }
                long wait = zero + x.atMs() * 1_000_000L - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // keeping the recorded pace
                }
                switch (x.kind()) {
                    case AUDIO -> {
                        long now = System.currentTimeMillis();
                        if (frame == 0) {
                            firstSent = now;
                        }
                        collector.sent(frame++);
                        socket.sendBinary(ByteBuffer.wrap(x.pcm()), true).join();
                    }
                    case PING -> post("/ping", id);
                    case EOF -> {
                        socket.sendText("EOF", true).join();
                        eofSent = true;
                    }
                    case DELETE -> post("/delete_session", id);
                }
            }
            boolean completed = eofSent
                    && collector.awaitComplete(completionTimeout.toMillis())
                    && collector.completion() != null;
            StreamClient.Result result = new StreamClient.Result(id, collector.readyLine(),
                    collector.received(), collector.errors(), completed, collector.completion(),
                    samples / (double) start.sampleRate(), System.currentTimeMillis() - t0);
            return new SessionRun(user, item, start.languagePair(), start.latencyMultiplier(), s.sessionId(),
                    firstSent, result, null);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
        }
    }

    private String init(SessionRequest start) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent_type", "InfiniSST");
        body.put("language_pair", start.languagePair());
        body.put("latency_multiplier", start.latencyMultiplier());
        body.put("encoding", start.encoding().wireName());
        body.put("sample_rate", start.sampleRate());
        body.put("client_id", "sst-replay");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/init"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("/init answered " + r.statusCode() + ": " + r.body());
        }
        return Json.MAPPER.readTree(r.body()).path("session_id").asText();
    }

    private void post(String path, String id) throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(Map.of("session_id", id))))
                .build(), HttpResponse.BodyHandlers.discarding());
    }
}
