package io.infinisst.stream.model.corpus;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Additive noise at a chosen signal-to-noise ratio, seeded: white, pink (−3 dB/octave, like fans and
 * rooms) or brown (−6 dB/octave, like traffic rumble). The SNR is measured against the speech's active
 * level — the frames within 30 dB of the loudest — so leading and trailing silence do not dilute it.
 */
public enum Noise {
    NONE,
    WHITE,
    PINK,
    BROWN;

    private static final int FRAME = 320; // 20 ms at 16 kHz

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The speech with this noise added at {@code snrDb}; {@link #NONE} returns a copy. */
    public float[] mix(float[] speech, double snrDb, long seed) {
        float[] out = speech.clone();
        if (this == NONE) {
            return out;
        }
        double[] noise = generate(speech.length, new SplittableRandom(seed));
        double noiseRms = rms(noise, 0, noise.length);
        double scale = noiseRms == 0 ? 0 : activeRms(speech) / Math.pow(10, snrDb / 20) / noiseRms;
        for (int i = 0; i < out.length; i++) {
            out[i] += (float) (noise[i] * scale);
        }
        return out;
    }

    /** The RMS over the frames within 30 dB of the loudest frame. */
    public static double activeRms(float[] x) {
        int frames = Math.max(1, x.length / FRAME);
        double[] energy = new double[frames];
        double max = 0;
        for (int f = 0; f < frames; f++) {
            double e = 0;
            for (int i = f * FRAME; i < Math.min(x.length, (f + 1) * FRAME); i++) {
                e += x[i] * x[i];
            }
            energy[f] = e;
            max = Math.max(max, e);
        }
        double sum = 0;
        long count = 0;
        for (int f = 0; f < frames; f++) {
            if (energy[f] >= max * 1e-3) {
                sum += energy[f];
                count += Math.min(x.length, (f + 1) * FRAME) - f * FRAME;
            }
        }
        return count == 0 ? 0 : Math.sqrt(sum / count);
    }

    private double[] generate(int length, SplittableRandom random) {
        double[] out = new double[length];
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
        double brown = 0;
        for (int i = 0; i < length; i++) {
            double white = gaussian(random);
            switch (this) {
                case PINK -> { // Paul Kellet's filter
                    b0 = 0.99886 * b0 + white * 0.0555179;
                    b1 = 0.99332 * b1 + white * 0.0750759;
                    b2 = 0.96900 * b2 + white * 0.1538520;
                    b3 = 0.86650 * b3 + white * 0.3104856;
                    b4 = 0.55000 * b4 + white * 0.5329522;
                    b5 = -0.7616 * b5 - white * 0.0168980;
                    out[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + white * 0.5362;
                    b6 = white * 0.115926;
                }
                case BROWN -> {
                    brown = (brown + 0.02 * white) / 1.02; // leaky so it does not drift
                    out[i] = brown;
                }
                default -> out[i] = white;
            }
        }
        return out;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller from the seeded stream (java.util.Random's nextGaussian would tie us to its algorithm)
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static double rms(double[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i] * x[i];
        }
        return to > from ? Math.sqrt(sum / (to - from)) : 0;
    }
}
