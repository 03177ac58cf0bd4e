package io.infinisst.stream.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Tests for {@link PoissonArrivals}. */
class PoissonArrivalsTest {

    @Test
    void shouldGiveTheSameTimesForTheSameSeed() {
        assertThat(PoissonArrivals.times(32, 300_000, 7)).containsExactly(PoissonArrivals.times(32, 300_000, 7));
        assertThat(PoissonArrivals.times(32, 300_000, 7)).isNotEqualTo(PoissonArrivals.times(32, 300_000, 8));
    }

    @Test
    void shouldPlaceExactlyTheUsersInsideTheDurationInOrder() {
        long[] t = PoissonArrivals.times(32, 300_000, 42);
        assertThat(t).hasSize(32).isSorted();
        assertThat(t[0]).isGreaterThanOrEqualTo(0);
        assertThat(t[31]).isLessThan(300_000);
    }

    @Test
    void shouldHaveExponentialGapsOfTheRateUsersOverDuration() {
        int n = 20_000;
        long duration = 1_000_000_000L;
        long[] t = PoissonArrivals.times(n, duration, 1);
        double mean = 0;
        double sq = 0;
        for (int i = 1; i < n; i++) {
            double g = t[i] - t[i - 1];
            mean += g;
            sq += g * g;
        }
        mean /= n - 1;
        double sd = Math.sqrt(sq / (n - 1) - mean * mean);
        assertThat(mean).isCloseTo(duration / (double) n, within(0.03 * duration / n));
        // An exponential's standard deviation equals its mean (coefficient of variation 1).
        assertThat(sd / mean).isCloseTo(1.0, within(0.05));
    }

    @Test
    void shouldRejectNoUsers() {
        assertThatThrownBy(() -> PoissonArrivals.times(0, 1000, 1)).hasMessage("users: must be at least 1, got 0");
    }
}
