package io.infinisst.stream.job.records;

import java.util.Arrays;
import java.util.Objects;

/**
 * One chunk of one session's audio, ready for a model step. A Java record, which Flink 2.x serializes with its
 * POJO serializer (no Kryo): every field is a primitive, a String or a primitive array.
 *
 * @param sessionId the session
 * @param languagePair the session's language pair, e.g. {@code English -> Chinese}
 * @param slot the model slot serving the session; null until {@code SlotPlacer} places it
 * @param chunkIndex 0-based index of this chunk in the session
 * @param audio mono samples at {@link #SAMPLE_RATE} Hz in [-1, 1]; a full chunk except on the final one
 * @param audioStartMs start of the chunk in the session's audio timeline
 * @param audioEndMs end of the chunk in the session's audio timeline
 * @param ingressMs ingress time of the newest record that contributed (END's for a final chunk): latency starts here
 * @param last true on the session's final chunk; nothing of the session follows it
 * @param endReason on the final chunk, why the session ended ({@code eof}, {@code idle}, ...); otherwise null
 */
public record ChunkRequest(
        String sessionId,
        String languagePair,
        String slot,
        long chunkIndex,
        float[] audio,
        long audioStartMs,
        long audioEndMs,
        long ingressMs,
        boolean last,
        String endReason) {

    /** The sample rate every chunk is resampled to: what the models take. */
    public static final int SAMPLE_RATE = 16_000;

    /** Samples in a chunk at latency multiplier 1: 0.96 s at 16 kHz. */
    public static final int BASE_CHUNK_SAMPLES = 15_360;

    public ChunkRequest {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(audio, "audio");
    }

    /** Samples in one chunk for a latency multiplier. */
    public static int chunkSamples(int latencyMultiplier) {
        return BASE_CHUNK_SAMPLES * latencyMultiplier;
    }

    /** Milliseconds of audio that {@code samples} samples at {@link #SAMPLE_RATE} span. */
    public static long samplesToMs(long samples) {
        return samples * 1000 / SAMPLE_RATE;
    }

    /** This chunk placed on a slot. */
    public ChunkRequest withSlot(String newSlot) {
        return new ChunkRequest(sessionId, languagePair, newSlot, chunkIndex, audio, audioStartMs, audioEndMs,
                ingressMs, last, endReason);
    }

    // Records compare arrays by identity; chunks compare by content (tests, dedup).
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ChunkRequest c)) {
            return false;
        }
        return chunkIndex == c.chunkIndex
                && audioStartMs == c.audioStartMs
                && audioEndMs == c.audioEndMs
                && ingressMs == c.ingressMs
                && last == c.last
                && sessionId.equals(c.sessionId)
                && Objects.equals(languagePair, c.languagePair)
                && Objects.equals(slot, c.slot)
                && Arrays.equals(audio, c.audio)
                && Objects.equals(endReason, c.endReason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sessionId, languagePair, slot, chunkIndex, Arrays.hashCode(audio), audioStartMs,
                audioEndMs, ingressMs, last, endReason);
    }

    @Override
    public String toString() {
        return "ChunkRequest{" + sessionId + "#" + chunkIndex + " " + languagePair + " slot=" + slot + " "
                + audio.length + " samples " + audioStartMs + "-" + audioEndMs + "ms ingress=" + ingressMs
                + (last ? " last reason=" + endReason : "") + "}";
    }
}
