package io.infinisst.stream.ingress;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the ingress knows of one session. Mutable fields are guarded by the instance's monitor: sequence
 * numbers and publishing happen together under it, so Kafka receives a session's records in seq order even
 * when two sockets feed the same session.
 */
final class IngressSession {
    final String id;
    final SessionParams params;
    final Map<String, ClientSocket> sockets = new ConcurrentHashMap<>();
    /** START published: the session was admitted (a queued session has not been). */
    boolean started;
    /** The queue position last announced to this session's sockets, so a change is sent once. */
    int announcedPosition;
    long nextSeq = 1; // START is 0
    long bytesReceived;
    long lastActivityMs;
    String endReason;
    long endedMs;
    long chunksTranslated;
    long lastTranslationMs;
    boolean complete;
    AutoCloseable counter;

    IngressSession(String id, SessionParams params, long now) {
        this.id = id;
        this.params = params;
        this.lastActivityMs = now;
    }

    boolean ended() {
        return endReason != null;
    }

    /**
     * Chunks the job will emit for the audio so far: whole chunks of 0.96 s × multiplier, plus the final one
     * the job always emits when a session ends (the partial remainder, possibly empty — it carries the
     * end of the session). Integer arithmetic (chunk = 96 × multiplier × rate / 100 samples) so no rounding
     * can disagree with the job.
     */
    long chunksEmitted() {
        long samples = bytesReceived / params.encoding().bytesPerSample();
        long perChunkTimes100 = 96L * params.latencyMultiplier() * params.sampleRate();
        return samples * 100 / perChunkTimes100 + (ended() ? 1 : 0);
    }

    double audioSecondsReceived() {
        long samples = bytesReceived / params.encoding().bytesPerSample();
        return Math.round(samples * 1000.0 / params.sampleRate()) / 1000.0;
    }
}
