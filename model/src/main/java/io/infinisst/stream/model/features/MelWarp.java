package io.infinisst.stream.model.features;

/**
 * Vocal tract length perturbation (Jaitly &amp; Hinton, 2013) applied to {@link LogMel} frames: the spectrum
 * is stretched along the frequency axis by a factor {@code alpha}, as if the same speech came from a shorter
 * ({@code alpha > 1}) or longer vocal tract. Training on warped copies of its voices teaches a model that
 * formant positions vary between speakers; a voice never heard in training (the corpus's held-out flite
 * speaker, whose pitch is shifted by resampling, which moves its formants too) is then less foreign.
 *
 * <p>The warp maps a frequency {@code f} to {@code alpha * f} up to a boundary and linearly onto the
 * remaining band above it, so 0 and the Nyquist frequency stay fixed and no band is left empty. A warped
 * band takes the log energy found at its source frequency, interpolated between the two nearest band
 * centres: an approximation of filtering the warped spectrum (band widths are not rescaled) that is
 * cheap enough to draw a new factor for every utterance of every epoch from features held in memory.
 */
public final class MelWarp {
    /** Upper edge of the proportionally scaled range, in Hz (the paper's 4.8 kHz for 8 kHz speech bandwidth). */
    static final double F_HI = 4800;

    private final double alpha;
    /** Per output band: the band below its source frequency, and the weight of the band above. */
    private final int[] lower = new int[LogMel.BINS];
    private final float[] upperWeight = new float[LogMel.BINS];

    public MelWarp(double alpha) {
        if (!(alpha >= 0.5 && alpha <= 2)) {
            throw new IllegalArgumentException("warp factor must be in [0.5, 2], got " + alpha);
        }
        this.alpha = alpha;
        double nyquist = LogMel.SAMPLE_RATE / 2.0;
        double melMax = LogMel.mel(nyquist);
        double step = melMax / (LogMel.BINS + 1); // band b is centred at mel (b + 1) * step
        for (int b = 0; b < LogMel.BINS; b++) {
            double source = source(LogMel.hz((b + 1) * step), nyquist);
            double position = Math.min(LogMel.BINS - 1, Math.max(0, LogMel.mel(source) / step - 1));
            int lo = (int) Math.min(LogMel.BINS - 2, Math.floor(position));
            lower[b] = lo;
            upperWeight[b] = (float) (position - lo);
        }
    }

    /** The frequency whose energy lands at {@code f} after the warp (the warp's inverse). */
    private double source(double f, double nyquist) {
        double boundary = F_HI * Math.min(alpha, 1); // where the warped axis leaves the proportional part
        if (f <= boundary) {
            return f / alpha;
        }
        double sourceBoundary = boundary / alpha;
        return nyquist - (nyquist - f) * (nyquist - sourceBoundary) / (nyquist - boundary);
    }

    /** Warps raw log-mel frames ([frames][{@link LogMel#BINS}]) into new ones. */
    public float[][] apply(float[][] frames) {
        float[][] out = new float[frames.length][];
        for (int t = 0; t < frames.length; t++) {
            out[t] = warp(frames[t]);
        }
        return out;
    }

    /** Warps frames normalized by {@code norm}: back to log-mel, warped, normalized again (into new arrays). */
    public float[][] applyNormalized(float[][] frames, FeatureNorm norm) {
        float[] mean = norm.mean();
        float[] std = norm.std();
        float[] raw = new float[LogMel.BINS];
        float[][] out = new float[frames.length][];
        for (int t = 0; t < frames.length; t++) {
            for (int b = 0; b < LogMel.BINS; b++) {
                raw[b] = frames[t][b] * std[b] + mean[b];
            }
            out[t] = warp(raw);
        }
        return norm.apply(out);
    }

    private float[] warp(float[] frame) {
        float[] w = new float[LogMel.BINS];
        for (int b = 0; b < LogMel.BINS; b++) {
            int lo = lower[b];
            float u = upperWeight[b];
            w[b] = frame[lo] * (1 - u) + frame[lo + 1] * u;
        }
        return w;
    }
}
