package io.infinisst.stream.eval.bench;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a sample (the definition the reports use). */
public final class Percentiles {
    private final long[] sorted;

    public Percentiles(Collection<Long> values) {
        this.sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    public int count() {
        return sorted.length;
    }

    /** The smallest value with at least {@code p} percent of the sample at or below it; -1 if empty. */
    public long at(double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public double mean() {
        return Arrays.stream(sorted).average().orElse(-1);
    }
}
