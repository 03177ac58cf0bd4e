package io.infinisst.stream.embedded.cli;

import io.infinisst.stream.embedded.LocalStack;
import io.infinisst.stream.embedded.baseline.DirectServer;
import io.infinisst.stream.eval.audio.Wav;
import io.infinisst.stream.eval.bench.CapacityBenchmark;
import io.infinisst.stream.eval.bench.LatencyBenchmark;
import io.infinisst.stream.job.functions.TranslatorFactory;
import io.infinisst.stream.model.ModelSpec;
import io.infinisst.stream.protocol.config.ConfigSources;
import io.infinisst.stream.protocol.config.SstConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sst bench}: measured figures, printed with the command that produced them.
 * <ul>
 *   <li>{@code --mode latency}: start-up time and end-to-end chunk latency at a few session counts;</li>
 *   <li>{@code --mode capacity}: the most concurrent real-time sessions kept up with, for the system with
 *       dynamic batching, the system without it, and a direct server (a thread per client, one model call
 *       per chunk), all in the same run so their ratios are comparable.</li>
 * </ul>
 * {@code --model diagnostic} (default) measures the pipeline with a model whose cost is chosen by
 * {@code --step-ms}, loaded with a tone; {@code --model configured} runs the models the configuration names
 * (the bundled ones by default) on held-out English speech.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure chunk latency (--mode latency) or real-time session capacity (--mode capacity). "
                + "Without --url it starts the embedded stack itself on free ports.")
final class BenchCommand implements Callable<Integer> {
    enum Mode { latency, capacity }

    /** Which model the slots run. */
    enum Model { diagnostic, configured }

    @Spec
    CommandSpec spec;

    /** The configuration from the environment and defaults, resolved once to check and describe the run. */
    private SstConfig configured;

    @Option(names = "--mode", defaultValue = "latency", description = "latency | capacity (default: ${DEFAULT-VALUE})")
    Mode mode;

    @Option(names = "--url", description = "latency mode: a running system's base URL (default: start one here)")
    URI url;

    @Option(names = "--sessions", split = ",", defaultValue = "1,4,16", description = "latency mode: session counts (default: ${DEFAULT-VALUE})")
    List<Integer> sessions;

    @Option(names = "--seconds", defaultValue = "20", description = "audio per session (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--language-pair", defaultValue = "English -> Chinese",
            description = "the pair every session asks for (default: ${DEFAULT-VALUE})")
    String languagePair;

    @Option(names = "--latency-multiplier", defaultValue = "2",
            description = "chunks of 0.96 s x this (default: ${DEFAULT-VALUE})")
    int multiplier;

    @Option(names = "--batch-timeout-ms", description = "embedded stack's batch timeout (default: config default)")
    Long batchTimeoutMs;

    @Option(names = "--model", defaultValue = "diagnostic",
            description = "diagnostic (cost set by --step-ms, tone load) | configured (the config's models, "
                    + "bundled by default, on held-out speech); with --url it picks only the load "
                    + "(default: ${DEFAULT-VALUE})")
    Model model;

    @Option(names = "--audio", description = "WAV file each session streams, looped to --seconds "
            + "(default: a tone for the diagnostic model, held-out English speech otherwise)")
    Path audio;

    @Option(names = "--step-ms", defaultValue = "0",
            description = "diagnostic model: fixed tensor work per model step, in ms (default: ${DEFAULT-VALUE})")
    double stepMs;

    @Option(names = "--start", defaultValue = "8", description = "capacity mode: first load level (default: ${DEFAULT-VALUE})")
    int start;

    @Option(names = "--max", defaultValue = "512", description = "capacity mode: highest load level (default: ${DEFAULT-VALUE})")
    int max;

    @Option(names = "--config", description = "JSON config file the embedded stack starts from, e.g. one that places "
            + "the pair's slot on a GPU (default: built-in defaults); environment variables apply over it")
    Path config;

    private final Map<String, String> env;

    BenchCommand() {
        this(System.getenv());
    }

    /** For tests: {@code env} stands for the environment variables. */
    BenchCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        String command = "scripts/sst " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        resolveConfigured();
        if (mode == Mode.capacity) {
            capacity();
        } else {
            latency();
        }
        System.out.println("command: " + command.trim());
        return 0;
    }

    /** Resolves the configuration once and checks that it serves {@code --language-pair}, before anything starts. */
    SstConfig resolveConfigured() {
        configured = ConfigSources.resolve(config, env, Map.of()).config();
        if (!configured.languages.containsKey(languagePair)) {
            throw new ParameterException(spec.commandLine(), "--language-pair '" + languagePair
                    + "' is not defined in the configuration (defined: " + configured.languages.keySet() + ")");
        }
        if (configured.slotsOf(languagePair).isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--language-pair '" + languagePair
                    + "': no slot of serving.gpu_language_map serves it (slots: "
                    + configured.serving.gpuLanguageMap + ")");
        }
        return configured;
    }

    /**
     * Where the direct server runs the model: the device of the pair's first slot (a CPU by default, a GPU where
     * the configuration puts the pair there), so that it gets the hardware the system gets, as one model where
     * the system may have several slots.
     */
    String directServerDevice() {
        return configured.slotsOf(languagePair).get(0);
    }

    private SstConfig stackConfig(boolean dynamicBatching) {
        // Environment variables (SST_JOB_BUFFER_TIMEOUT_MS, ...) apply, so variants need no new flags.
        SstConfig cfg = LocalStack.onFreePorts(ConfigSources.resolve(config, env, Map.of()).config());
        if (batchTimeoutMs != null) {
            cfg.serving.batchTimeoutMs = batchTimeoutMs;
        }
        cfg.serving.enableDynamicBatching = dynamicBatching;
        cfg.serving.maxSessionsPerSlot = 100_000; // measure the pipeline, not admission control
        if (model == Model.diagnostic) {
            cfg.languages.values().forEach(l -> {
                l.modelConfig.modelType = "diagnostic"; // the pipeline's cost, with a model cost of our choosing
                l.modelConfig.diagnosticStepMs = stepMs;
            });
        }
        return cfg;
    }

    private SstConfig.ModelConfig modelConfig() {
        return configured.languages.get(languagePair).modelConfig;
    }

    /** What every session streams, {@code seconds} long. */
    private Wav load(double seconds) throws IOException {
        if (audio != null) {
            return Wav.read(audio).looped(seconds);
        }
        return model == Model.diagnostic ? LatencyBenchmark.tone(seconds) : LatencyBenchmark.speech(seconds);
    }

    private String modelDescription() {
        if (url != null) {
            return "the running system's models, " + (model == Model.diagnostic ? "tone" : "speech") + " load";
        }
        return model == Model.diagnostic
                ? String.format(Locale.ROOT, "diagnostic model with %.1f ms per step", stepMs)
                : "the configured model (" + modelConfig().modelType + ")";
    }

    private void latency() throws Exception {
        LocalStack stack = null;
        URI base = url;
        if (base == null) {
            long t0 = System.nanoTime();
            stack = LocalStack.start(stackConfig(true));
            System.out.printf(Locale.ROOT, "embedded stack up in %.1f s (broker, MiniCluster + job running, "
                    + "ingress/egress listening)%n", (System.nanoTime() - t0) / 1e9);
            base = URI.create("http://127.0.0.1:" + stack.httpPort());
        }
        try {
            System.out.printf(Locale.ROOT, "%s, %s, latency multiplier %d (chunk %.2f s), %.0f s of audio per session%n",
                    languagePair, modelDescription(), multiplier, 0.96 * multiplier, seconds);
            warmUp(base);
            // A fresh JVM's first run at high concurrency is not steady state: 128 sessions as the first level
            // gave p90 2-4 s, the same level after smaller ones 0.09 s (JIT, thread and connection pools). So the
            // largest level streams a few seconds first, reported apart.
            int most = sessions.stream().mapToInt(Integer::intValue).max().orElse(1);
            if (most > 1) {
                System.out.println("  warm-up, not counted: "
                        + LatencyBenchmark.run(base, languagePair, multiplier, most, load(Math.min(seconds, 8))).line());
            }
            Wav wav = load(seconds);
            for (int n : sessions) {
                System.out.println(LatencyBenchmark.run(base, languagePair, multiplier, n, wav).line());
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    private void capacity() throws Exception {
        System.out.printf(Locale.ROOT, "capacity: %s, chunk %.2f s, %s, "
                + "%.0f s of audio per session; keeps up = all complete, p99 < 2 x chunk%n",
                languagePair, 0.96 * multiplier, modelDescription(), seconds);
        Map<String, Integer> result = new LinkedHashMap<>();
        for (boolean dynamic : new boolean[] {true, false}) {
            String name = dynamic ? "system, dynamic batching" : "system, batches of one";
            try (LocalStack stack = LocalStack.start(stackConfig(dynamic))) {
                result.put(name, search(name, URI.create("http://127.0.0.1:" + stack.httpPort())));
            }
        }
        // The model the system's slots run (the diagnostic one with --model diagnostic).
        String device = directServerDevice();
        ModelSpec spec = TranslatorFactory.specOf(languagePair, device,
                stackConfig(true).languages.get(languagePair).modelConfig);
        try (DirectServer direct = new DirectServer(List.of(spec)).start("127.0.0.1", 0)) {
            String name = "direct server (thread per client)";
            System.out.println("direct server's model on device " + device);
            result.put(name, search(name, URI.create("http://127.0.0.1:" + direct.port())));
        }
        System.out.println();
        result.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-36s %5d sessions%n", k, v));
        int batched = result.get("system, dynamic batching");
        result.forEach((k, v) -> {
            if (v > 0 && !k.equals("system, dynamic batching")) {
                System.out.printf(Locale.ROOT, "dynamic batching vs %-30s %.1fx%n", k + ":", batched / (double) v);
            }
        });
    }

    private int search(String name, URI base) throws Exception {
        System.out.println("== " + name);
        warmUp(base);
        return CapacityBenchmark.find(base, languagePair, multiplier, load(seconds), start, max,
                t -> System.out.println("  " + CapacityBenchmark.describe(t))).sessions();
    }

    /** One short session, not reported: loads the model's code paths and shows what it makes of the load. */
    private void warmUp(URI base) throws Exception {
        double warmUpSeconds = Math.min(seconds, model == Model.diagnostic ? 4 : 8); // speech: two sentences
        LatencyBenchmark.Figures f = LatencyBenchmark.run(base, languagePair, multiplier, 1, load(warmUpSeconds));
        if (model != Model.diagnostic) {
            System.out.println("  warm-up translation: " + f.sample());
        }
    }
}
