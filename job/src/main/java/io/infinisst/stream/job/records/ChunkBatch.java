package io.infinisst.stream.job.records;

import java.util.List;
import java.util.Objects;

/**
 * Chunks of distinct sessions that one model step on one slot will process together. Never holds two chunks of
 * one session: a step advances each session's context by exactly one chunk.
 *
 * @param slot the slot every chunk is placed on
 * @param chunks the chunks, oldest first
 * @param formedAtMs processing time the batch was closed
 * @param maxStepSize the most chunks one model step may take under the settings the batch was formed with
 *     ({@code max_batch_size}, or 1 without dynamic batching): batches that queue behind a busy slot are merged
 *     into one step up to this size
 */
public record ChunkBatch(String slot, List<ChunkRequest> chunks, long formedAtMs, int maxStepSize) {
    public ChunkBatch {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(chunks, "chunks");
        if (maxStepSize < 1) {
            throw new IllegalArgumentException("maxStepSize must be >= 1, got " + maxStepSize);
        }
    }

    public int size() {
        return chunks.size();
    }
}
