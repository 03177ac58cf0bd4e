package io.infinisst.stream.eval.run;

import java.util.Random;

/**
 * Arrival times of simulated users: a Poisson process over the test duration, conditioned on exactly
 * {@code users} arrivals — the sorted uniform times such a process gives. They are drawn as exponential
 * gaps (the process's own gaps) normalised by their sum, which has exactly that distribution, so the
 * gaps look like independent arrivals and the last user still arrives inside the duration.
 */
public final class PoissonArrivals {
    private PoissonArrivals() {}

    /**
     * @param users how many arrive
     * @param durationMs the window they arrive in
     * @param seed the same seed gives the same times
     * @return ascending offsets from the start, each in [0, durationMs)
     */
    public static long[] times(int users, long durationMs, long seed) {
        if (users < 1) {
            throw new IllegalArgumentException("users: must be at least 1, got " + users);
        }
        if (durationMs < 0) {
            throw new IllegalArgumentException("durationMs: must not be negative, got " + durationMs);
        }
        Random random = new Random(seed);
        double[] cumulative = new double[users + 1];
        double sum = 0;
        for (int i = 0; i <= users; i++) {
            sum += -Math.log(1.0 - random.nextDouble()); // Exp(1): 1 - u avoids log(0)
            cumulative[i] = sum;
        }
        long[] out = new long[users];
        for (int i = 0; i < users; i++) {
            double fraction = cumulative[i] / sum; // S_k / S_(n+1): the k-th of n sorted uniforms
            out[i] = Math.min(durationMs - 1, (long) Math.floor(fraction * durationMs));
            out[i] = Math.max(0, out[i]);
        }
        return out;
    }
}
