package io.infinisst.stream.egress;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The egress's Prometheus metrics, read from the hub, routes and consumer when scraped: translations
 * delivered, duplicates dropped, chunks given up, records received and malformed, sessions and sockets, and
 * (through {@link TranslationStats#bindTo}) the ingress-to-delivery latency summary. Micrometer's names, so
 * {@code sst.egress.translations.delivered} is exported as {@code sst_egress_translations_delivered_total}.
 */
public final class EgressMetrics {
    private EgressMetrics() {}

    /**
     * Registers the egress's meters on {@code registry}.
     *
     * @param routes the egress's socket endpoints; null when not registered
     * @param consumer the translations consumer; null when none runs in this process
     */
    public static void bind(MeterRegistry registry, TranslationHub hub, TranslationStats stats, EgressRoutes routes,
            TranslationConsumer consumer) {
        FunctionCounter.builder("sst.egress.translations.delivered", hub, TranslationHub::delivered)
                .description("Chunks delivered to their sessions, each once").register(registry);
        FunctionCounter.builder("sst.egress.duplicates.dropped", hub, TranslationHub::duplicates)
                .description("Redelivered chunks dropped").register(registry);
        FunctionCounter.builder("sst.egress.chunks.skipped", hub, TranslationHub::skipped)
                .description("Chunks given up as lost after a gap").register(registry);
        Gauge.builder("sst.egress.sessions", hub, TranslationHub::sessionCount)
                .description("Sessions the hub remembers").register(registry);
        stats.bindTo(registry);
        if (routes != null) {
            Gauge.builder("sst.egress.sockets", routes, EgressRoutes::socketCount)
                    .description("WebSockets open on /translations/{id}").register(registry);
        }
        if (consumer != null) {
            FunctionCounter.builder("sst.egress.records.received", consumer, TranslationConsumer::received)
                    .description("Records read from the translations topic").register(registry);
            FunctionCounter.builder("sst.egress.records.malformed", consumer, TranslationConsumer::malformed)
                    .description("Records skipped as malformed").register(registry);
        }
    }
}
