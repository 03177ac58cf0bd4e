package io.infinisst.stream.ingress;

import io.infinisst.stream.protocol.delivery.ClientMessages;
import io.infinisst.stream.protocol.delivery.Outbox;
import io.infinisst.stream.protocol.records.ClientEvent;
import io.infinisst.stream.protocol.records.TranslationEvent;
import io.javalin.websocket.WsContext;
import java.util.function.LongSupplier;

/**
 * One client WebSocket on {@code /wss/{session_id}}. Every message to it, control lines and translations
 * alike, goes through one {@link Outbox}, so the client sees them in the order they were produced (e.g.
 * the final translation before {@code PROCESSING_COMPLETE}, an {@code ERROR} before the close).
 */
final class ClientSocket {
    private final WsContext ctx;
    private final Outbox outbox;
    private final boolean json;
    private final LongSupplier clock;
    private volatile AutoCloseable subscription;

    ClientSocket(WsContext ctx, Outbox outbox, boolean json, LongSupplier clock) {
        this.ctx = ctx;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    String id() {
        return ctx.sessionId();
    }

    void subscription(AutoCloseable s) {
        this.subscription = s;
    }

    /** Queues a text message; a client too slow to keep up is closed and the feed told to drop it. */
    void send(String message) {
        if (!outbox.offer(() -> ctx.send(message))) {
            tooSlow();
        }
    }

    /** Sends a last message (may be null) then closes with {@code code}. */
    void close(String lastMessage, int code, String reason) {
        if (lastMessage != null) {
            outbox.offer(() -> ctx.send(lastMessage));
        }
        outbox.finish(() -> ctx.closeSession(code, reason));
    }

    /** Feed listener: one translation in the socket's format, then the completion line after the final. */
    void deliver(TranslationEvent e) {
        if (json) {
            if (!outbox.offer(() -> ctx.send(ClientEvent.of(e, clock.getAsLong()).toJson()))) {
                tooSlow();
            }
        } else {
            String plain = ClientMessages.plainText(e);
            if (plain != null) {
                send(plain);
            }
        }
        if (e.last()) {
            send(ClientMessages.complete(e.chunk() + 1));
        }
    }

    /** The connection is gone: stop writing and stop listening. */
    void dispose() {
        outbox.abandon();
        AutoCloseable s = subscription;
        if (s != null) {
            try {
                s.close();
            } catch (Exception e) {
                // nothing left to clean up on a closed socket
            }
        }
    }

    private void tooSlow() {
        outbox.abandon();
        ctx.closeSession(IngressService.CLOSE_TOO_SLOW, "client too slow");
        // Thrown into the feed, which then drops this listener.
        throw new IllegalStateException("socket " + ctx.sessionId() + " is not reading");
    }
}
