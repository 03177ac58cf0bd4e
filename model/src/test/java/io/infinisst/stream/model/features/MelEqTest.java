package io.infinisst.stream.model.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tests for {@link MelEq}: a smooth curve through its anchors, applied in normalized units. */
class MelEqTest {
    private static final float DB = (float) (Math.log(10) / 10); // log-mel units per dB of power

    @Test
    void passesThroughItsAnchorsAndStaysBetweenNeighbours() {
        float[] g = new MelEq(new double[] {-6, 6, 0}).gains();
        assertThat(g[0]).isCloseTo(-6 * DB, within(1e-5f));
        assertThat(g[LogMel.BINS - 1]).isCloseTo(0f, within(1e-5f));
        // the middle anchor sits at band 39.5: its neighbours are just below +6 dB
        assertThat(g[39]).isCloseTo(6 * DB, within(0.01f));
        for (int b = 0; b < 39; b++) {
            assertThat(g[b + 1]).isGreaterThanOrEqualTo(g[b]); // monotone between anchors, no overshoot
        }
        for (int b = 40; b + 1 < LogMel.BINS; b++) {
            assertThat(g[b + 1]).isLessThanOrEqualTo(g[b]);
        }
    }

    @Test
    void isSmoothFromBandToBand() {
        float[] g = MelEq.random(10, new Random(7)).gains();
        for (int b = 0; b + 1 < LogMel.BINS; b++) {
            // at most the full 20 dB swing over half an anchor gap (≈ 16 bands) at the cosine's steepest
            assertThat(Math.abs(g[b + 1] - g[b])).isLessThan(20 * DB * (float) Math.PI / 2 / 15.8f);
        }
    }

    @Test
    void randomCurvesStayWithinTheirBoundAndDependOnlyOnTheSeed() {
        for (int seed = 0; seed < 20; seed++) {
            float[] g = MelEq.random(6, new Random(seed)).gains();
            for (float v : g) {
                assertThat(Math.abs(v)).isLessThanOrEqualTo(6 * DB + 1e-6f);
            }
            assertThat(MelEq.random(6, new Random(seed)).gains()).containsExactly(g);
        }
        assertThat(MelEq.random(6, new Random(1)).gains()).isNotEqualTo(MelEq.random(6, new Random(2)).gains());
        for (float v : MelEq.random(0, new Random(1)).gains()) {
            assertThat(v).isZero();
        }
        assertThatThrownBy(() -> MelEq.random(-1, new Random(1))).hasMessageContaining("[0, 40] dB, got -1");
    }

    @Test
    void shiftsNormalizedFramesByTheGainOverTheBandsDeviation() {
        float[] mean = new float[LogMel.BINS];
        float[] std = new float[LogMel.BINS];
        Arrays.fill(mean, -3f);
        Arrays.fill(std, 2f);
        std[5] = 0.5f;
        FeatureNorm norm = new FeatureNorm(mean, std);
        float[][] raw = {new float[LogMel.BINS], new float[LogMel.BINS]};
        Arrays.fill(raw[0], -1f);
        Arrays.fill(raw[1], -5f);
        MelEq eq = MelEq.random(8, new Random(3));
        float[] g = eq.gains();
        float[][] viaNormalized = eq.applyNormalized(norm.apply(new float[][] {raw[0].clone(), raw[1].clone()}), norm);
        // the same as adding the gain to the raw log-mel frames and normalizing them
        for (int t = 0; t < raw.length; t++) {
            float[] shifted = raw[t].clone();
            for (int b = 0; b < LogMel.BINS; b++) {
                shifted[b] += g[b];
            }
            float[] expected = norm.apply(new float[][] {shifted})[0];
            for (int b = 0; b < LogMel.BINS; b++) {
                assertThat(viaNormalized[t][b]).isCloseTo(expected[b], within(1e-5f));
            }
        }
    }
}
