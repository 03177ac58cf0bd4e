package io.infinisst.stream.protocol.records;

/** Bytes on a topic that do not decode to the record that topic carries; the message says what was wrong. */
public final class MalformedRecordException extends IllegalArgumentException {
    public MalformedRecordException(String message) {
        super(message);
    }

    public MalformedRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
