package io.infinisst.stream.embedded.cli;

import io.infinisst.stream.embedded.LocalStack;
import io.infinisst.stream.protocol.config.ConfigSources;
import io.infinisst.stream.protocol.config.ResolvedConfig;
import io.infinisst.stream.protocol.config.SstConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sst local}: the whole system in this JVM until Ctrl-C. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = {"Start everything in one JVM: Kafka broker, Flink MiniCluster with Web UI, ingress and egress.",
                "Settings: these flags > environment variables (MAX_BATCH_SIZE, SST_SERVING_PORT, ...) > --config file"
                        + " > defaults; see sst config --show."})
final class LocalCommand implements Callable<Integer> {
    /** Keeps main() from exiting while the stack serves; the shutdown hook stops it. */
    static final AtomicBoolean RUNNING = new AtomicBoolean();

    @Option(names = "--config", description = "JSON config file (default: built-in defaults)")
    Path config;

    @Option(names = "--port", description = "ingress/egress HTTP port (default 8000)")
    Integer port;

    @Option(names = "--max-batch-size", description = "sessions per model step (default 32)")
    Integer maxBatchSize;

    @Option(names = "--batch-timeout-ms", description = "longest wait to fill a batch (default 100)")
    Long batchTimeoutMs;

    @Option(names = "--web-ui-port", description = "Flink Web UI port (default 8081)")
    Integer webUiPort;

    @Option(names = "--kafka", description = "bootstrap servers of an existing Kafka cluster instead of the embedded broker")
    String kafka;

    @Option(names = "--no-job", description = "do not run the Flink job here: it runs on a cluster "
            + "(scripts/flink-cluster start; scripts/flink-cluster submit)")
    boolean noJob;

    private final Map<String, String> env;

    LocalCommand() {
        this(System.getenv());
    }

    /** With an environment of the caller's choosing (tests must not depend on the real one). */
    LocalCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** This run's configuration: its flags over the environment over {@code --config} over defaults. */
    ResolvedConfig resolve(List<String> problems) {
        return ConfigSources.resolve(config, env, flags(), problems);
    }

    /** The options given on the command line, as {@link ConfigSources}' highest layer. */
    private Map<String, String> flags() {
        Map<String, String> f = new LinkedHashMap<>();
        putIfGiven(f, "--port", port);
        putIfGiven(f, "--max-batch-size", maxBatchSize);
        putIfGiven(f, "--batch-timeout-ms", batchTimeoutMs);
        putIfGiven(f, "--web-ui-port", webUiPort);
        putIfGiven(f, "--kafka", kafka);
        return f;
    }

    private static void putIfGiven(Map<String, String> flags, String name, Object value) {
        if (value != null) {
            flags.put(name, value.toString());
        }
    }

    @Override
    public Integer call() throws Exception {
        List<String> problems = new ArrayList<>();
        ResolvedConfig resolved = resolve(problems);
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("config: " + p));
            return 1;
        }
        SstConfig cfg = resolved.config();
        long t0 = System.nanoTime();
        LocalStack stack = LocalStack.start(cfg, !noJob);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping InfiniSST Stream ...");
            stack.close();
        }, "sst-shutdown"));
        RUNNING.set(true);
        String host = "0.0.0.0".equals(cfg.serving.host) ? "127.0.0.1" : cfg.serving.host;
        System.out.printf("""

                InfiniSST Stream is up in %.1f s
                  session API    http://%s:%d   (POST /init, GET /queue_status/{id}, GET /health, ...)
                  audio socket   ws://%s:%d/wss/{session_id}
                  translations   ws://%s:%d/translations/{session_id}, http://%s:%d/sessions/{session_id}/events
                  Flink Web UI   %s
                  Kafka          %s
                  models         %s
                Stream a file:  scripts/sst stream --file speech.wav --language-pair "English -> Chinese"
                Ctrl-C stops everything.
                %n""", (System.nanoTime() - t0) / 1e9, host, stack.httpPort(), host, stack.httpPort(), host,
                stack.httpPort(), host, stack.httpPort(), stack.webUiUrl(), stack.bootstrapServers(),
                stack.describeSlots());
        return 0;
    }
}
