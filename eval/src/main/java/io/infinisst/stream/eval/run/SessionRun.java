package io.infinisst.stream.eval.run;

import io.infinisst.stream.eval.client.StreamClient;
import io.infinisst.stream.eval.data.EvalItem;

/**
 * What happened to one streamed session.
 *
 * @param user the simulated user who streamed it (0 for single checks)
 * @param item what was streamed; null for a replayed session without a known item
 * @param languagePair the session's pair
 * @param latencyMultiplier the session's multiplier (chunk = 0.96 s × this)
 * @param replayOf for a replayed session, the id of the recorded session it repeats; else null
 * @param sourceStartMs epoch ms at which the first audio frame was sent: the zero of computation-aware delays
 * @param result what the client received; null when the session failed before streaming
 * @param failure why the session failed outright (exception); null otherwise
 */
public record SessionRun(int user, EvalItem item, String languagePair, int latencyMultiplier, String replayOf,
        long sourceStartMs, StreamClient.Result result, String failure) {

    public String sessionId() {
        return result == null ? null : result.sessionId();
    }

    /** Completed ({@code PROCESSING_COMPLETE}) with no error of any kind. */
    public boolean succeeded() {
        return failure == null && result != null && result.completed() && result.errors().isEmpty();
    }

    /** Chunk duration in ms. */
    public double chunkMs() {
        return 960.0 * latencyMultiplier;
    }

    /** Epoch ms of the session's last event (completion or last translation); the start when nothing came. */
    public long endMs() {
        if (result == null) {
            return sourceStartMs;
        }
        long last = sourceStartMs;
        for (StreamClient.Received r : result.translations()) {
            last = Math.max(last, r.receivedAtMs());
        }
        return last;
    }
}
