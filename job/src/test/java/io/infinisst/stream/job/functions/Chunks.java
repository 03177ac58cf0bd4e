package io.infinisst.stream.job.functions;

import io.infinisst.stream.job.records.ChunkRequest;

/** Small chunks for operator tests. */
final class Chunks {
    private Chunks() {}

    static ChunkRequest chunk(String session, String pair, long index, boolean last) {
        return new ChunkRequest(session, pair, null, index, new float[] {index}, index * 960, (index + 1) * 960,
                100 + index, last, last ? "eof" : null);
    }

    static ChunkRequest placed(String session, String slot, long index, boolean last) {
        return chunk(session, "English -> Chinese", index, last).withSlot(slot);
    }
}
