package io.infinisst.stream.model.features;

import java.util.Random;

/**
 * A smooth gain curve across the {@link LogMel} bands: a random equalizer for training. A speaker's (and a
 * synthesizer's or microphone's) spectral envelope — its tilt, the strength of its low and high bands — shifts
 * every band's log energy by a slowly varying amount that per-band normalization with the training set's
 * statistics does not remove; a model trained on a few voices learns their envelopes along with the words.
 * Drawing a new curve for every utterance of every epoch teaches it that the envelope carries no meaning.
 *
 * <p>The curve has {@link #ANCHORS} gains, evenly spaced from the lowest band to the highest, each drawn
 * uniformly from {@code [-maxDb, maxDb]} decibels, joined by cosine interpolation (smooth, never beyond its
 * anchors). Decibels of power become log-mel units by {@code ln(10) / 10}.
 */
public final class MelEq {
    /** Gains across the 80 bands: a knot every ≈ 16 bands (≈ 0.6 kHz low, ≈ 2 kHz high), as coarse as an envelope. */
    static final int ANCHORS = 6;

    private final float[] gain = new float[LogMel.BINS];

    /** The curve through {@code anchorsDb} (at least two gains in dB, the first at band 0, the last at the top band). */
    MelEq(double[] anchorsDb) {
        if (anchorsDb.length < 2) {
            throw new IllegalArgumentException("an equalizer curve needs at least 2 anchors, got " + anchorsDb.length);
        }
        double span = (LogMel.BINS - 1) / (double) (anchorsDb.length - 1);
        for (int b = 0; b < LogMel.BINS; b++) {
            double position = b / span;
            int k = (int) Math.min(anchorsDb.length - 2, Math.floor(position));
            double u = position - k;
            double w = (1 - Math.cos(Math.PI * u)) / 2;
            double db = anchorsDb[k] * (1 - w) + anchorsDb[k + 1] * w;
            gain[b] = (float) (db * Math.log(10) / 10);
        }
    }

    /** A curve whose {@link #ANCHORS} gains are drawn from {@code [-maxDb, maxDb]}. */
    public static MelEq random(double maxDb, Random random) {
        if (!(maxDb >= 0 && maxDb <= 40)) {
            throw new IllegalArgumentException("equalizer gain must be in [0, 40] dB, got " + maxDb);
        }
        double[] anchors = new double[ANCHORS];
        for (int k = 0; k < ANCHORS; k++) {
            anchors[k] = maxDb * (2 * random.nextDouble() - 1);
        }
        return new MelEq(anchors);
    }

    /** The gain of each band, in log-mel units (natural log of power). */
    float[] gains() {
        return gain.clone();
    }

    /**
     * Applies the curve in place to frames normalized by {@code norm} (in normalized units a band's gain is divided
     * by its standard deviation) and returns them.
     */
    public float[][] applyNormalized(float[][] frames, FeatureNorm norm) {
        float[] std = norm.std();
        float[] shift = new float[LogMel.BINS];
        for (int b = 0; b < LogMel.BINS; b++) {
            shift[b] = gain[b] / std[b];
        }
        for (float[] f : frames) {
            for (int b = 0; b < LogMel.BINS; b++) {
                f[b] += shift[b];
            }
        }
        return frames;
    }
}
