package io.infinisst.stream.model;

import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The tensor work of the diagnostic model: one forward pass measures a whole batch of audio chunks,
 * then optional filler work pads the step to a fixed cost. Knows nothing about sessions.
 */
final class DiagnosticNetwork implements AutoCloseable {
    /** 10 ms at 16 kHz. */
    static final int FRAME_SAMPLES = 160;
    /** Bands of the random filterbank; small, as it only has to make the forward pass do a matmul. */
    static final int BANDS = 32;
    /** Level reported for silence and empty chunks (log of zero has no value). */
    static final float FLOOR_DBFS = -120f;
    /** A frame louder than this counts as voiced: well above room noise, well below speech. */
    static final float VOICED_DBFS = -40f;
    /** Side of the square matrix multiplied to fill a step up to its configured cost. */
    static final int FILLER_SIZE = 256;

    private static final float POWER_FLOOR = 1e-12f; // 10 * log10(1e-12) = FLOOR_DBFS
    private static final long SEED = 0x5EED_D1A6L;

    /**
     * One chunk's measurement.
     *
     * @param levelDbfs RMS level over the chunk's own samples, in dB relative to full scale (a full-scale
     *     square wave is 0 dBFS, a sine of amplitude 0.5 about -9.03), floored at {@link #FLOOR_DBFS}
     * @param voicedFraction share of the chunk's 10 ms frames above {@link #VOICED_DBFS}, in [0, 1]
     * @param bandSpread max minus min of the chunk's mean log band energies (natural log) through the
     *     random filterbank: 0 for silence, larger the more the chunk's energy sits in a few bands
     */
    record Measurement(float levelDbfs, float voicedFraction, float bandSpread) {}

    private final NDManager manager;
    private final NDArray filterbank;
    private final float[] fillerValues;
    private final long fillerNanos;

    DiagnosticNetwork(Device device, double stepMs) {
        this.fillerNanos = Math.round(stepMs * 1_000_000d);
        // Fixed seed, drawn in Java: identical on every device and run, and no global engine seed touched.
        Random random = new Random(SEED);
        float[] bank = new float[FRAME_SAMPLES * BANDS];
        for (int i = 0; i < bank.length; i++) {
            bank[i] = (float) (random.nextGaussian() / Math.sqrt(FRAME_SAMPLES));
        }
        this.fillerValues = new float[FILLER_SIZE * FILLER_SIZE];
        for (int i = 0; i < fillerValues.length; i++) {
            fillerValues[i] = (float) (random.nextGaussian() / FILLER_SIZE);
        }
        this.manager = NDManager.newBaseManager(device, Devices.ENGINE);
        this.filterbank = manager.create(bank, new Shape(FRAME_SAMPLES, BANDS));
    }

    /**
     * Measures every chunk in one forward pass, then does filler work until {@code stepMs} (from the
     * constructor) has passed since {@code startNanos}.
     *
     * @param chunks mono samples at 16 kHz, any lengths (empty allowed)
     * @param startNanos {@link System#nanoTime()} at the start of the step
     * @return one measurement per chunk, in order
     */
    List<Measurement> forward(List<float[]> chunks, long startNanos) {
        int b = chunks.size();
        if (b == 0) {
            return List.of();
        }
        int longest = 0;
        for (float[] c : chunks) {
            longest = Math.max(longest, c.length);
        }
        // Pad to whole frames of the longest chunk (at least one frame, so no tensor is empty).
        int frames = Math.max(1, (longest + FRAME_SAMPLES - 1) / FRAME_SAMPLES);
        int padded = frames * FRAME_SAMPLES;
        float[] flat = new float[b * padded];
        float[] lengths = new float[b];
        for (int i = 0; i < b; i++) {
            float[] c = chunks.get(i);
            System.arraycopy(c, 0, flat, i * padded, c.length);
            lengths[i] = c.length;
        }

        float[] stats;
        try (NDManager step = manager.newSubManager()) {
            // Results of an op belong to the manager of its receiver: every receiver below lives in
            // `step`, so closing it frees all intermediates and the base manager never grows.
            NDArray audio = step.create(flat, new Shape(b, frames, FRAME_SAMPLES));
            NDArray length = step.create(lengths, new Shape(b, 1));

            // Valid samples in each frame: the padding (and a partial last frame's tail) counts for nothing.
            NDArray valid = length.sub(step.arange(0f, (float) padded, (float) FRAME_SAMPLES))
                    .clip(0f, (float) FRAME_SAMPLES); // [B, F]
            NDArray validFrames = valid.gt(0f).toType(DataType.FLOAT32, false); // [B, F]
            NDArray frameCount = validFrames.sum(new int[] {1}).maximum(1f); // [B]

            NDArray frameEnergy = audio.square().sum(new int[] {2}); // [B, F]
            NDArray level = decibels(frameEnergy.sum(new int[] {1}).div(length.squeeze(1).maximum(1f))); // [B]
            NDArray voiced = decibels(frameEnergy.div(valid.maximum(1f))).gt(VOICED_DBFS)
                    .toType(DataType.FLOAT32, false).mul(validFrames)
                    .sum(new int[] {1}).div(frameCount); // [B]

            // Random filterbank: [B, F, 160] x [160, BANDS], then each band's log energy averaged over valid frames.
            NDArray bandLog = audio.matMul(filterbank).square().add(POWER_FLOOR).log(); // [B, F, BANDS]
            NDArray bandMean = bandLog.mul(validFrames.expandDims(2)).sum(new int[] {1})
                    .div(frameCount.expandDims(1)); // [B, BANDS]
            NDArray spread = bandMean.max(new int[] {1}).sub(bandMean.min(new int[] {1})); // [B]

            // One read-back for the whole batch; on a GPU it also waits for all of the above.
            stats = NDArrays.stack(new NDList(level, voiced, spread), 1).toFloatArray(); // [B, 3]
            fill(step, startNanos);
        }

        List<Measurement> out = new ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            out.add(new Measurement(stats[3 * i], stats[3 * i + 1], stats[3 * i + 2]));
        }
        return out;
    }

    /**
     * Multiplies a fixed matrix by itself until the step's cost is spent, reading back one element of each
     * product so the work is really done (a GPU would otherwise only queue it) before the clock is checked.
     */
    private void fill(NDManager step, long startNanos) {
        if (fillerNanos <= 0) {
            return;
        }
        long deadline = startNanos + fillerNanos;
        NDArray matrix = step.create(fillerValues, new Shape(FILLER_SIZE, FILLER_SIZE));
        while (System.nanoTime() - deadline < 0) {
            try (NDArray product = matrix.matMul(matrix)) {
                product.getFloat(0, 0);
            }
        }
    }

    private static NDArray decibels(NDArray power) {
        return power.maximum(POWER_FLOOR).log10().mul(10f);
    }

    /** Arrays held by the base manager (and any open step): constant between steps unless something leaks. */
    int liveArrays() {
        return ((BaseNDManager) manager).getManagedArrays().size();
    }

    @Override
    public void close() {
        manager.close();
    }
}
