package io.infinisst.stream.embedded.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import io.infinisst.stream.model.ModelSpec;
import io.infinisst.stream.model.StepInput;
import io.infinisst.stream.model.StepOutput;
import io.infinisst.stream.model.StreamingTranslator;
import io.infinisst.stream.model.Translators;
import io.infinisst.stream.protocol.audio.AudioEncoding;
import io.infinisst.stream.protocol.audio.Resampler;
import io.infinisst.stream.protocol.delivery.ClientMessages;
import io.infinisst.stream.protocol.records.ClientEvent;
import io.infinisst.stream.protocol.records.Json;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A benchmark baseline, not part of the serving system: the same model served the way common streaming
 * servers do it — one model call per session per chunk, a thread per client, no Kafka, no Flink, no
 * batching. It speaks the ingress's protocol ({@code POST /init}, {@code WS /wss/{id}?format=json},
 * {@code EOF}) so the same load clients measure both. One model instance per language pair stands for one
 * device: calls to it are serialized, as they would be on one GPU.
 */
public final class DirectServer implements AutoCloseable {
    private static final int RATE = 16_000;

    private final Map<String, StreamingTranslator> models = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Javalin app;

    /** One client's stream: its own thread turns queued frames into chunks and model calls. */
    private final class Session implements Runnable {
        final String id;
        final StreamingTranslator model;
        final int chunkSamples;
        final int rate;
        final AudioEncoding encoding;
        final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        volatile WsContext socket;
        float[] tail = new float[0];
        long chunk;
        long samples;
        long lastArrivalMs;

        Session(String id, StreamingTranslator model, int multiplier, int rate, AudioEncoding encoding) {
            this.id = id;
            this.model = model;
            this.chunkSamples = 15_360 * multiplier;
            this.rate = rate;
            this.encoding = encoding;
        }

        @Override
        public void run() {
            synchronized (model) {
                model.open(id);
            }
            try {
                while (true) {
                    Object item = inbox.take();
                    if (item instanceof byte[] pcm) {
                        lastArrivalMs = System.currentTimeMillis();
                        float[] audio = Resampler.resample(encoding.toFloats(pcm), rate, RATE);
                        float[] joined = Arrays.copyOf(tail, tail.length + audio.length);
                        System.arraycopy(audio, 0, joined, tail.length, audio.length);
                        int off = 0;
                        while (joined.length - off >= chunkSamples) {
                            step(Arrays.copyOfRange(joined, off, off + chunkSamples), false);
                            off += chunkSamples;
                        }
                        tail = Arrays.copyOfRange(joined, off, joined.length);
                    } else {
                        lastArrivalMs = System.currentTimeMillis();
                        step(tail, true);
                        socket.send(ClientMessages.complete(chunk));
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                synchronized (model) {
                    model.close(id);
                }
                sessions.remove(id);
            }
        }

        private void step(float[] audio, boolean last) {
            List<StepOutput> out;
            synchronized (model) { // one device: one call at a time
                out = model.step(List.of(new StepInput(id, chunk, audio, last)));
            }
            samples += audio.length;
            long now = System.currentTimeMillis();
            socket.send(new ClientEvent(id, chunk, out.get(0).text(), last, samples * 1000 / RATE,
                    now - lastArrivalMs, null).toJson());
            chunk++;
        }
    }

    /** Serves each spec's model for its language pair (one instance per pair: one device). */
    public DirectServer(List<ModelSpec> specs) {
        for (ModelSpec spec : specs) {
            models.put(spec.languagePair(), Translators.create(spec));
        }
        app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.jetty.modifyWebSocketServletFactory(f -> f.setMaxBinaryMessageSize(16L << 20));
        });
        app.post("/init", ctx -> {
            JsonNode body = Json.MAPPER.readTree(ctx.body().isBlank() ? "{}" : ctx.body());
            String pair = body.path("language_pair").asText("English -> Chinese");
            StreamingTranslator model = models.get(pair);
            if (model == null) {
                ctx.status(400).json(Map.of("error", "language_pair '" + pair + "' is not served"));
                return;
            }
            String id = UUID.randomUUID().toString();
            sessions.put(id, new Session(id, model, body.path("latency_multiplier").asInt(2),
                    body.path("sample_rate").asInt(RATE), AudioEncoding.parse(body.path("encoding").asText(null))));
            ctx.json(Map.of("session_id", id, "queued", false, "queue_position", 0));
        });
        app.ws("/wss/{session_id}", ws -> {
            ws.onConnect(ctx -> {
                Session s = sessions.get(ctx.pathParam("session_id"));
                if (s == null) {
                    ctx.closeSession(4000, "unknown session");
                    return;
                }
                s.socket = ctx;
                Thread t = new Thread(s, "direct-" + s.id);
                t.setDaemon(true);
                t.start();
                ctx.send("READY: direct baseline session " + s.id);
            });
            ws.onBinaryMessage(ctx -> {
                Session s = sessions.get(ctx.pathParam("session_id"));
                if (s != null) {
                    s.inbox.add(Arrays.copyOfRange(ctx.data(), ctx.offset(), ctx.offset() + ctx.length()));
                }
            });
            ws.onMessage(ctx -> {
                Session s = sessions.get(ctx.pathParam("session_id"));
                if (s != null && "EOF".equals(ctx.message())) {
                    s.inbox.add(Boolean.TRUE);
                }
            });
        });
    }

    public DirectServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        models.values().forEach(StreamingTranslator::close);
    }
}
