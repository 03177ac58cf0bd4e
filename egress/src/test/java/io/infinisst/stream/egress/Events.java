package io.infinisst.stream.egress;

import io.infinisst.stream.protocol.records.TranslationEvent;

/** Builds translation events for tests. */
final class Events {
    private Events() {}

    static TranslationEvent chunk(String session, long chunk, String text) {
        return new TranslationEvent(session, chunk, text, false, chunk * 960, (chunk + 1) * 960, 1_000, 1_010, 1_020,
                "cpu:0", 1, null);
    }

    static TranslationEvent last(String session, long chunk, String text) {
        return new TranslationEvent(session, chunk, text, true, chunk * 960, (chunk + 1) * 960, 1_000, 1_010, 1_020,
                "cpu:0", 1, null);
    }

    static TranslationEvent failed(String session, long chunk, String reason) {
        return new TranslationEvent(session, chunk, "", false, chunk * 960, (chunk + 1) * 960, 1_000, 1_010, 1_020,
                "cpu:0", 1, reason);
    }
}
