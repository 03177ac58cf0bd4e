package io.infinisst.stream.ingress;

import io.infinisst.stream.protocol.config.ConfigException;
import io.infinisst.stream.protocol.config.ConfigSources;
import io.infinisst.stream.protocol.config.SstConfig;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingress as its own service: {@code --config sst.json} (defaults without it). It publishes to the
 * configured Kafka and checks the configured Flink REST address; translations reach clients through the
 * standalone egress, since this process has no translation feed.
 */
public final class IngressApp {
    private static final Logger LOG = LoggerFactory.getLogger(IngressApp.class);

    private IngressApp() {}

    /** The config named by {@code --config FILE} (or {@code --config=FILE}), or the defaults. */
    static SstConfig loadConfig(String... args) {
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option --config needs a file");
                }
                file = Path.of(args[++i]);
            } else if (args[i].startsWith("--config=")) {
                file = Path.of(args[i].substring("--config=".length()));
            } else {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'; known: --config FILE");
            }
        }
        // Same precedence as everywhere: environment variables over the file over the defaults.
        return ConfigSources.resolve(file, System.getenv(), Map.of()).config();
    }

    public static void main(String[] args) throws InterruptedException {
        SstConfig config;
        try {
            config = loadConfig(args);
        } catch (IllegalArgumentException | ConfigException e) {
            System.err.println("ingress: " + e.getMessage());
            System.exit(2);
            return;
        }
        KafkaRequestPublisher publisher =
                new KafkaRequestPublisher(config.cluster.bootstrapServers, config.cluster.requestsTopic);
        List<HealthProbe> probes = List.of(
                new KafkaHealthProbe(config.cluster.bootstrapServers, Duration.ofSeconds(2)),
                new FlinkJobHealthProbe(config.cluster.flinkRestAddress, Duration.ofSeconds(2)));
        IngressService service = new IngressService(config, publisher, null, probes).start();
        // No translation statistics here: they come from the events, which the standalone egress reads.
        ControlService control = new ControlService(service,
                new KafkaControlPublisher(config.cluster.bootstrapServers, config.cluster.controlTopic), null,
                new KafkaConsumerLag(config.cluster.bootstrapServers, config.cluster.requestsTopic,
                        config.job.consumerGroup, Duration.ofSeconds(2)));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        IngressMetrics.bind(registry, service);
        Javalin app = IngressRoutes.createApp(config);
        IngressRoutes.register(app, service);
        IngressRoutes.registerControl(app, control);
        IngressRoutes.registerMetrics(app, registry);
        app.start(config.serving.host, config.serving.port);
        LOG.info("ingress on {}:{} publishing to {} at {}", config.serving.host, app.port(),
                config.cluster.requestsTopic, config.cluster.bootstrapServers);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            service.close();
            control.close();
            probes.forEach(HealthProbe::close);
            publisher.close();
            stop.countDown();
        }, "ingress-shutdown"));
        stop.await();
    }
}
