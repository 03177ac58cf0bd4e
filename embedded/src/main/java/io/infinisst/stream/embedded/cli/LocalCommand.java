package io.infinisst.stream.embedded.cli;

import io.infinisst.stream.embedded.LocalStack;
import io.infinisst.stream.protocol.config.ConfigLoader;
import io.infinisst.stream.protocol.config.SstConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sst local}: the whole system in this JVM until Ctrl-C. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Start everything in one JVM: Kafka broker, Flink MiniCluster with Web UI, ingress and egress.")
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

    @Override
    public Integer call() throws Exception {
        SstConfig cfg = config == null ? ConfigLoader.defaults() : ConfigLoader.load(config);
        if (port != null) {
            cfg.serving.port = port;
        }
        if (maxBatchSize != null) {
            cfg.serving.maxBatchSize = maxBatchSize;
        }
        if (batchTimeoutMs != null) {
            cfg.serving.batchTimeoutMs = batchTimeoutMs;
        }
        if (webUiPort != null) {
            cfg.cluster.webUiPort = webUiPort;
            cfg.cluster.flinkRestAddress = "http://127.0.0.1:" + webUiPort;
        }
        if (kafka != null) {
            cfg.cluster.embeddedKafka = false;
            cfg.cluster.bootstrapServers = kafka;
        }
        var problems = ConfigLoader.validate(cfg);
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("config: " + p));
            return 2;
        }
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
