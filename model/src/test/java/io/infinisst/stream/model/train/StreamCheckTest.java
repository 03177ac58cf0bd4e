package io.infinisst.stream.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link StreamCheck}'s latency measure. */
class StreamCheckTest {
    @Test
    void laalOfTextSaidAtTheEndIsTheSourceLength() {
        assertThat(StreamCheck.laal(List.of(2.0, 2.0, 2.0), 2.0, 3)).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void laalOfTextSaidAtTheIdealPaceIsItsLagBehindThatPace() {
        // Three units over 1.5 s: the ideal says them at 0, 0.5 and 1.0 s; each comes 0.5 s later.
        assertThat(StreamCheck.laal(List.of(0.5, 1.0, 1.5), 1.5, 3)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void laalStopsAtTheFirstUnitSaidAfterTheSourceAndUsesTheLongerOfHypothesisAndReference() {
        // Reference of 4 units: rate 0.5 s; units after the first one said at the end are not counted.
        assertThat(StreamCheck.laal(List.of(1.0, 2.0, 2.0), 2.0, 4)).isCloseTo((1.0 + 1.5) / 2, within(1e-9));
        assertThat(StreamCheck.laal(List.of(), 2.0, 4)).as("nothing said: the whole source").isEqualTo(2.0);
    }

    @Test
    void aRepeatedSentenceIsItsAudioNTimesWithSilentGapsBetween() {
        float[] a = {1, 2};
        assertThat(StreamCheck.repeated(a, 3, 2)).containsExactly(1, 2, 0, 0, 1, 2, 0, 0, 1, 2);
        assertThat(StreamCheck.repeated(a, 1, 2)).isSameAs(a);
    }
}
