package io.infinisst.stream.job.records;

import java.util.Objects;

/**
 * A chunk waiting in {@code MicroBatcher}'s state, with the processing time it arrived: the batch timeout counts
 * from the oldest pending chunk's arrival.
 *
 * @param arrivedMs processing time the chunk reached the batcher
 * @param chunk the waiting chunk
 */
public record PendingChunk(long arrivedMs, ChunkRequest chunk) {
    public PendingChunk {
        Objects.requireNonNull(chunk, "chunk");
    }
}
