package io.infinisst.stream.model.corpus;

/**
 * Band-limited resampling by a Blackman-windowed sinc, for any pair of rates: the synthesizers speak
 * at 8, 16, 22.05 or 32 kHz and the corpus is 16 kHz. Also how pitch and tempo are shifted together
 * (speed perturbation): reading audio as if it were recorded at {@code rate × factor}.
 */
public final class Resampler {
    private static final int ZERO_CROSSINGS = 16;

    private Resampler() {}

    /** {@code input} at {@code from} Hz resampled to {@code to} Hz. */
    public static float[] resample(float[] input, int from, int to) {
        if (from <= 0 || to <= 0) {
            throw new IllegalArgumentException("sample rates must be positive, were " + from + " and " + to);
        }
        if (from == to) {
            return input.clone();
        }
        double step = (double) from / to; // input samples per output sample
        double cutoff = Math.min(1.0, (double) to / from) * 0.95; // below the lower Nyquist, with a margin
        int half = (int) Math.ceil(ZERO_CROSSINGS / cutoff);
        int outLength = (int) ((long) input.length * to / from);
        float[] out = new float[outLength];
        for (int n = 0; n < outLength; n++) {
            double t = n * step;
            int center = (int) Math.floor(t);
            double sum = 0;
            for (int k = Math.max(0, center - half + 1); k <= Math.min(input.length - 1, center + half); k++) {
                double d = t - k;
                double x = Math.PI * cutoff * d;
                double sinc = Math.abs(d) < 1e-9 ? 1.0 : Math.sin(x) / x;
                double w = 0.42 + 0.5 * Math.cos(Math.PI * d / half) + 0.08 * Math.cos(2 * Math.PI * d / half);
                sum += input[k] * cutoff * sinc * w;
            }
            out[n] = (float) sum;
        }
        return out;
    }
}
