package io.infinisst.stream.egress;

import static io.infinisst.stream.protocol.delivery.ClientMessages.complete;
import static io.infinisst.stream.protocol.delivery.ClientMessages.parseFormat;
import static io.infinisst.stream.protocol.delivery.ClientMessages.parseFrom;
import static io.infinisst.stream.protocol.delivery.ClientMessages.plainText;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.infinisst.stream.protocol.delivery.Outbox;
import io.infinisst.stream.protocol.records.ClientEvent;
import io.infinisst.stream.protocol.records.Json;
import io.infinisst.stream.protocol.records.TranslationEvent;
import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsErrorContext;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The egress endpoints: {@code WS /translations/{session_id}} and {@code GET /sessions/{session_id}/events}
 * (Server-Sent Events). Both subscribe to the {@link TranslationHub}, so a client that reconnects with
 * {@code ?from=N} (or SSE's {@code Last-Event-ID}) gets every chunk from N once.
 *
 * <p>WebSocket messages: by default the seed system's plain text (the chunk's new text, empty chunks
 * skipped); with {@code ?format=json} one {@link ClientEvent} per chunk. Either way a failed chunk is
 * {@code ERROR: chunk N: reason} and the final chunk is followed by {@code PROCESSING_COMPLETE: <n> chunks}.
 */
public final class EgressRoutes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EgressRoutes.class);
    /** Messages one client may have unsent before it is judged too slow and cut off. */
    static final int OUTBOX_LIMIT = 4096;
    /** Code for a bad {@code format}/{@code from} parameter: the standard "policy violation". */
    static final int CLOSE_BAD_REQUEST = 1008;
    private static final String EVENT_STREAM = "text/event-stream";
    /** The content type of the Prometheus text exposition format. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final TranslationHub hub;
    private final LongSupplier clock;
    private final ExecutorService writers;
    private final ScheduledExecutorService heartbeats;
    private final long heartbeatMs;
    private final Map<String, Connection> sockets = new ConcurrentHashMap<>();

    private EgressRoutes(TranslationHub hub, LongSupplier clock, long heartbeatMs) {
        this.hub = hub;
        this.clock = clock;
        this.heartbeatMs = heartbeatMs;
        AtomicInteger n = new AtomicInteger();
        this.writers = Executors.newCachedThreadPool(r -> daemon(r, "egress-writer-" + n.incrementAndGet()));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "egress-sse-heartbeat"));
    }

    /** Adds the egress endpoints to {@code app}; their threads stop with the server. */
    public static EgressRoutes register(Javalin app, TranslationHub hub) {
        return register(app, hub, System::currentTimeMillis, 15_000);
    }

    /**
     * @param clock epoch ms used for {@code latency_ms}
     * @param heartbeatMs interval of SSE comment lines that keep idle streams open through proxies
     */
    public static EgressRoutes register(Javalin app, TranslationHub hub, LongSupplier clock, long heartbeatMs) {
        EgressRoutes routes = new EgressRoutes(hub, clock, heartbeatMs);
        app.ws("/translations/{session_id}", ws -> {
            ws.onConnect(routes::onConnect);
            ws.onClose(routes::onClose);
            ws.onError(routes::onError);
        });
        app.before("/sessions/{session_id}/events", EgressRoutes::requireEventStream);
        app.sse("/sessions/{session_id}/events", routes::onSse);
        app.events(e -> e.serverStopped(routes::close));
        return routes;
    }

    /**
     * Adds {@code GET /metrics}: every meter of {@code registry} in the Prometheus text format. Register it
     * once per app (the embedded stack lets the ingress register it for both).
     */
    public static void registerMetrics(Javalin app, PrometheusMeterRegistry registry) {
        app.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape()));
    }

    /** Adds {@code GET /stats}: the pipeline's figures from the translation events (standalone egress). */
    public static void registerStats(Javalin app, TranslationStats stats) {
        app.get("/stats", ctx -> ctx.contentType(ContentType.APPLICATION_JSON)
                .result(Json.MAPPER.writeValueAsString(stats.snapshot())));
    }

    /** WebSocket clients currently attached. */
    public int socketCount() {
        return sockets.size();
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        writers.shutdownNow();
    }

    private void onConnect(WsConnectContext ctx) {
        String sessionId = ctx.pathParam("session_id");
        boolean json;
        long from;
        try {
            json = parseFormat(ctx.queryParam("format"));
            from = parseFrom(ctx.queryParam("from"));
        } catch (IllegalArgumentException e) {
            ctx.closeSession(CLOSE_BAD_REQUEST, e.getMessage());
            return;
        }
        Outbox outbox = new Outbox(writers, OUTBOX_LIMIT, "ws " + sessionId + "/" + ctx.sessionId());
        Connection conn = new Connection(outbox);
        sockets.put(ctx.sessionId(), conn);
        conn.subscription = hub.subscribe(sessionId, from, event -> {
            String plain = json ? null : plainText(event);
            if (json || plain != null) {
                queue(ctx, outbox, () -> ctx.send(json ? ClientEvent.of(event, clock.getAsLong()).toJson() : plain));
            }
            if (event.last()) {
                queue(ctx, outbox, () -> ctx.send(complete(event.chunk() + 1)));
            }
        });
        if (!sockets.containsKey(ctx.sessionId())) {
            closeQuietly(conn.subscription); // the socket closed while we subscribed
            return;
        }
        long finalChunk = hub.finalChunk(sessionId);
        if (finalChunk >= 0 && finalChunk < from) {
            // Reconnected after the end: nothing to replay, but the client still learns the session is over.
            queue(ctx, outbox, () -> ctx.send(complete(finalChunk + 1)));
        }
    }

    private void onClose(WsCloseContext ctx) {
        drop(ctx.sessionId());
    }

    private void onError(WsErrorContext ctx) {
        LOG.debug("translation socket {} failed: {}", ctx.sessionId(), String.valueOf(ctx.error()));
        drop(ctx.sessionId());
    }

    private void drop(String socketId) {
        Connection conn = sockets.remove(socketId);
        if (conn != null) {
            conn.outbox.abandon();
            closeQuietly(conn.subscription);
        }
    }

    /** Throwing makes the hub drop the listener of a client that stopped reading. */
    private static void queue(WsContext ctx, Outbox outbox, Runnable write) {
        if (!outbox.offer(write)) {
            outbox.abandon();
            ctx.closeSession(CLOSE_BAD_REQUEST, "client too slow");
            throw new IllegalStateException("translation socket " + ctx.sessionId() + " is not reading");
        }
    }

    /** Javalin streams only for exactly {@code Accept: text/event-stream}; say so instead of an empty 200. */
    private static void requireEventStream(Context ctx) {
        if (!EVENT_STREAM.equals(ctx.header("Accept"))) {
            ctx.status(HttpStatus.NOT_ACCEPTABLE).contentType(ContentType.APPLICATION_JSON)
                    .result(ClientError.json("this endpoint streams Server-Sent Events: send the header 'Accept: "
                            + EVENT_STREAM + "' (got '" + ctx.header("Accept") + "')"));
            ctx.skipRemainingHandlers();
        }
    }

    private void onSse(SseClient client) {
        client.keepAlive();
        String sessionId = client.ctx().pathParam("session_id");
        long from;
        try {
            from = parseFrom(client.ctx().queryParam("from"));
            String lastEventId = client.ctx().header("Last-Event-ID");
            if (lastEventId != null && client.ctx().queryParam("from") == null) {
                // EventSource reconnects with the id of the last event it got: resume after it.
                from = parseFrom(lastEventId) + 1;
            }
        } catch (IllegalArgumentException e) {
            client.sendEvent("error", ClientError.json(e.getMessage()));
            client.close();
            return;
        }
        Outbox outbox = new Outbox(writers, OUTBOX_LIMIT, "sse " + sessionId);
        AutoCloseable subscription = hub.subscribe(sessionId, from, event -> {
            String id = Long.toString(event.chunk());
            boolean queued = outbox.offer(
                    () -> client.sendEvent("translation", ClientEvent.of(event, clock.getAsLong()).toJson(), id));
            if (!queued) {
                outbox.abandon();
                client.close();
                throw new IllegalStateException("event stream of " + sessionId + " is not reading");
            }
            if (event.last()) {
                outbox.finish(() -> sendCompleteAndClose(client, sessionId, event.chunk() + 1));
            }
        });
        long finalChunk = hub.finalChunk(sessionId);
        if (finalChunk >= 0 && finalChunk < from) {
            outbox.finish(() -> sendCompleteAndClose(client, sessionId, finalChunk + 1));
        }
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(
                () -> outbox.offer(() -> client.sendComment("keep-alive")), heartbeatMs, heartbeatMs,
                TimeUnit.MILLISECONDS);
        client.onClose(() -> {
            heartbeat.cancel(false);
            outbox.abandon();
            closeQuietly(subscription);
        });
    }

    private static void sendCompleteAndClose(SseClient client, String sessionId, long chunks) {
        client.sendEvent("complete", "{\"session_id\":" + ClientError.quote(sessionId) + ",\"chunks\":" + chunks + "}");
        client.close();
    }

    /** The seed's plain-text message for an event, or null when there is nothing to show. */
    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("unsubscribe failed", e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** One WebSocket client: its ordered writes and its hub subscription. */
    private static final class Connection {
        final Outbox outbox;
        volatile AutoCloseable subscription;

        Connection(Outbox outbox) {
            this.outbox = outbox;
        }
    }

    /** Tiny JSON for the few non-event messages, without a mapper round trip. */
    static final class ClientError {
        private ClientError() {}

        static String json(String message) {
            return "{\"error\":" + quote(message) + "}";
        }

        static String quote(String s) {
            try {
                return Json.MAPPER.writeValueAsString(s);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
