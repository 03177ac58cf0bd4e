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
 */
public record ChunkBatch(String slot, List<ChunkRequest> chunks, long formedAtMs) {
    public ChunkBatch {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(chunks, "chunks");
    }

    public int size() {
        return chunks.size();
    }
}
