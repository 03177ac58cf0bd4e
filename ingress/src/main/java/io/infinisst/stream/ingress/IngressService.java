package io.infinisst.stream.ingress;

import static io.infinisst.stream.protocol.delivery.ClientMessages.parseFormat;
import static io.infinisst.stream.protocol.delivery.ClientMessages.parseFrom;

import io.infinisst.stream.protocol.config.SstConfig;
import io.infinisst.stream.protocol.delivery.Outbox;
import io.infinisst.stream.protocol.records.SessionRequest;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingress's sessions and everything done to them: create, admission, audio in, EOF, delete, ping, idle
 * reaping, and the client sockets translations fan out to. Built from injected dependencies (publisher, feed,
 * probes, clock) so the same class serves the embedded launcher, the standalone ingress and the tests.
 *
 * <p>Admission: a pair takes (its slots) × {@code serving.max_sessions_per_slot} sessions; {@code /init}
 * beyond that queues the session (no START yet) and its socket hears {@code QUEUED: position N} until a
 * place frees, then START is published and the socket hears {@code READY}. A place frees when the session's
 * final translation arrives after EOF (at EOF itself without a translation feed), on delete, and on idle
 * reaping; an ended session whose final translation never comes frees its place after the idle timeout.
 */
public final class IngressService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngressService.class);

    /** Close code: the socket names a session this ingress does not know (or one deleted or reaped). */
    public static final int CLOSE_UNKNOWN_SESSION = 4000;
    /** Close code: a binary frame that is not whole samples of the session's encoding. */
    public static final int CLOSE_BAD_AUDIO = 4001;
    /** Close code: audio sent after EOF. */
    public static final int CLOSE_AUDIO_AFTER_EOF = 4002;
    /** Close code for a bad query parameter or a client that stopped reading: "policy violation". */
    public static final int CLOSE_TOO_SLOW = 1008;
    /** Close code when the session's records cannot reach Kafka. */
    public static final int CLOSE_PUBLISH_FAILED = 1011;
    /** The answer to audio or EOF on a queued session's socket; the socket stays open. */
    public static final String QUEUED_ERROR = "ERROR: session is queued";

    /** Timings of the service; {@link #defaults()} suits a serving process. */
    public record Options(Duration endedGrace, Duration reaperPeriod, int outboxLimit) {
        public Options {
            if (endedGrace.isNegative() || reaperPeriod.isNegative() || reaperPeriod.isZero() || outboxLimit < 1) {
                throw new IllegalArgumentException("bad ingress options " + endedGrace + ", " + reaperPeriod + ", "
                        + outboxLimit);
            }
        }

        /** Ended sessions answer /queue_status for 10 min; the reaper looks every second. */
        public static Options defaults() {
            return new Options(Duration.ofMinutes(10), Duration.ofSeconds(1), 4096);
        }
    }

    private final SstConfig config;
    private final RequestPublisher publisher;
    private final TranslationFeed feed;
    private final List<HealthProbe> probes;
    private final LongSupplier clock;
    private final Options options;
    private final Map<String, IngressSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, IngressSession> sessionOfSocket = new ConcurrentHashMap<>();
    private final ExecutorService writers;
    private final ScheduledExecutorService reaper;
    private final Admission admission;
    /** Serializes release, admission and queue announcements so clients never see a position go back up. */
    private final Object admissionWork = new Object();
    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();

    /** A service with the system clock and default options. */
    public IngressService(SstConfig config, RequestPublisher publisher, TranslationFeed feed,
            List<HealthProbe> probes) {
        this(config, publisher, feed, probes, System::currentTimeMillis, Options.defaults());
    }

    /**
     * @param feed translations per session; null when the egress runs elsewhere (sockets then carry no
     *     translations and {@code chunks_translated} stays 0)
     * @param clock epoch milliseconds; injected so tests can make sessions idle without waiting
     */
    public IngressService(SstConfig config, RequestPublisher publisher, TranslationFeed feed,
            List<HealthProbe> probes, LongSupplier clock, Options options) {
        this.config = config;
        this.publisher = publisher;
        this.feed = feed;
        this.probes = List.copyOf(probes);
        this.clock = clock;
        this.options = options;
        AtomicInteger n = new AtomicInteger();
        this.writers = Executors.newCachedThreadPool(r -> daemon(r, "ingress-writer-" + n.incrementAndGet()));
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ingress-idle-reaper"));
        this.admission = new Admission(config);
    }

    /** Starts the idle reaper. */
    public IngressService start() {
        long period = options.reaperPeriod().toMillis();
        reaper.scheduleWithFixedDelay(() -> {
            try {
                reap();
            } catch (RuntimeException e) {
                LOG.error("idle reaper failed", e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    public SstConfig config() {
        return config;
    }

    /** Sessions known, ended ones within their grace period included. */
    public int sessionCount() {
        return sessions.size();
    }

    /** Sessions holding a place on their pair's slots (admitted, final translation not yet delivered). */
    public int activeSessions() {
        return admission.activeTotal();
    }

    /** Sessions waiting for a place. */
    public int queuedSessions() {
        return admission.queuedTotal();
    }

    /** Audio frames accepted from clients and handed to the publisher. */
    public long framesIn() {
        return framesIn.get();
    }

    /** Bytes of those frames. */
    public long bytesIn() {
        return bytesIn.get();
    }

    /** Client sockets open on {@code /wss/{id}}. */
    public int socketCount() {
        return sessionOfSocket.size();
    }

    /** The publisher of session records (its counters feed the metrics). */
    public RequestPublisher publisher() {
        return publisher;
    }

    /** Per configured pair: capacity, active and queued sessions. */
    Map<String, Admission.Counts> admissionCounts() {
        return admission.counts();
    }

    // ---- HTTP API ----

    /**
     * {@code POST /init}: a new session, announced to the job with START when its pair has room, else queued
     * ({@code queued: true} and its 1-based {@code queue_position}).
     */
    Map<String, Object> init(SessionParams p) {
        String id = UUID.randomUUID().toString();
        long now = clock.getAsLong();
        IngressSession session = new IngressSession(id, p, now);
        PublishException failure = null;
        Map<String, Object> body = new LinkedHashMap<>();
        synchronized (session) {
            // Registered before the admission decision so a place freed meanwhile finds the session to start.
            sessions.put(id, session);
            if (admission.admitOrQueue(p.languagePair(), id)) {
                try {
                    publishStart(session, now);
                } catch (PublishException e) {
                    sessions.remove(id);
                    session.endReason = "start failed";
                    session.endedMs = now;
                    failure = e;
                }
            }
            int position = admission.position(id);
            session.announcedPosition = position;
            body.put("session_id", id);
            body.put("queued", !session.started);
            body.put("queue_position", position);
        }
        if (failure != null) {
            releasePlace(id);
            throw new ApiException(503, "cannot start session: " + failure.getMessage());
        }
        if (feed != null) {
            session.counter = feed.subscribe(id, 0, e -> {
                synchronized (session) {
                    session.chunksTranslated++;
                    session.lastTranslationMs = clock.getAsLong();
                    session.complete |= e.last();
                }
                if (e.last()) {
                    // Not on the feed's thread: admitting the next session publishes to Kafka.
                    inBackground(() -> releasePlace(id));
                }
            });
        }
        if (!(Boolean) body.get("queued")) {
            LOG.info("session {} started: {} x{} {} Hz {} client '{}'", id, p.languagePair(), p.latencyMultiplier(),
                    p.sampleRate(), p.encoding().wireName(), p.clientId());
        } else {
            LOG.info("session {} queued at position {} for {}", id, body.get("queue_position"), p.languagePair());
        }
        return body;
    }

    /** {@code GET /queue_status/{id}}. */
    Map<String, Object> status(String id) {
        IngressSession s = known(id);
        synchronized (s) {
            long emitted = s.chunksEmitted();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("session_id", id);
            boolean queued = !s.started && !s.ended();
            body.put("active", s.started && !s.ended());
            body.put("queued", queued);
            body.put("queue_position", queued ? admission.position(id) : 0);
            body.put("language_pair", s.params.languagePair());
            body.put("latency_multiplier", s.params.latencyMultiplier());
            body.put("audio_seconds_received", s.audioSecondsReceived());
            body.put("chunks_emitted", emitted);
            body.put("chunks_translated", s.chunksTranslated);
            body.put("pending_chunks", Math.max(0, emitted - s.chunksTranslated));
            body.put("last_activity_ms", s.lastActivityMs);
            body.put("ended", s.endReason);
            return body;
        }
    }

    /**
     * {@code POST /delete_session}: END "deleted" (unless already ended, or never started because it was
     * queued), the sockets closed and the session's place (or place in the queue) given up.
     */
    Map<String, Object> delete(String id) {
        IngressSession s = known(id);
        synchronized (s) {
            if (!s.ended() && s.started) {
                publishEnd(s, "deleted");
            } else {
                if (!s.ended()) {
                    s.endedMs = clock.getAsLong();
                }
                s.endReason = "deleted";
            }
            closeSockets(s, 1000, "session deleted");
        }
        releasePlace(id);
        return Map.of("session_id", id, "deleted", true);
    }

    /** {@code POST /ping}: activity now, and an empty AUDIO so the job's idle timer is re-armed too. */
    Map<String, Object> ping(String id) {
        IngressSession s = known(id);
        synchronized (s) {
            if (s.ended()) {
                throw new ApiException(409, "session_id '" + id + "' has ended (" + s.endReason + ")");
            }
            long now = clock.getAsLong();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("session_id", id);
            if (s.started) {
                publishOrThrow(SessionRequest.audio(id, s.nextSeq++, now, new byte[0]));
                body.put("active", true);
            } else {
                // The job does not know a queued session yet: only the ingress's idle clock is reset.
                body.put("active", false);
                body.put("queued", true);
                body.put("queue_position", admission.position(id));
            }
            s.lastActivityMs = now;
            body.put("last_activity_ms", now);
            return body;
        }
    }

    /** {@code GET /health}: every probe's view; healthy only when all are up. */
    Health health() {
        Map<String, Object> body = new LinkedHashMap<>();
        boolean up = true;
        List<String> failing = new ArrayList<>();
        Map<String, Object> results = new LinkedHashMap<>();
        for (HealthProbe probe : probes) {
            HealthProbe.Result r = probe.check();
            results.put(probe.name(), r.toJson());
            if (!r.up()) {
                up = false;
                failing.add(probe.name());
            }
        }
        body.put("status", up ? "ok" : "unavailable");
        if (!up) {
            body.put("failing", failing);
        }
        body.put("sessions", sessions.size());
        body.putAll(results);
        return new Health(up, body);
    }

    /** The health answer: HTTP 200 when {@code up}, 503 otherwise. */
    record Health(boolean up, Map<String, Object> body) {}

    // ---- WebSocket ----

    /** A socket opened on {@code /wss/{id}}: READY, then the session's translations in the socket's format. */
    void connect(WsContext ctx) {
        String id = ctx.pathParam("session_id");
        IngressSession s = sessions.get(id);
        if (s == null) {
            ctx.closeSession(CLOSE_UNKNOWN_SESSION, "unknown session");
            return;
        }
        boolean json;
        long from;
        try {
            json = parseFormat(ctx.queryParam("format"));
            from = parseFrom(ctx.queryParam("from"));
        } catch (IllegalArgumentException e) {
            ctx.send("ERROR: " + e.getMessage());
            ctx.closeSession(CLOSE_TOO_SLOW, e.getMessage());
            return;
        }
        ClientSocket socket = new ClientSocket(ctx, new Outbox(writers, options.outboxLimit(), "ws " + id), json,
                clock);
        synchronized (s) {
            // A session that is gone for good (deleted, reaped) takes no new sockets; after EOF a client may
            // still reconnect for the remaining translations.
            if (s.ended() && !"eof".equals(s.endReason)) {
                ctx.closeSession(CLOSE_UNKNOWN_SESSION, "session ended: " + s.endReason);
                return;
            }
            s.sockets.put(socket.id(), socket);
            sessionOfSocket.put(socket.id(), s);
            if (s.started || s.ended()) {
                socket.send(ready(s));
            } else {
                int position = admission.position(id);
                s.announcedPosition = position;
                socket.send(queuedLine(position));
            }
        }
        if (feed != null) {
            socket.subscription(feed.subscribe(id, from, socket::deliver));
            if (!sessionOfSocket.containsKey(socket.id())) {
                socket.dispose(); // closed while subscribing
            }
        }
    }

    /** A binary frame: whole samples become one AUDIO record; anything else ends this socket only. */
    void audio(WsContext ctx, byte[] pcm) {
        IngressSession s = sessionOfSocket.get(ctx.sessionId());
        ClientSocket socket = s == null ? null : s.sockets.get(ctx.sessionId());
        if (socket == null) {
            return;
        }
        synchronized (s) {
            if ("eof".equals(s.endReason)) {
                socket.close("ERROR: audio after EOF", CLOSE_AUDIO_AFTER_EOF, "audio after EOF");
                return;
            }
            if (s.ended()) {
                socket.close("ERROR: session ended: " + s.endReason, CLOSE_UNKNOWN_SESSION,
                        "session ended: " + s.endReason);
                return;
            }
            if (!s.started) {
                socket.send(QUEUED_ERROR); // the client may keep the socket and start again after READY
                return;
            }
            int bytesPerSample = s.params.encoding().bytesPerSample();
            if (pcm.length % bytesPerSample != 0) {
                String reason = "audio frame of " + pcm.length + " bytes is not a whole number of "
                        + s.params.encoding().wireName() + " samples (" + bytesPerSample + " bytes each)";
                socket.close("ERROR: " + reason, CLOSE_BAD_AUDIO, "audio frame is not whole samples");
                return;
            }
            long now = clock.getAsLong();
            try {
                publisher.send(SessionRequest.audio(s.id, s.nextSeq, now, pcm));
            } catch (PublishException e) {
                socket.close("ERROR: " + e.getMessage(), CLOSE_PUBLISH_FAILED, "cannot publish audio");
                return;
            }
            s.nextSeq++;
            s.bytesReceived += pcm.length;
            s.lastActivityMs = now;
            framesIn.incrementAndGet();
            bytesIn.addAndGet(pcm.length);
        }
    }

    /** A text frame: {@code EOF} ends the audio; anything else is answered with an error. */
    void text(WsContext ctx, String message) {
        IngressSession s = sessionOfSocket.get(ctx.sessionId());
        ClientSocket socket = s == null ? null : s.sockets.get(ctx.sessionId());
        if (socket == null) {
            return;
        }
        if (!message.trim().equals("EOF")) {
            String shown = message.length() > 64 ? message.substring(0, 64) + "..." : message;
            socket.send("ERROR: unknown command '" + shown + "'; send binary PCM frames, then EOF");
            return;
        }
        synchronized (s) {
            if (s.ended()) {
                if (!"eof".equals(s.endReason)) {
                    socket.send("ERROR: session ended: " + s.endReason);
                }
                return; // a repeated EOF changes nothing
            }
            if (!s.started) {
                socket.send(QUEUED_ERROR);
                return;
            }
            try {
                publishEnd(s, "eof");
            } catch (ApiException e) {
                socket.close("ERROR: " + e.getMessage(), CLOSE_PUBLISH_FAILED, "cannot publish EOF");
                return;
            }
        }
        if (feed == null) {
            // No final translation will tell this ingress when the slot is done: free the place now.
            releasePlace(s.id);
        }
    }

    /** A socket closed or failed: forget it and stop its translations. */
    void disconnect(String socketId) {
        IngressSession s = sessionOfSocket.remove(socketId);
        if (s != null) {
            ClientSocket socket = s.sockets.remove(socketId);
            if (socket != null) {
                socket.dispose();
            }
        }
    }

    // ---- idle reaping ----

    /**
     * Ends sessions with no audio or ping for {@code serving.session_idle_timeout_s} (END "idle", sockets
     * closed) and forgets ended sessions after the grace period.
     */
    public void reap() {
        long now = clock.getAsLong();
        long idleMs = config.serving.sessionIdleTimeoutS * 1000;
        for (IngressSession s : sessions.values()) {
            boolean forget;
            boolean release = false;
            synchronized (s) {
                if (!s.ended() && now - s.lastActivityMs >= idleMs) {
                    if (s.started) {
                        LOG.info("session {} idle for {} ms: ending it", s.id, now - s.lastActivityMs);
                        try {
                            publishEnd(s, "idle");
                        } catch (ApiException e) {
                            s.endReason = "idle";
                            s.endedMs = now;
                            LOG.warn("session {}: END idle not published: {}", s.id, e.getMessage());
                        }
                    } else {
                        LOG.info("queued session {} not pinged for {} ms: dropping it", s.id, now - s.lastActivityMs);
                        s.endReason = "idle";
                        s.endedMs = now;
                    }
                    closeSockets(s, 1000, "session idle");
                    release = true;
                } else if (s.ended() && now - Math.max(s.endedMs, s.lastTranslationMs) >= idleMs
                        && admission.holdsPlace(s.id)) {
                    LOG.warn("session {} ended {} ms ago without its final translation: freeing its place", s.id,
                            now - s.endedMs);
                    release = true;
                }
                forget = s.ended() && now - Math.max(s.endedMs, s.lastTranslationMs) >= options.endedGrace().toMillis();
            }
            if (release) {
                releasePlace(s.id);
            }
            if (forget) {
                forget(s);
            }
        }
    }

    private void forget(IngressSession s) {
        sessions.remove(s.id);
        releasePlace(s.id);
        AutoCloseable counter;
        synchronized (s) {
            closeSockets(s, 1001, "session expired");
            counter = s.counter;
        }
        // Outside the session's monitor: the feed calls the counter holding its own lock, then takes this one.
        if (counter != null) {
            try {
                counter.close();
            } catch (Exception e) {
                LOG.debug("unsubscribe failed", e);
            }
        }
    }

    @Override
    public void close() {
        reaper.shutdownNow();
        for (IngressSession s : sessions.values()) {
            synchronized (s) {
                closeSockets(s, 1001, "server stopping");
            }
        }
        writers.shutdown();
    }

    // ---- helpers ----

    private IngressSession known(String id) {
        if (id == null || id.isBlank()) {
            throw ApiException.badRequest("session_id is required");
        }
        IngressSession s = sessions.get(id);
        if (s == null) {
            throw ApiException.unknownSession(id);
        }
        return s;
    }

    /** Caller holds the session's monitor. */
    private void publishStart(IngressSession s, long now) {
        SessionParams p = s.params;
        publisher.send(SessionRequest.start(s.id, now, p.languagePair(), p.latencyMultiplier(), p.sampleRate(),
                p.encoding(), p.clientId()));
        s.started = true;
        // Time spent waiting in the queue does not count towards the idle timeout.
        s.lastActivityMs = now;
    }

    /**
     * Gives up the session's place or place in the queue, starts the sessions admitted into the room that
     * makes, and tells the ones still waiting their new positions. Call without holding any session's monitor.
     */
    private void releasePlace(String id) {
        synchronized (admissionWork) {
            Admission.Released released = admission.release(id);
            if (released.pair() == null) {
                return;
            }
            ArrayDeque<String> toStart = new ArrayDeque<>(released.admitted());
            while (!toStart.isEmpty()) {
                toStart.addAll(start(toStart.poll()));
            }
            announcePositions(released.pair());
        }
    }

    /** Publishes START for an admitted session and greets its sockets; returns sessions admitted if it fails. */
    private List<String> start(String id) {
        IngressSession s = sessions.get(id);
        if (s == null) {
            return admission.release(id).admitted();
        }
        PublishException failure = null;
        synchronized (s) {
            if (s.ended() || s.started) {
                return List.of(); // deleted meanwhile; its own release frees the place
            }
            long now = clock.getAsLong();
            try {
                publishStart(s, now);
                LOG.info("session {} admitted from the queue: {}", id, s.params.languagePair());
                for (ClientSocket socket : s.sockets.values()) {
                    sendQuietly(socket, ready(s));
                }
            } catch (PublishException e) {
                failure = e;
                s.endReason = "start failed";
                s.endedMs = now;
                for (ClientSocket socket : s.sockets.values()) {
                    socket.close("ERROR: cannot start session: " + e.getMessage(), CLOSE_PUBLISH_FAILED,
                            "cannot publish START");
                }
            }
        }
        if (failure != null) {
            LOG.warn("session {} admitted but START not published: {}", id, failure.getMessage());
            return admission.release(id).admitted();
        }
        return List.of();
    }

    /** Sends {@code QUEUED: position N} to the sockets of every waiting session of the pair whose place moved. */
    private void announcePositions(String pair) {
        List<String> waiting = admission.queued(pair);
        for (int i = 0; i < waiting.size(); i++) {
            IngressSession s = sessions.get(waiting.get(i));
            if (s == null) {
                continue;
            }
            int position = i + 1;
            synchronized (s) {
                if (!s.started && !s.ended() && s.announcedPosition != position) {
                    s.announcedPosition = position;
                    for (ClientSocket socket : s.sockets.values()) {
                        sendQuietly(socket, queuedLine(position));
                    }
                }
            }
        }
    }

    private void inBackground(Runnable task) {
        try {
            reaper.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("admission work failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("ingress stopping; admission work dropped");
        }
    }

    /** A socket too slow for one control line is already being closed; the others still get theirs. */
    private static void sendQuietly(ClientSocket socket, String line) {
        try {
            socket.send(line);
        } catch (IllegalStateException e) {
            LOG.debug("{}", e.getMessage());
        }
    }

    private static String ready(IngressSession s) {
        SessionParams p = s.params;
        return "READY: session " + s.id + " " + p.languagePair() + ", " + p.sampleRate() + " Hz "
                + p.encoding().wireName() + ", chunk " + p.chunkSeconds() + " s";
    }

    private static String queuedLine(int position) {
        return "QUEUED: position " + position;
    }

    /** Caller holds the session's monitor. */
    private void publishEnd(IngressSession s, String reason) {
        long now = clock.getAsLong();
        publishOrThrow(SessionRequest.end(s.id, s.nextSeq, now, reason));
        s.nextSeq++;
        s.endReason = reason;
        s.endedMs = now;
        LOG.info("session {} ended: {}", s.id, reason);
    }

    private void publishOrThrow(SessionRequest r) {
        try {
            publisher.send(r);
        } catch (PublishException e) {
            throw new ApiException(503, e.getMessage());
        }
    }

    /** Caller holds the session's monitor. */
    private void closeSockets(IngressSession s, int code, String reason) {
        for (ClientSocket socket : s.sockets.values()) {
            socket.close(null, code, reason);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
