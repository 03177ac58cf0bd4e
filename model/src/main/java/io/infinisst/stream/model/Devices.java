package io.infinisst.stream.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import java.util.function.IntSupplier;

/**
 * Turns a slot's device name from {@code serving.gpu_language_map} into a DJL {@link Device}:
 * {@code cpu} or {@code cpu:N} (a CPU replica; PyTorch has one CPU device, so N only names the slot)
 * or a GPU index such as {@code 0}.
 */
public final class Devices {
    /** The engine every model in this module runs on. */
    public static final String ENGINE = "PyTorch";

    private Devices() {}

    /**
     * Parses {@code device}, checking a GPU index against the GPUs the PyTorch engine sees.
     *
     * @throws IllegalArgumentException naming the value when it is malformed or the GPU is not present
     */
    public static Device parse(String device) {
        // Only a GPU index needs the engine (and its native library) to answer. A CPU build of PyTorch
        // cannot use a GPU even where the driver reports one, so it counts as seeing none.
        return parse(device, () -> {
            Engine engine = Engine.getEngine(ENGINE);
            return engine.hasCapability(StandardCapabilities.CUDA) ? engine.getGpuCount() : 0;
        });
    }

    static Device parse(String device, IntSupplier gpuCount) {
        if (device == null) {
            throw new IllegalArgumentException("device: must be cpu, cpu:N or a GPU index, got null");
        }
        String d = device.trim();
        if (d.equals("cpu")) {
            return Device.cpu();
        }
        if (d.startsWith("cpu:")) {
            parseIndex(device, d.substring(4));
            return Device.cpu();
        }
        int gpu = parseIndex(device, d);
        int present = gpuCount.getAsInt();
        if (gpu >= present) {
            throw new IllegalArgumentException("device '" + device + "': GPU " + gpu + " is not present (the "
                    + ENGINE + " engine sees " + present
                    + " usable GPU" + (present == 1 ? "" : "s") + "; a GPU needs the CUDA build of PyTorch)");
        }
        return Device.gpu(gpu);
    }

    private static int parseIndex(String device, String digits) {
        try {
            int i = Integer.parseInt(digits);
            if (i >= 0) {
                return i;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below, which says what was expected
        }
        throw new IllegalArgumentException("device '" + device + "': must be cpu, cpu:N or a GPU index (N >= 0)");
    }
}
