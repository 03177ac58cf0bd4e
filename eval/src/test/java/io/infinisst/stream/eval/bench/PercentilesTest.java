package io.infinisst.stream.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link Percentiles}. */
class PercentilesTest {

    @Test
    void shouldUseNearestRank() {
        Percentiles p = new Percentiles(List.of(15L, 20L, 35L, 40L, 50L));
        assertThat(p.at(5)).isEqualTo(15);
        assertThat(p.at(30)).isEqualTo(20);
        assertThat(p.at(40)).isEqualTo(20);
        assertThat(p.at(50)).isEqualTo(35);
        assertThat(p.at(100)).isEqualTo(50);
        assertThat(p.mean()).isEqualTo(32.0);
    }

    @Test
    void shouldAnswerMinusOneWhenEmpty() {
        assertThat(new Percentiles(List.of()).at(99)).isEqualTo(-1);
    }
}
