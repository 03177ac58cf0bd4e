package io.infinisst.stream.job.records;

/**
 * What {@code SlotPlacer} knows of one slot's load: the sessions placed on it and how busy it has been lately.
 *
 * <p>The placer cannot see the slot's queue (chunks placed but not yet through inference live downstream, in the
 * batcher and the inference operator). What it can see is the chunks it has placed on the slot, so
 * {@code recentChunks} stands in for queue depth: an exponentially decaying count with time constant
 * {@link #RECENT_WINDOW_MS}, where each chunk counts 1 when placed and e<sup>-1</sup> one window later, i.e.
 * about the chunks placed in the last two seconds. Sessions at a low latency multiplier send chunks more often and
 * weigh more, as they do on the slot's queue.
 *
 * @param sessions sessions now placed on the slot
 * @param recentChunks the decayed chunk count, as of {@code updatedMs}
 * @param updatedMs processing time {@code recentChunks} was last brought up to date
 */
public record SlotLoad(int sessions, double recentChunks, long updatedMs) {

    /** The time constant of {@link #recentChunks}. */
    public static final long RECENT_WINDOW_MS = 2_000;

    public static final SlotLoad IDLE = new SlotLoad(0, 0, 0);

    /** {@link #recentChunks} decayed to {@code nowMs}. */
    public double recentChunksAt(long nowMs) {
        long dt = Math.max(0, nowMs - updatedMs);
        return recentChunks * Math.exp(-(double) dt / RECENT_WINDOW_MS);
    }

    /** This load with one more chunk placed at {@code nowMs}. */
    public SlotLoad withChunk(long nowMs) {
        return new SlotLoad(sessions, recentChunksAt(nowMs) + 1, Math.max(nowMs, updatedMs));
    }

    /** This load with {@code delta} sessions more (or fewer). */
    public SlotLoad withSessions(int delta) {
        return new SlotLoad(sessions + delta, recentChunks, updatedMs);
    }
}
