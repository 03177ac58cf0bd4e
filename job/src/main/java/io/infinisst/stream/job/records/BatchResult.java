package io.infinisst.stream.job.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one model step on one slot: one {@link ChunkResult} per chunk of the batch, in batch order.
 *
 * @param slot the slot that ran the step
 * @param batchSize how many sessions shared the step
 * @param formedAtMs processing time the batch was closed (queueing before the step shows as start - formed)
 * @param inferenceStartMs wall-clock time the step started
 * @param inferenceEndMs wall-clock time the step ended
 * @param results one per chunk, in batch order
 */
public record BatchResult(
        String slot,
        int batchSize,
        long formedAtMs,
        long inferenceStartMs,
        long inferenceEndMs,
        List<ChunkResult> results) {

    public BatchResult {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(results, "results");
    }

    /** Every chunk of {@code batch} failed with {@code error}: the job goes on, the clients see the reason. */
    public static BatchResult failed(ChunkBatch batch, String error, long startMs, long endMs) {
        List<ChunkResult> results = new ArrayList<>(batch.size());
        for (ChunkRequest c : batch.chunks()) {
            results.add(ChunkResult.failed(c, error));
        }
        return new BatchResult(batch.slot(), batch.size(), batch.formedAtMs(), startMs, endMs, results);
    }
}
