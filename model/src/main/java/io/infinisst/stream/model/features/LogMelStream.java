package io.infinisst.stream.model.features;

import java.util.Arrays;

/**
 * Log-mel frames of a stream that arrives in pieces: each call returns only the frames completed by the new
 * samples, identical to {@link LogMel#compute} on the whole stream, and keeps fewer than {@link LogMel#WINDOW}
 * samples between calls, so no old frame is ever recomputed and memory stays bounded.
 */
public final class LogMelStream {
    private final LogMel mel = LogMel.get();
    private final double[] re = new double[LogMel.HALF];
    private final double[] im = new double[LogMel.HALF];
    private float[] tail = new float[0];

    /**
     * Frames completed by {@code samples}, each with its level.
     *
     * @return [frames][BINS] log-mel and, per frame, the RMS level of its window in dBFS (floored at -120)
     */
    public Frames push(float[] samples) {
        float[] buf = new float[tail.length + samples.length];
        System.arraycopy(tail, 0, buf, 0, tail.length);
        System.arraycopy(samples, 0, buf, tail.length, samples.length);
        int n = LogMel.frames(buf.length);
        float[][] frames = new float[n][];
        float[] dbfs = new float[n];
        for (int i = 0; i < n; i++) {
            frames[i] = mel.frame(buf, i * LogMel.HOP, re, im);
            dbfs[i] = level(buf, i * LogMel.HOP);
        }
        tail = Arrays.copyOfRange(buf, n * LogMel.HOP, buf.length);
        return new Frames(frames, dbfs);
    }

    /** Samples held for the next frame (always fewer than one window). */
    public int heldSamples() {
        return tail.length;
    }

    static float level(float[] samples, int offset) {
        double sum = 0;
        for (int i = 0; i < LogMel.WINDOW; i++) {
            double s = samples[offset + i];
            sum += s * s;
        }
        return (float) Math.max(-120.0, 10 * Math.log10(sum / LogMel.WINDOW + 1e-12));
    }

    /**
     * New frames of a stream.
     *
     * @param mel [frames][BINS] log-mel
     * @param dbfs RMS level of each frame's window, dBFS
     */
    public record Frames(float[][] mel, float[] dbfs) {}
}
