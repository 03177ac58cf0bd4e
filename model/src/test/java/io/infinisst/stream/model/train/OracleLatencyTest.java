package io.infinisst.stream.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link OracleLatency}: each unit said when its words are heard, at a chunk's end, after the pause. */
class OracleLatencyTest {
    // "The train leaves." ends its words at 0.5, 1.0 and 1.5 s in a 1.7 s clip; two characters are known after two words
    private static final OracleLatency.Sentence S = new OracleLatency.Sentence(new double[] {0.5, 1.0, 1.5}, 1.7,
            List.of("", "", "火车", "火车开了。"));

    @Test
    void saysEachUnitWhenItsWordEnds() {
        assertThat(OracleLatency.times(S, false, 0, 0)).containsExactly(1.0, 1.0, 1.5, 1.5, 1.5);
        // the sentence's last increment waits for the pause that ends it
        assertThat(OracleLatency.times(S, false, 0, 0.32)).containsExactly(1.0, 1.0, 1.82, 1.82, 1.82);
    }

    @Test
    void chunkedTextComesAtTheChunkEndButNoLaterThanTheClip() {
        List<Double> m1 = OracleLatency.times(S, false, 0.96, 0.32);
        assertThat(m1).hasSize(5);
        for (double t : m1) {
            assertThat(t).isCloseTo(1.7, within(1e-9)); // 1.0 → 1.92 and 1.82 → 1.92, both cut to the clip's end
        }
        OracleLatency.Sentence longer = new OracleLatency.Sentence(new double[] {0.5, 0.9, 2.5}, 3.0, S.heard());
        assertThat(OracleLatency.times(longer, false, 0.96, 0)).containsExactly(0.96, 0.96, 2.88, 2.88, 2.88);
    }

    @Test
    void italianCountsWords() {
        OracleLatency.Sentence it = new OracleLatency.Sentence(new double[] {0.5, 1.0, 1.5}, 1.7,
                List.of("", "Il", "Il treno", "Il treno parte."));
        assertThat(OracleLatency.times(it, true, 0, 0)).containsExactly(0.5, 1.0, 1.5);
        // LAAL against the 1.7 s clip: 3 words, ideal rate 1.7 / 3
        double rate = 1.7 / 3;
        assertThat(OracleLatency.mean(List.of(it), true, 0, 0)).isCloseTo((0.5 + (1.0 - rate) + (1.5 - 2 * rate)) / 3, within(1e-9));
    }
}
