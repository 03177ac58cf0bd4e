package io.infinisst.stream.egress;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The egress as its own service: {@code --bootstrap-servers HOST:PORT --topic sst.translations --port 8001}
 * (also {@code --host}). Besides the translation endpoints it serves {@code GET /metrics} (Prometheus) and
 * {@code GET /stats} (the batching figures of {@link TranslationStats}). The embedded launcher does not use this; it registers {@link EgressRoutes} on the
 * ingress's app.
 */
public final class EgressApp {
    private static final Logger LOG = LoggerFactory.getLogger(EgressApp.class);

    private EgressApp() {}

    /** Parsed command line. */
    record Options(String bootstrapServers, String topic, String host, int port) {
        static Options parse(String... args) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("--bootstrap-servers", "127.0.0.1:9092");
            values.put("--topic", "sst.translations");
            values.put("--host", "0.0.0.0");
            values.put("--port", "8001");
            for (int i = 0; i < args.length; i++) {
                String key = args[i];
                String value = null;
                int eq = key.indexOf('=');
                if (eq > 0) {
                    value = key.substring(eq + 1);
                    key = key.substring(0, eq);
                }
                if (!values.containsKey(key)) {
                    throw new IllegalArgumentException("unknown option '" + key + "'; known: " + values.keySet());
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("option " + key + " needs a value");
                    }
                    value = args[++i];
                }
                values.put(key, value);
            }
            String portText = values.get("--port");
            int port;
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--port must be in 0..65535; got '" + portText + "'");
            }
            for (String k : new String[] {"--bootstrap-servers", "--topic", "--host"}) {
                if (values.get(k).isBlank()) {
                    throw new IllegalArgumentException(k + " must not be empty");
                }
            }
            return new Options(values.get("--bootstrap-servers"), values.get("--topic"), values.get("--host"), port);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("egress: " + e.getMessage() + " (args: " + Arrays.toString(args) + ")");
            System.exit(2);
            return;
        }
        TranslationStats stats = new TranslationStats();
        TranslationHub hub = new TranslationHub(stats);
        TranslationConsumer consumer = new TranslationConsumer(options.bootstrapServers(), options.topic(), hub);
        consumer.start();
        Javalin app = Javalin.create(config -> config.showJavalinBanner = false);
        EgressRoutes routes = EgressRoutes.register(app, hub);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        EgressMetrics.bind(registry, hub, stats, routes, consumer);
        EgressRoutes.registerMetrics(app, registry);
        EgressRoutes.registerStats(app, stats);
        app.start(options.host(), options.port());
        LOG.info("egress on {}:{} reading {} from {}", options.host(), app.port(), options.topic(),
                options.bootstrapServers());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            consumer.close();
            hub.close();
            stop.countDown();
        }, "egress-shutdown"));
        stop.await();
    }
}
