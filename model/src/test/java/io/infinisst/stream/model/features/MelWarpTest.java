package io.infinisst.stream.model.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link MelWarp}: a warped spectrum looks like the same sound with its frequencies scaled. */
class MelWarpTest {
    /** One second of a sum of sines at {@code hz}, each of amplitude 0.1. */
    private static float[] tones(double... hz) {
        float[] a = new float[LogMel.SAMPLE_RATE];
        for (int i = 0; i < a.length; i++) {
            double s = 0;
            for (double f : hz) {
                s += 0.1 * Math.sin(2 * Math.PI * f * i / LogMel.SAMPLE_RATE);
            }
            a[i] = (float) s;
        }
        return a;
    }

    /** The mean frame of a tone mix's log-mel features. */
    private static float[] meanFrame(double... hz) {
        float[][] frames = LogMel.get().compute(tones(hz));
        float[] mean = new float[LogMel.BINS];
        for (float[] f : frames) {
            for (int b = 0; b < LogMel.BINS; b++) {
                mean[b] += f[b] / frames.length;
            }
        }
        return mean;
    }

    private static int argmax(float[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            best = a[i] > a[best] ? i : best;
        }
        return best;
    }

    private static double correlation(float[] a, float[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }

    @Test
    void factorOneLeavesFramesAsTheyAre() {
        float[] frame = meanFrame(440, 1300, 2900);
        float[] warped = new MelWarp(1.0).apply(new float[][] {frame})[0];
        for (int b = 0; b < LogMel.BINS; b++) {
            assertThat(warped[b]).as("band %d", b).isCloseTo(frame[b], within(1e-3f));
        }
    }

    @Test
    void aWarpedToneLandsInTheBandOfTheScaledTone() {
        for (double alpha : List.of(0.87, 1.12)) {
            for (double hz : List.of(700.0, 2000.0, 4000.0)) {
                float[] warped = new MelWarp(alpha).apply(new float[][] {meanFrame(hz)})[0];
                int band = argmax(meanFrame(hz * alpha));
                // a tone fills two overlapping bands, and interpolation can tip the peak to the neighbour
                assertThat(argmax(warped)).as("%s Hz warped by %s", hz, alpha).isBetween(band - 1, band + 1);
                assertThat(Math.abs(argmax(warped) - argmax(meanFrame(hz)))).as("moved from the original band").isGreaterThan(1);
            }
        }
    }

    @Test
    void aWarpedFormantPatternResemblesTheScaledPatternMoreThanTheOriginalDoes() {
        double[] formants = {600, 1700, 2600, 3500};
        for (double alpha : List.of(0.88, 1.1)) {
            double[] scaled = new double[formants.length];
            for (int i = 0; i < formants.length; i++) {
                scaled[i] = formants[i] * alpha;
            }
            float[] original = meanFrame(formants);
            float[] target = meanFrame(scaled);
            float[] warped = new MelWarp(alpha).apply(new float[][] {original})[0];
            assertThat(correlation(warped, target)).as("alpha %s", alpha)
                    .isGreaterThan(correlation(original, target) + 0.2).isGreaterThan(0.9);
        }
    }

    @Test
    void normalizedFramesAreWarpedInTheLogMelDomain() {
        float[] frame = meanFrame(500, 2500);
        float[] mean = new float[LogMel.BINS];
        float[] std = new float[LogMel.BINS];
        for (int b = 0; b < LogMel.BINS; b++) {
            mean[b] = -5 + 0.1f * b;
            std[b] = 1 + 0.05f * b;
        }
        FeatureNorm norm = new FeatureNorm(mean, std);
        MelWarp warp = new MelWarp(1.1);
        float[] expected = norm.apply(warp.apply(new float[][] {frame}))[0];
        float[] actual = warp.applyNormalized(norm.apply(new float[][] {frame.clone()}), norm)[0];
        for (int b = 0; b < LogMel.BINS; b++) {
            assertThat(actual[b]).as("band %d", b).isCloseTo(expected[b], within(1e-4f));
        }
    }

    @Test
    void factorsOutsideTheSaneRangeAreRefused() {
        assertThatThrownBy(() -> new MelWarp(0.3)).hasMessageContaining("0.3");
        assertThatThrownBy(() -> new MelWarp(Double.NaN)).hasMessageContaining("NaN");
    }
}
