package io.infinisst.stream.model.features;

/**
 * 80-bin log-mel filterbank at 16 kHz: 25 ms Hann window, 10 ms hop, 512-point FFT, HTK mel scale from
 * 0 to 8 kHz, natural log of the band power floored at {@link #FLOOR}. Pure Java, so features do not
 * depend on the engine and cost ≈ milliseconds per utterance; immutable and shareable across threads.
 *
 * <p>Frame {@code i} covers samples {@code [i * HOP, i * HOP + WINDOW)}: an utterance of {@code n}
 * samples has {@link #frames(int)} frames, and a stream cut anywhere gives the same frames (see
 * {@link LogMelStream}).
 */
public final class LogMel {
    public static final int SAMPLE_RATE = 16_000;
    public static final int WINDOW = 400;
    public static final int HOP = 160;
    public static final int FFT = 512;
    public static final int BINS = 80;
    /** Power floor before the log: keeps digital silence finite (ln 1e-10 ≈ -23). */
    public static final double FLOOR = 1e-10;

    private static final LogMel INSTANCE = new LogMel();

    private final double[] window = new double[WINDOW];
    /** Mel filters as [band][first bin, weights...] over the FFT_BINS power spectrum. */
    private final int[] filterStart = new int[BINS];
    private final double[][] filterWeights = new double[BINS][];
    /** Half-length complex FFT of a real frame: its size, twiddles e^{-2πik/FFT} for k ≤ FFT/2, bit reversal. */
    static final int HALF = FFT / 2;
    private final double[] cos = new double[HALF + 1];
    private final double[] sin = new double[HALF + 1];
    private final int[] reverse = new int[HALF];
    /** Window values at the even and odd samples that fill the half-length FFT's real and imaginary parts. */
    private final double[] windowEven = new double[HALF];
    private final double[] windowOdd = new double[HALF];

    private LogMel() {
        for (int i = 0; i < WINDOW; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / WINDOW); // periodic Hann
        }
        int bins = FFT / 2 + 1;
        double melMax = mel(SAMPLE_RATE / 2.0);
        double[] edges = new double[BINS + 2];
        for (int m = 0; m < edges.length; m++) {
            edges[m] = hz(melMax * m / (BINS + 1));
        }
        for (int b = 0; b < BINS; b++) {
            double lo = edges[b];
            double mid = edges[b + 1];
            double hi = edges[b + 2];
            int first = -1;
            double[] w = new double[bins];
            int last = -1;
            for (int k = 0; k < bins; k++) {
                double f = k * (double) SAMPLE_RATE / FFT;
                double v = f <= lo || f >= hi ? 0 : f <= mid ? (f - lo) / (mid - lo) : (hi - f) / (hi - mid);
                w[k] = v;
                if (v > 0) {
                    if (first < 0) {
                        first = k;
                    }
                    last = k;
                }
            }
            if (first < 0) { // a band narrower than one bin: take the nearest bin, so no band is always empty
                first = (int) Math.round(mid * FFT / SAMPLE_RATE);
                last = first;
                w[first] = 1;
            }
            filterStart[b] = first;
            filterWeights[b] = java.util.Arrays.copyOfRange(w, first, last + 1);
        }
        for (int i = 0; i <= HALF; i++) {
            cos[i] = Math.cos(-2 * Math.PI * i / FFT);
            sin[i] = Math.sin(-2 * Math.PI * i / FFT);
        }
        int bitsLog = Integer.numberOfTrailingZeros(HALF);
        for (int i = 0; i < HALF; i++) {
            reverse[i] = Integer.reverse(i) >>> (32 - bitsLog);
            windowEven[i] = 2 * i < WINDOW ? window[2 * i] : 0;
            windowOdd[i] = 2 * i + 1 < WINDOW ? window[2 * i + 1] : 0;
        }
    }

    /** The shared instance (its tables are read-only). */
    public static LogMel get() {
        return INSTANCE;
    }

    static double mel(double hz) {
        return 2595.0 * Math.log10(1 + hz / 700.0);
    }

    static double hz(double mel) {
        return 700.0 * (Math.pow(10, mel / 2595.0) - 1);
    }

    /** Frames in {@code samples} samples: none until a whole window has been heard. */
    public static int frames(int samples) {
        return samples < WINDOW ? 0 : 1 + (samples - WINDOW) / HOP;
    }

    /** The log-mel frames of a whole utterance, [frames][BINS]. */
    public float[][] compute(float[] samples) {
        int n = frames(samples.length);
        float[][] out = new float[n][];
        double[] re = new double[HALF];
        double[] im = new double[HALF];
        for (int i = 0; i < n; i++) {
            out[i] = frame(samples, i * HOP, re, im);
        }
        return out;
    }

    /**
     * One frame from {@code WINDOW} samples at {@code offset}; {@code re}/{@code im} are scratch of at least
     * {@link #HALF} length. The frame is real, so its FFT-point spectrum comes from one complex FFT of half
     * the length (even samples as real parts, odd as imaginary) and a split step: half the work of a complex
     * FFT, which matters because features are computed per session and do not batch.
     */
    float[] frame(float[] samples, int offset, double[] re, double[] im) {
        for (int i = 0; i < HALF; i++) {
            int r = reverse[i];
            if (r < WINDOW / 2) { // WINDOW is even: both samples of the pair are in the window
                re[i] = samples[offset + 2 * r] * windowEven[r];
                im[i] = samples[offset + 2 * r + 1] * windowOdd[r];
            } else {
                re[i] = 0;
                im[i] = 0;
            }
        }
        for (int size = 2; size <= HALF; size <<= 1) {
            int half = size >> 1;
            int step = 2 * HALF / size; // twiddles of the half-length FFT are every other FFT twiddle
            for (int start = 0; start < HALF; start += size) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step];
                    double wi = sin[k * step];
                    int a = start + k;
                    int b = a + half;
                    double tr = re[b] * wr - im[b] * wi;
                    double ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
        // Split: with Z the half-length spectrum, E = (Z[k] + conj Z[H-k]) / 2 is the even samples' spectrum,
        // O = (Z[k] - conj Z[H-k]) / 2i the odd samples', and X[k] = E + e^{-2πik/FFT} O for k = 0..H.
        double[] power = new double[HALF + 1];
        for (int k = 0; k <= HALF; k++) {
            int j = (HALF - k) & (HALF - 1);
            int kk = k & (HALF - 1);
            double zr = re[kk];
            double zi = im[kk];
            double cr = re[j];
            double ci = -im[j];
            double er = (zr + cr) * 0.5;
            double ei = (zi + ci) * 0.5;
            double or = (zi - ci) * 0.5; // (a - c) / 2i = -i (a - c) / 2
            double oi = -(zr - cr) * 0.5;
            double xr = er + cos[k] * or - sin[k] * oi;
            double xi = ei + cos[k] * oi + sin[k] * or;
            power[k] = xr * xr + xi * xi;
        }
        float[] out = new float[BINS];
        for (int b = 0; b < BINS; b++) {
            double[] w = filterWeights[b];
            int first = filterStart[b];
            double e = 0;
            for (int j = 0; j < w.length; j++) {
                e += w[j] * power[first + j];
            }
            out[b] = (float) Math.log(Math.max(e, FLOOR));
        }
        return out;
    }

    /** Weight of FFT bin {@code k} in mel band {@code band}, for tests that check the filterbank directly. */
    double weight(int band, int k) {
        int j = k - filterStart[band];
        return j < 0 || j >= filterWeights[band].length ? 0 : filterWeights[band][j];
    }

    /** Hann window value at sample {@code i} of a frame. */
    double window(int i) {
        return window[i];
    }
}
