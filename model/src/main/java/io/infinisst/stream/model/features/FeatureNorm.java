package io.infinisst.stream.model.features;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * Per-bin mean and standard deviation of the training set's log-mel frames, subtracted and divided out
 * before the network. Fixed after training (never per utterance), so a stream is normalized the same at its
 * first chunk as at its hundredth.
 */
public record FeatureNorm(float[] mean, float[] std) {
    public FeatureNorm {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " bins, std " + std.length);
        }
    }

    /** Statistics of all frames of {@code utterances} (each [frames][bins]); std floored at 1e-3. */
    public static FeatureNorm fit(List<float[][]> utterances, int bins) {
        double[] sum = new double[bins];
        double[] sq = new double[bins];
        long n = 0;
        for (float[][] u : utterances) {
            for (float[] f : u) {
                for (int b = 0; b < bins; b++) {
                    sum[b] += f[b];
                    sq[b] += (double) f[b] * f[b];
                }
                n++;
            }
        }
        float[] mean = new float[bins];
        float[] std = new float[bins];
        for (int b = 0; b < bins; b++) {
            double m = n == 0 ? 0 : sum[b] / n;
            double v = n == 0 ? 1 : sq[b] / n - m * m;
            mean[b] = (float) m;
            std[b] = (float) Math.max(1e-3, Math.sqrt(Math.max(v, 0)));
        }
        return new FeatureNorm(mean, std);
    }

    /** Normalizes {@code frames} in place and returns them. */
    public float[][] apply(float[][] frames) {
        for (float[] f : frames) {
            for (int b = 0; b < mean.length; b++) {
                f[b] = (f[b] - mean[b]) / std[b];
            }
        }
        return frames;
    }

    public JsonObject toJson() {
        JsonObject j = new JsonObject();
        JsonArray m = new JsonArray();
        JsonArray s = new JsonArray();
        for (int b = 0; b < mean.length; b++) {
            m.add(mean[b]);
            s.add(std[b]);
        }
        j.add("mean", m);
        j.add("std", s);
        return j;
    }

    public static FeatureNorm fromJson(JsonObject j) {
        JsonArray m = j.getAsJsonArray("mean");
        JsonArray s = j.getAsJsonArray("std");
        float[] mean = new float[m.size()];
        float[] std = new float[s.size()];
        for (int b = 0; b < mean.length; b++) {
            mean[b] = m.get(b).getAsFloat();
            std[b] = s.get(b).getAsFloat();
        }
        return new FeatureNorm(mean, std);
    }
}
