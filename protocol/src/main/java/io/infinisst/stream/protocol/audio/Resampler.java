package io.infinisst.stream.protocol.audio;

/**
 * Converts mono audio between sample rates by linear interpolation. Good enough for speech features
 * (log-mel below 8 kHz); a band-limited filter is not worth its cost for the 16 kHz models served here.
 */
public final class Resampler {
    private Resampler() {}

    public static float[] resample(float[] in, int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive; got " + fromRate + " -> " + toRate);
        }
        if (fromRate == toRate || in.length == 0) {
            return in;
        }
        int outLen = (int) ((long) in.length * toRate / fromRate);
        float[] out = new float[outLen];
        double step = (double) fromRate / toRate;
        for (int i = 0; i < outLen; i++) {
            double pos = i * step;
            int j = (int) pos;
            double frac = pos - j;
            float a = in[Math.min(j, in.length - 1)];
            float b = in[Math.min(j + 1, in.length - 1)];
            out[i] = (float) (a + (b - a) * frac);
        }
        return out;
    }
}
