package io.infinisst.stream.job.records;

import java.util.Objects;

/**
 * The outcome of one chunk in a model step: what the translation event needs, without the audio.
 *
 * @param sessionId the session
 * @param chunkIndex the chunk's index in the session
 * @param text the text the step added for the session (empty on error)
 * @param last whether it was the session's final chunk
 * @param audioStartMs start of the chunk in the session's audio timeline
 * @param audioEndMs end of the chunk in the session's audio timeline
 * @param ingressMs the chunk's ingress time
 * @param error null on success, else why the chunk was not translated
 */
public record ChunkResult(
        String sessionId,
        long chunkIndex,
        String text,
        boolean last,
        long audioStartMs,
        long audioEndMs,
        long ingressMs,
        String error) {

    public ChunkResult {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(text, "text");
    }

    public static ChunkResult ok(ChunkRequest c, String text) {
        return new ChunkResult(c.sessionId(), c.chunkIndex(), text, c.last(), c.audioStartMs(), c.audioEndMs(),
                c.ingressMs(), null);
    }

    public static ChunkResult failed(ChunkRequest c, String error) {
        return new ChunkResult(c.sessionId(), c.chunkIndex(), "", c.last(), c.audioStartMs(), c.audioEndMs(),
                c.ingressMs(), Objects.requireNonNull(error, "error"));
    }
}
