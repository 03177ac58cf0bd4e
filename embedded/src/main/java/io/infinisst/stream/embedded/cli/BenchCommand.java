package io.infinisst.stream.embedded.cli;

import io.infinisst.stream.embedded.LocalStack;
import io.infinisst.stream.eval.bench.LatencyBenchmark;
import io.infinisst.stream.protocol.config.ConfigLoader;
import io.infinisst.stream.protocol.config.SstConfig;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sst bench}: start-up time and end-to-end chunk latency at a few concurrent session counts. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure end-to-end chunk latency with N concurrent real-time sessions. Without --url it "
                + "starts the embedded stack itself (on free ports) and also reports its start-up time.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--url", description = "a running system's base URL (default: start one in this JVM)")
    URI url;

    @Option(names = "--sessions", split = ",", defaultValue = "1,4,16", description = "session counts (default: ${DEFAULT-VALUE})")
    List<Integer> sessions;

    @Option(names = "--seconds", defaultValue = "20", description = "audio per session (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--language-pair", defaultValue = "English -> Chinese")
    String languagePair;

    @Option(names = "--latency-multiplier", defaultValue = "2")
    int multiplier;

    @Option(names = "--batch-timeout-ms", description = "embedded stack only (default: config default)")
    Long batchTimeoutMs;

    @Override
    public Integer call() throws Exception {
        String command = "scripts/sst " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        LocalStack stack = null;
        URI base = url;
        if (base == null) {
            SstConfig cfg = LocalStack.onFreePorts(ConfigLoader.defaults());
            if (batchTimeoutMs != null) {
                cfg.serving.batchTimeoutMs = batchTimeoutMs;
            }
            long t0 = System.nanoTime();
            stack = LocalStack.start(cfg);
            System.out.printf(Locale.ROOT, "embedded stack up in %.1f s (broker, MiniCluster + job running, "
                    + "ingress/egress listening)%n", (System.nanoTime() - t0) / 1e9);
            base = URI.create("http://127.0.0.1:" + stack.httpPort());
        }
        try {
            System.out.printf(Locale.ROOT, "%s, latency multiplier %d (chunk %.2f s), %.0f s of audio per session%n",
                    languagePair, multiplier, 0.96 * multiplier, seconds);
            LatencyBenchmark.run(base, languagePair, multiplier, 1, Math.min(seconds, 4)); // warm-up, not reported
            for (int n : sessions) {
                System.out.println(LatencyBenchmark.run(base, languagePair, multiplier, n, seconds).line());
            }
            System.out.println("command: " + command.trim());
            return 0;
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }
}
