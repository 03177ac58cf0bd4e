package io.infinisst.stream.model;

import java.util.Objects;

/**
 * One session's next chunk in a model step.
 *
 * @param sessionId the session
 * @param chunkIndex 0-based index of the chunk in the session
 * @param audio mono samples at {@link StreamingTranslator#sampleRate()}, in [-1, 1]; may be shorter than a
 *     full chunk (the session's last, partial chunk) or empty
 * @param last true when no audio follows in this session: the model should say everything it still holds
 */
public record StepInput(String sessionId, long chunkIndex, float[] audio, boolean last) {
    public StepInput {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(audio, "audio");
    }
}
