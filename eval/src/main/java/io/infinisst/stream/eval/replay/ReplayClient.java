package io.infinisst.stream.eval.replay;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

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
        Collector collector = new Collector(frameEnds, start.sampleRate());
        URI ws = URI.create(base.toString().replaceFirst("^http", "ws") + "/wss/"
                + URLEncoder.encode(id, StandardCharsets.UTF_8) + "?format=json");
        long t0 = System.currentTimeMillis();
        WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(ws, collector).join();
        long firstSent = t0;
        boolean eofSent = false;
        try {
            if (!collector.ready.await(completionTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    || collector.readyLine == null) {
                throw new IOException("no READY from " + ws + "; errors: " + collector.errors);
            }
            long zero = System.nanoTime();
            int frame = 0;
            for (ReplaySchedule.Step x : steps) {
                if (collector.closeCode != 0) {
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
                        collector.sentAtMs.set(frame++, now);
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
                    && collector.complete.await(completionTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    && collector.completion != null;
            StreamClient.Result result = new StreamClient.Result(id, collector.readyLine,
                    List.copyOf(collector.received), List.copyOf(collector.errors), completed, collector.completion,
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

    /** Sorts a socket's text frames into READY, translations, errors and the completion line. */
    private static final class Collector implements WebSocket.Listener {
        final CountDownLatch ready = new CountDownLatch(1);
        final CountDownLatch complete = new CountDownLatch(1);
        final List<StreamClient.Received> received = Collections.synchronizedList(new ArrayList<>());
        final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        final long[] frameEnds;
        final int sampleRate;
        final AtomicLongArray sentAtMs;
        final StringBuilder partial = new StringBuilder();
        volatile String readyLine;
        volatile String completion;
        volatile int closeCode;

        Collector(long[] frameEnds, int sampleRate) {
            this.frameEnds = frameEnds;
            this.sampleRate = sampleRate;
            this.sentAtMs = new AtomicLongArray(Math.max(1, frameEnds.length));
        }

        /** The frame holding the chunk's last sample (at the recorded rate) was sent when? -1 if unknown. */
        private long clientLatency(long audioEndMs, long now) {
            long lastSample = Math.max(0, (long) Math.ceil(audioEndMs * (double) sampleRate / 1000) - 1);
            int lo = 0;
            int hi = frameEnds.length - 1;
            if (hi < 0) {
                return -1;
            }
            while (lo < hi) { // first frame whose end passes the sample
                int mid = (lo + hi) >>> 1;
                if (frameEnds[mid] > lastSample) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            long sent = sentAtMs.get(lo);
            return sent == 0 ? -1 : now - sent;
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
            if (msg.startsWith("READY")) {
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
                    received.add(new StreamClient.Received(n.path("session_id").asText(), n.path("chunk").asLong(),
                            n.path("text").asText(), n.path("final").asBoolean(), audioEnd,
                            n.path("latency_ms").asLong(), clientLatency(audioEnd, now), now));
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
