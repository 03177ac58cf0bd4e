package io.infinisst.stream.ingress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.infinisst.stream.protocol.config.SstConfig;
import io.infinisst.stream.protocol.records.Json;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed system's session API on Javalin: {@code POST /init}, {@code GET /queue_status/{session_id}},
 * {@code POST /delete_session}, {@code POST /ping}, {@code GET /health} and {@code WS /wss/{session_id}};
 * with {@link #registerControl} {@code POST /configure} and {@code GET /stats}, with {@link #registerMetrics}
 * {@code GET /metrics}.
 * Handlers only translate HTTP to {@link IngressService} calls; every error is a JSON {@code {"error": ...}}.
 *
 * <p>WebSocket protocol: on connect {@code READY: session <id> <pair>, <rate> Hz <encoding>, chunk <s> s},
 * or for a session waiting for admission {@code QUEUED: position <n>} (again whenever the position falls,
 * then {@code READY} once admitted; audio or EOF before that is answered {@code ERROR: session is queued});
 * binary frames are PCM (whole samples) in the session's encoding; text {@code EOF} ends the audio; the
 * client receives each chunk's new text (or with {@code ?format=json} one JSON event per chunk), failed
 * chunks as {@code ERROR: chunk N: reason}, and {@code PROCESSING_COMPLETE: <n> chunks} after the final one.
 * Close codes: 4000 unknown or ended session, 4001 frame not whole samples, 4002 audio after EOF.
 */
public final class IngressRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(IngressRoutes.class);
    /** Jetty refuses binary messages over 64 KiB by default; a client may send seconds of f32 audio at once. */
    public static final long MAX_BINARY_MESSAGE_BYTES = 16L * 1024 * 1024;
    /** The content type of the Prometheus text exposition format. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private IngressRoutes() {}

    /**
     * Server settings the ingress needs, for an app created elsewhere (the embedded launcher): large binary
     * WebSocket messages, and a socket idle timeout longer than the session idle timeout so the reaper, not
     * Jetty, decides when a quiet session ends.
     */
    public static void configure(JavalinConfig config, SstConfig sst) {
        config.showJavalinBanner = false;
        Duration idle = Duration.ofSeconds(sst.serving.sessionIdleTimeoutS + 30);
        config.jetty.modifyWebSocketServletFactory(factory -> {
            factory.setMaxBinaryMessageSize(MAX_BINARY_MESSAGE_BYTES);
            factory.setIdleTimeout(idle);
        });
    }

    /** A Javalin app with {@link #configure} applied and nothing registered yet. */
    public static Javalin createApp(SstConfig sst) {
        return Javalin.create(config -> configure(config, sst));
    }

    /** Adds the session API and the JSON error handlers to {@code app}. */
    public static void register(Javalin app, IngressService service) {
        SstConfig config = service.config();
        app.post("/init", ctx -> json(ctx, 200, service.init(SessionParams.parse(fields(ctx), config))));
        app.get("/queue_status/{session_id}", ctx -> json(ctx, 200, service.status(ctx.pathParam("session_id"))));
        app.post("/delete_session", ctx -> json(ctx, 200, service.delete(fields(ctx).apply("session_id"))));
        app.post("/ping", ctx -> json(ctx, 200, service.ping(fields(ctx).apply("session_id"))));
        app.get("/health", ctx -> {
            IngressService.Health h = service.health();
            json(ctx, h.up() ? 200 : 503, h.body());
        });
        app.ws("/wss/{session_id}", ws -> {
            ws.onConnect(service::connect);
            ws.onBinaryMessage(ctx -> service.audio(ctx,
                    Arrays.copyOfRange(ctx.data(), ctx.offset(), ctx.offset() + ctx.length())));
            ws.onMessage(ctx -> service.text(ctx, ctx.message()));
            ws.onClose(ctx -> service.disconnect(ctx.sessionId()));
            ws.onError(ctx -> service.disconnect(ctx.sessionId()));
        });
        app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error: " + e);
        });
        app.error(404, ctx -> {
            if (ctx.resultInputStream() == null) {
                error(ctx, 404, "no endpoint " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(405, ctx -> error(ctx, 405, "method " + ctx.method() + " not allowed on " + ctx.path()));
    }

    /**
     * Adds {@code POST /configure} and {@code GET /stats}, and the seed's paths for them ({@code /ray/configure},
     * {@code /ray/stats}). Call after {@link #register}, whose handlers turn errors into JSON.
     */
    public static void registerControl(Javalin app, ControlService control) {
        for (String prefix : new String[] {"", "/ray"}) {
            app.post(prefix + "/configure", ctx -> json(ctx, 200, control.configure(ctx.body())));
            app.get(prefix + "/stats", ctx -> json(ctx, 200, control.stats()));
        }
    }

    /**
     * Adds {@code GET /metrics}: every meter of {@code registry} in the Prometheus text format. Register it
     * once per app; the embedded stack binds the ingress's and the egress's meters to one registry.
     */
    public static void registerMetrics(Javalin app, PrometheusMeterRegistry registry) {
        app.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape()));
    }

    /**
     * A request's fields: the JSON body's when it has one, else query (or form) parameters, so both the
     * seed's JSON clients and {@code curl -X POST '/init?language_pair=...'} work.
     */
    static Function<String, String> fields(Context ctx) {
        String body = ctx.body();
        JsonNode node = null;
        if (!body.isBlank() && !isForm(ctx)) {
            try {
                node = Json.MAPPER.readTree(body);
            } catch (JsonProcessingException e) {
                throw ApiException.badRequest("request body is not valid JSON: " + e.getOriginalMessage());
            }
            if (!node.isObject()) {
                throw ApiException.badRequest("request body must be a JSON object; got " + node.getNodeType());
            }
        }
        JsonNode object = node;
        return name -> {
            if (object != null && object.has(name) && !object.get(name).isNull()) {
                JsonNode v = object.get(name);
                if (v.isContainerNode()) {
                    throw ApiException.badRequest(name + " must be a string or number; got " + v);
                }
                return v.asText();
            }
            String q = ctx.queryParam(name);
            return q != null || !isForm(ctx) ? q : ctx.formParam(name);
        };
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.startsWith("application/x-www-form-urlencoded");
    }

    private static void json(Context ctx, int status, Object body) throws JsonProcessingException {
        ctx.status(status).contentType(ContentType.APPLICATION_JSON).result(Json.MAPPER.writeValueAsString(body));
    }

    private static void error(Context ctx, int status, String message) {
        try {
            json(ctx, status, Map.of("error", message == null ? "error " + status : message));
        } catch (JsonProcessingException e) {
            ctx.status(500).result("{\"error\":\"cannot write error\"}");
        }
    }
}
