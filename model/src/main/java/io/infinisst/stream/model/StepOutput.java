package io.infinisst.stream.model;

import java.util.Objects;

/** One session's result of a model step: the text it adds (may be empty). */
public record StepOutput(String sessionId, String text) {
    public StepOutput {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(text, "text");
    }
}
