package io.infinisst.stream.eval.score;

import java.util.List;

/**
 * How many sessions ran at once, and how many the system sustained: the largest number of sessions streaming
 * at one instant when every one of them kept up over its whole life — no error, completed, and every chunk's
 * translation within twice the chunk duration (the capacity benchmark's criterion: beyond it the backlog
 * grows). A session that fell behind at any point spoils every instant it was active, since the load it was
 * part of was not sustained.
 *
 * @param peak the most sessions streaming at one instant
 * @param sustained the most at an instant when all of them kept up
 */
public record Concurrency(int peak, int sustained) {
    /** Instants are sampled this often over the run. */
    static final long STEP_MS = 250;

    public static Concurrency of(List<SessionScore> scores) {
        long first = scores.stream().mapToLong(s -> s.run().sourceStartMs()).min().orElse(0);
        long last = scores.stream().mapToLong(s -> s.run().endMs()).max().orElse(0);
        boolean[] keptUp = new boolean[scores.size()];
        for (int i = 0; i < keptUp.length; i++) {
            keptUp[i] = keptUp(scores.get(i));
        }
        int peak = 0;
        int sustained = 0;
        for (long t = first; t <= last; t += STEP_MS) {
            int active = 0;
            boolean all = true;
            for (int i = 0; i < keptUp.length; i++) {
                SessionScore s = scores.get(i);
                if (s.run().sourceStartMs() <= t && t <= s.run().endMs()) {
                    active++;
                    all &= keptUp[i];
                }
            }
            peak = Math.max(peak, active);
            if (all) {
                sustained = Math.max(sustained, active);
            }
        }
        return new Concurrency(peak, sustained);
    }

    static boolean keptUp(SessionScore s) {
        double limit = 2 * s.run().chunkMs();
        return s.errors().isEmpty() && s.clientLatenciesMs().stream().allMatch(l -> l < limit);
    }
}
