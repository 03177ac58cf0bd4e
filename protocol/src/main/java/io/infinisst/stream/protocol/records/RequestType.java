package io.infinisst.stream.protocol.records;

/** The three kinds of record on {@code sst.requests}, in the order a session produces them. */
public enum RequestType {
    START,
    AUDIO,
    END
}
