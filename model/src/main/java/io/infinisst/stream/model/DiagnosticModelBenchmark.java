package io.infinisst.stream.model;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Prints how long one step of the {@link DiagnosticTranslator} takes at batch sizes 1, 16 and 64 of
 * 1.92 s chunks, and the command that produced the figures. The figures are printed, never asserted: they
 * depend on the machine. Run from the repository root after {@code mvn -o -pl model install}:
 *
 * <pre>
 * mvn -q -B -o -pl model org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.infinisst.stream.model.DiagnosticModelBenchmark \
 *     -Dexec.args="0 200" -Dai.djl.pytorch.num_threads=1
 * </pre>
 *
 * Arguments (all optional): step cost in ms (default 0), measured steps per batch size (default 200).
 */
public final class DiagnosticModelBenchmark {
    private static final int CHUNK_SAMPLES = 30_720; // 1.92 s at 16 kHz: one chunk at latency multiplier 2
    private static final int[] BATCH_SIZES = {1, 16, 64};
    private static final int WARMUP_STEPS = 20;

    private DiagnosticModelBenchmark() {}

    public static void main(String[] args) {
        double stepMs = args.length > 0 ? Double.parseDouble(args[0]) : 0;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true"); // natives come from the jar; never reach for the network
        }

        System.out.println("command: " + command(DiagnosticModelBenchmark.class, args));
        System.out.printf(Locale.ROOT, "cpus=%d ai.djl.pytorch.num_threads=%s step cost=%.1f ms, %d steps per batch size%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("ai.djl.pytorch.num_threads", "(default)"),
                stepMs, steps);

        try (DiagnosticTranslator model = new DiagnosticTranslator(
                new ModelSpec("diagnostic", "benchmark", "cpu", null, null, stepMs))) {
            System.out.println("model: " + model.name());
            System.out.println(" batch   ms/step (mean)   ms/step (p50)   ms/step (p99)   ms per chunk   steps/s");
            for (int batch : BATCH_SIZES) {
                double[] ms = run(model, batch, steps);
                double mean = Arrays.stream(ms).average().orElse(0);
                Arrays.sort(ms);
                System.out.printf(Locale.ROOT, "%6d   %14.3f   %13.3f   %13.3f   %12.3f   %7.1f%n", batch, mean,
                        ms[ms.length / 2], ms[Math.min(ms.length - 1, (int) (ms.length * 0.99))], mean / batch,
                        1000 / mean);
            }
        }
    }

    /**
     * The command line that started a benchmark's run, printed beside its figures: the mvn invocation under
     * exec:java, else the java one with its JVM options and {@code main}'s arguments.
     */
    public static String command(Class<?> main, String[] args) {
        String launched = System.getProperty("sun.java.command", "");
        if (System.getProperty("maven.home") != null && launched.contains(" ")) {
            return "mvn" + launched.substring(launched.indexOf(' '));
        }
        return "java " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()) + " "
                + main.getName() + " " + String.join(" ", args);
    }

    /** Steps {@code batch} sessions through warm-up then {@code steps} measured steps; returns each step's ms. */
    private static double[] run(DiagnosticTranslator model, int batch, int steps) {
        Random random = new Random(batch);
        List<float[]> audio = new ArrayList<>(batch);
        for (int s = 0; s < batch; s++) {
            float[] a = new float[CHUNK_SAMPLES];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (0.1 * random.nextGaussian());
            }
            audio.add(a);
            model.open("bench-" + batch + "-" + s);
        }
        double[] ms = new double[steps];
        for (int step = 0; step < WARMUP_STEPS + steps; step++) {
            List<StepInput> inputs = new ArrayList<>(batch);
            for (int s = 0; s < batch; s++) {
                inputs.add(new StepInput("bench-" + batch + "-" + s, step, audio.get(s), false));
            }
            long start = System.nanoTime();
            model.step(inputs);
            if (step >= WARMUP_STEPS) {
                ms[step - WARMUP_STEPS] = (System.nanoTime() - start) / 1e6;
            }
        }
        for (int s = 0; s < batch; s++) {
            model.close("bench-" + batch + "-" + s);
        }
        return ms;
    }
}
