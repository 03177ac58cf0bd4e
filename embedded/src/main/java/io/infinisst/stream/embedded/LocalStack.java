package io.infinisst.stream.embedded;

import io.infinisst.stream.egress.EgressMetrics;
import io.infinisst.stream.egress.EgressRoutes;
import io.infinisst.stream.egress.TranslationConsumer;
import io.infinisst.stream.egress.TranslationHub;
import io.infinisst.stream.egress.TranslationStats;
import io.infinisst.stream.ingress.ControlService;
import io.infinisst.stream.ingress.FlinkJobHealthProbe;
import io.infinisst.stream.ingress.HealthProbe;
import io.infinisst.stream.ingress.IngressMetrics;
import io.infinisst.stream.ingress.IngressRoutes;
import io.infinisst.stream.ingress.IngressService;
import io.infinisst.stream.ingress.KafkaConsumerLag;
import io.infinisst.stream.ingress.KafkaControlPublisher;
import io.infinisst.stream.ingress.KafkaHealthProbe;
import io.infinisst.stream.ingress.KafkaRequestPublisher;
import io.infinisst.stream.job.SstJob;
import io.infinisst.stream.protocol.config.SstConfig;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system in one JVM — the embedded default: a real Kafka broker, the Flink job in a
 * MiniCluster with its Web UI, and one Javalin server carrying both the ingress API (with the seed's
 * single socket {@code /wss/{id}} for audio in and translations out) and the egress endpoints.
 * Every part is the production code; only the deployment is collapsed.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration JOB_START_TIMEOUT = Duration.ofSeconds(90);

    private final SstConfig config;
    private final List<AutoCloseable> resources = new ArrayList<>(); // closed in reverse order
    private EmbeddedKafka kafka;
    private JobClient jobClient;
    private TranslationHub hub;
    private TranslationStats stats;
    private PrometheusMeterRegistry registry;
    private Javalin app;

    private final boolean withJob;

    private LocalStack(SstConfig config, boolean withJob) {
        this.config = config;
        this.withJob = withJob;
    }

    /** Starts every part and returns once the job runs and the HTTP server listens. */
    public static LocalStack start(SstConfig config) {
        return start(config, true);
    }

    /**
     * As {@link #start(SstConfig)}; with {@code withJob} false the Flink job is left to a cluster
     * ({@code scripts/flink-cluster submit}) and only broker, ingress and egress run here.
     */
    public static LocalStack start(SstConfig config, boolean withJob) {
        LocalStack s = new LocalStack(config, withJob);
        try {
            s.startAll();
            return s;
        } catch (RuntimeException | Error e) {
            s.close();
            throw e;
        } catch (Exception e) {
            s.close();
            throw new IllegalStateException("cannot start the local stack: " + e.getMessage(), e);
        }
    }

    private void startAll() throws Exception {
        SstConfig.Cluster c = config.cluster;
        if (c.embeddedKafka) {
            int port = Integer.parseInt(c.bootstrapServers.substring(c.bootstrapServers.lastIndexOf(':') + 1));
            kafka = EmbeddedKafka.start(port, null);
            resources.add(kafka);
            c.bootstrapServers = kafka.bootstrapServers();
        }
        KafkaTopics.ensure(config);

        if (withJob) {
            startJob();
        }

        stats = new TranslationStats();
        hub = new TranslationHub(stats);
        resources.add(hub);
        TranslationConsumer consumer = new TranslationConsumer(c.bootstrapServers, c.translationsTopic, hub);
        consumer.start();
        resources.add(consumer);
        if (!consumer.awaitReady(Duration.ofSeconds(60))) {
            throw new IllegalStateException("egress consumer did not get its partitions of " + c.translationsTopic);
        }

        KafkaRequestPublisher publisher = new KafkaRequestPublisher(c.bootstrapServers, c.requestsTopic);
        resources.add(publisher);
        List<HealthProbe> probes = List.of(
                new KafkaHealthProbe(c.bootstrapServers, Duration.ofSeconds(3)),
                new FlinkJobHealthProbe(c.flinkRestAddress, Duration.ofSeconds(3)));
        resources.addAll(probes);
        // The seed's single socket: audio in and, through the egress hub, translations out.
        IngressService ingress = new IngressService(config, publisher, hub::subscribe, probes).start();
        resources.add(ingress);
        // /stats reads the job's batching figures from the translation events the egress sees.
        ControlService control = new ControlService(ingress,
                new KafkaControlPublisher(c.bootstrapServers, c.controlTopic), stats::snapshot,
                new KafkaConsumerLag(c.bootstrapServers, c.requestsTopic, config.job.consumerGroup,
                        Duration.ofSeconds(3)));
        resources.add(control);
        app = IngressRoutes.createApp(config);
        IngressRoutes.register(app, ingress);
        IngressRoutes.registerControl(app, control);
        EgressRoutes egress = EgressRoutes.register(app, hub);
        resources.add(egress);
        // One registry and one /metrics for both halves: Javalin takes a path once.
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        IngressMetrics.bind(registry, ingress);
        EgressMetrics.bind(registry, hub, stats, egress, consumer);
        IngressRoutes.registerMetrics(app, registry);
        app.start(config.serving.host, config.serving.port);
        resources.add(app::stop);
        LOG.info("ingress and egress listening on port {}", app.port());
    }

    private void startJob() throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, config.cluster.webUiHost);
        conf.set(RestOptions.ADDRESS, config.cluster.webUiHost);
        conf.set(RestOptions.PORT, config.cluster.webUiPort);
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, config.job.parallelism);
        // Keyed state holds up to a chunk of audio per session (≈ 120 KB at multiplier 2): past a few dozen
        // sessions it outgrows the JobManager's 5 MB in-memory checkpoint limit, so checkpoints go to files.
        Path checkpoints = Files.createTempDirectory("sst-checkpoints-");
        resources.add(() -> Folders.deleteRecursively(checkpoints));
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        jobClient = SstJob.submit(env, config);
        // Cancelling the job also shuts down the per-job MiniCluster and its Web UI.
        resources.add(() -> {
            try {
                jobClient.cancel().get();
            } catch (Exception e) {
                LOG.debug("job already gone: {}", e.toString());
            }
        });
        long deadline = System.nanoTime() + JOB_START_TIMEOUT.toNanos();
        JobStatus status = jobClient.getJobStatus().get();
        while (status != JobStatus.RUNNING) {
            if (status.isTerminalState() || System.nanoTime() > deadline) {
                throw new IllegalStateException("Flink job did not reach RUNNING (status " + status + ")");
            }
            Thread.sleep(50); // polling a remote status; there is no completion callback for RUNNING
            status = jobClient.getJobStatus().get();
        }
        LOG.info("Flink job {} running; Web UI {}", jobClient.getJobID(), webUiUrl());
    }

    /**
     * Moves every listener of a config to a free port on loopback, so tests and benchmarks can run beside a
     * stack already on the default ports. Returns the same (changed) config.
     */
    public static SstConfig onFreePorts(SstConfig config) {
        try {
            config.cluster.bootstrapServers = "127.0.0.1:0";
            config.cluster.webUiHost = "127.0.0.1";
            config.cluster.webUiPort = EmbeddedKafka.freePort();
            config.cluster.flinkRestAddress = "http://127.0.0.1:" + config.cluster.webUiPort;
            config.serving.host = "127.0.0.1";
            config.serving.port = 0;
            return config;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no free port", e);
        }
    }

    public int httpPort() {
        return app.port();
    }

    public String bootstrapServers() {
        return config.cluster.bootstrapServers;
    }

    public String webUiUrl() {
        return withJob ? "http://" + config.cluster.webUiHost + ":" + config.cluster.webUiPort
                : config.cluster.flinkRestAddress + " (external cluster)";
    }

    /** The batching figures measured from the translation events ({@code /stats}'s {@code pipeline}). */
    public TranslationStats translationStats() {
        return stats;
    }

    /** The one registry behind {@code /metrics}: the ingress's and the egress's meters. */
    public PrometheusMeterRegistry meterRegistry() {
        return registry;
    }

    public JobClient jobClient() {
        return jobClient;
    }

    public SstConfig config() {
        return config;
    }

    /** e.g. {@code English -> Chinese on cpu:0 (diagnostic)}, one per pair. */
    public String describeSlots() {
        return config.languages.entrySet().stream()
                .map(e -> e.getKey() + " on " + String.join(", ", config.slotsOf(e.getKey())) + " ("
                        + e.getValue().modelConfig.modelType + ")")
                .collect(Collectors.joining("; "));
    }

    @Override
    public synchronized void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}: {}", resources.get(i), e.toString());
            }
        }
        resources.clear();
    }
}
