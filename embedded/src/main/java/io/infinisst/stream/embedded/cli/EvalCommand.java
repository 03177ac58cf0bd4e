package io.infinisst.stream.embedded.cli;

import io.infinisst.stream.embedded.LocalStack;
import io.infinisst.stream.eval.app.EvalOptions;
import io.infinisst.stream.eval.app.Evaluation;
import io.infinisst.stream.eval.report.RunReport;
import io.infinisst.stream.eval.run.BatchSweep;
import io.infinisst.stream.eval.run.Progress;
import io.infinisst.stream.protocol.config.ConfigLoader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sst eval}: the seed system's evaluation modes against a running system — {@code --basic-test-only},
 * {@code --batch-test-only}, the full run (default) — and {@code --replay} of recorded sessions. Results in
 * {@code eval-results/<run-id>/}. Exit code 0 when the run passed (the basic test: every pair; replay and the
 * load modes: they ran to the end), 1 when it failed, 2 on bad options.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a running system: latency (chunk, AL/LAAL/StreamLAAL), BLEU, throughput; "
                + "report with charts in eval-results/<run-id>/.")
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    static final class ModeChoice {
        @Option(names = "--basic-test-only", description = "one session per language pair; pass/fail table")
        boolean basic;

        @Option(names = "--batch-test-only", description = "sweep max_batch_size x batch_timeout_ms via /configure")
        boolean batch;

        @Option(names = "--replay", paramLabel = "RUN_DIR|FILE",
                description = "replay the sessions of a run folder (records from Kafka) or an export file")
        Path replay;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    ModeChoice mode = new ModeChoice();

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8000", description = "system base URL (default: ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--embedded", description = "start the embedded stack on free ports and evaluate it (ignores --url)")
    boolean embedded;

    @Option(names = "--out", description = "results folder (default: eval-results/<run-id>)")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "seed of arrivals, pairs and item order (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--num-users", description = "simulated users (default: 32; 16 with --batch-test-only)")
    Integer numUsers;

    @Option(names = "--test-duration", defaultValue = "300", description = "full run: seconds users arrive and stream (default: ${DEFAULT-VALUE})")
    double testDuration;

    @Option(names = "--language-pairs", split = ",", description = "pairs to use (default: those the system serves)")
    List<String> pairs;

    @Option(names = "--latency-multiplier", defaultValue = "2", description = "chunk = 0.96 s x this (default: ${DEFAULT-VALUE})")
    int multiplier;

    @Option(names = "--speed", defaultValue = "1.0", description = "1.0 = real time; replay: recorded pace x this (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--sizes", split = ",", description = "batch sweep: max_batch_size values (default: 1,4,8,16,32)")
    List<Integer> sizes;

    @Option(names = "--timeouts", split = ",", description = "batch sweep: batch_timeout_ms values (default: 50,100,200)")
    List<Long> timeouts;

    @Option(names = "--settle-ms", defaultValue = "1000", description = "batch sweep: wait after /configure (default: ${DEFAULT-VALUE})")
    long settleMs;

    @Option(names = "--manifest", description = "held-out data manifest (JSONL); default: built-in espeak-ng set")
    Path manifest;

    @Option(names = "--split", split = ",", description = "manifest splits to use (default: all but train*)")
    Set<String> splits;

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", description = "Kafka, for --replay of a run folder (default: ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "sst.requests", description = "requests topic (default: ${DEFAULT-VALUE})")
    String topic;

    @Option(names = "--completion-timeout", defaultValue = "120", description = "seconds a session may take after its audio (default: ${DEFAULT-VALUE})")
    long completionTimeoutS;

    @Override
    public Integer call() throws Exception {
        EvalOptions.Mode m = mode.basic ? EvalOptions.Mode.BASIC : mode.batch ? EvalOptions.Mode.BATCH
                : mode.replay != null ? EvalOptions.Mode.REPLAY : EvalOptions.Mode.FULL;
        int users = numUsers != null ? numUsers : m == EvalOptions.Mode.BATCH ? 16 : 32;
        LocalStack stack = null;
        URI base = url;
        String kafka = bootstrapServers;
        try {
            if (embedded) {
                stack = LocalStack.start(LocalStack.onFreePorts(ConfigLoader.defaults()));
                base = URI.create("http://127.0.0.1:" + stack.httpPort());
                kafka = stack.bootstrapServers();
                spec.commandLine().getOut().println("embedded stack up: " + base + " (" + stack.describeSlots() + ")");
            }
            EvalOptions options = new EvalOptions(m, base, out, seed, users, testDuration, pairs, multiplier, speed,
                    sizes == null ? BatchSweep.DEFAULT_SIZES : sizes,
                    timeouts == null ? BatchSweep.DEFAULT_TIMEOUTS : timeouts, settleMs, manifest, splits,
                    mode.replay, kafka, topic, Duration.ofSeconds(completionTimeoutS));
            List<String> problems = options.problems();
            if (!problems.isEmpty()) {
                problems.forEach(p -> spec.commandLine().getErr().println(p));
                return 2;
            }
            RunReport report = new Evaluation(options, spec.commandLine().getOut(), Progress.isTerminal()).run();
            return m == EvalOptions.Mode.BASIC && !report.passed() ? 1 : 0;
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }
}
