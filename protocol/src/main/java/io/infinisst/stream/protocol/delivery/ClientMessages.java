package io.infinisst.stream.protocol.delivery;

import io.infinisst.stream.protocol.records.TranslationEvent;

/**
 * The seed system's text protocol toward clients, shared by the ingress socket and the egress endpoints:
 * plain translation text, {@code ERROR: ...} lines, {@code PROCESSING_COMPLETE: ...}, and the query
 * parameters a client uses to choose format and replay start.
 */
public final class ClientMessages {
    private ClientMessages() {}

    /** The plain-text frame for an event: its text, an error line, or null when there is nothing to send. */
    public static String plainText(TranslationEvent e) {
        if (e.error() != null) {
            return "ERROR: chunk " + e.chunk() + ": " + e.error();
        }
        return e.text().isEmpty() ? null : e.text();
    }

    /** Sent after a session's final translation. */
    public static String complete(long chunks) {
        return "PROCESSING_COMPLETE: " + chunks + " chunks";
    }

    /** {@code ?format=}: true for {@code json}, false for {@code text} or absent. */
    public static boolean parseFormat(String format) {
        if (format == null || format.isBlank() || format.equals("text")) {
            return false;
        }
        if (format.equals("json")) {
            return true;
        }
        throw new IllegalArgumentException("format must be text or json; got '" + format + "'");
    }

    /** {@code ?from=}: the first chunk index to replay, 0 when absent. */
    public static long parseFrom(String from) {
        if (from == null || from.isBlank()) {
            return 0;
        }
        try {
            long n = Long.parseLong(from.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        throw new IllegalArgumentException("from must be a chunk index >= 0; got '" + from + "'");
    }
}
