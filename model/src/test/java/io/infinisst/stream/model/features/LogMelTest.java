package io.infinisst.stream.model.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tests for {@link LogMel} and {@link LogMelStream}. */
class LogMelTest {
    private static float[] noise(int n, long seed) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextGaussian() * 0.1);
        }
        return a;
    }

    /** The textbook computation: a direct DFT of the windowed frame and triangular filters from the mel formula. */
    private static double[] reference(float[] samples, int offset) {
        int bins = LogMel.FFT / 2 + 1;
        double[] power = new double[bins];
        for (int k = 0; k < bins; k++) {
            double re = 0;
            double im = 0;
            for (int n = 0; n < LogMel.WINDOW; n++) {
                double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / LogMel.WINDOW);
                double x = samples[offset + n] * w;
                re += x * Math.cos(2 * Math.PI * k * n / LogMel.FFT);
                im -= x * Math.sin(2 * Math.PI * k * n / LogMel.FFT);
            }
            power[k] = re * re + im * im;
        }
        double melMax = 2595 * Math.log10(1 + 8000 / 700.0);
        double[] out = new double[LogMel.BINS];
        for (int b = 0; b < LogMel.BINS; b++) {
            double lo = 700 * (Math.pow(10, melMax * b / 81 / 2595) - 1);
            double mid = 700 * (Math.pow(10, melMax * (b + 1) / 81 / 2595) - 1);
            double hi = 700 * (Math.pow(10, melMax * (b + 2) / 81 / 2595) - 1);
            double e = 0;
            boolean any = false;
            for (int k = 0; k < bins; k++) {
                double f = k * 16000.0 / LogMel.FFT;
                double w = f <= lo || f >= hi ? 0 : f <= mid ? (f - lo) / (mid - lo) : (hi - f) / (hi - mid);
                e += w * power[k];
                any |= w > 0;
            }
            if (!any) {
                e = power[(int) Math.round(mid * LogMel.FFT / 16000)];
            }
            out[b] = Math.log(Math.max(e, 1e-10));
        }
        return out;
    }

    @Test
    void framesMatchADirectDftThroughTriangularMelFilters() {
        float[] audio = noise(1600, 1);
        float[][] frames = LogMel.get().compute(audio);
        assertThat(frames).hasNumberOfRows(LogMel.frames(1600)).hasNumberOfRows(8);
        for (int i : new int[] {0, 3, 7}) {
            double[] ref = reference(audio, i * LogMel.HOP);
            for (int b = 0; b < LogMel.BINS; b++) {
                assertThat((double) frames[i][b]).as("frame %d band %d", i, b).isCloseTo(ref[b], within(1e-3));
            }
        }
    }

    @Test
    void aOneKilohertzToneIsLoudestInTheBandAroundOneKilohertz() {
        float[] tone = new float[4000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / 16000.0));
        }
        float[] f = LogMel.get().compute(tone)[5];
        int loudest = 0;
        for (int b = 1; b < f.length; b++) {
            loudest = f[b] > f[loudest] ? b : loudest;
        }
        double melMax = LogMel.mel(8000);
        double centre = LogMel.hz(melMax * (loudest + 1) / 81);
        double below = LogMel.hz(melMax * loudest / 81);
        double above = LogMel.hz(melMax * (loudest + 2) / 81);
        assertThat(1000.0).isBetween(below, above);
        assertThat(Math.abs(centre - 1000)).isLessThan(60);
    }

    @Test
    void aStreamFedInPiecesGivesTheFramesOfTheWholeAndHoldsLessThanAWindow() {
        float[] audio = noise(16_000, 2);
        float[][] whole = LogMel.get().compute(audio);
        LogMelStream stream = new LogMelStream();
        Random r = new Random(3);
        float[][] pieces = new float[0][];
        int at = 0;
        while (at < audio.length) {
            int n = Math.min(audio.length - at, r.nextInt(900));
            LogMelStream.Frames f = stream.push(Arrays.copyOfRange(audio, at, at + n));
            at += n;
            int old = pieces.length;
            pieces = Arrays.copyOf(pieces, old + f.mel().length);
            System.arraycopy(f.mel(), 0, pieces, old, f.mel().length);
            assertThat(f.dbfs()).hasSize(f.mel().length);
            assertThat(stream.heldSamples()).isLessThan(LogMel.WINDOW);
        }
        assertThat(pieces).isDeepEqualTo(whole);
    }

    @Test
    void silenceIsFlooredNotInfinite() {
        LogMelStream.Frames f = new LogMelStream().push(new float[800]);
        assertThat(f.mel()[0][10]).isEqualTo((float) Math.log(LogMel.FLOOR));
        assertThat(f.dbfs()[0]).isEqualTo(-120f);
        assertThat(LogMel.frames(399)).isZero();
        assertThat(LogMel.frames(400)).isEqualTo(1);
        assertThat(LogMel.frames(560)).isEqualTo(2);
    }
}
