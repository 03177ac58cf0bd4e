package io.infinisst.stream.ingress;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * The ingress's Prometheus metrics, read from the service when scraped (nothing is counted twice): sessions
 * active and queued per pair, audio frames and bytes in, records published and publish failures, and client
 * sockets. Names follow Micrometer's conventions, so {@code sst.ingress.audio.frames} is exported as
 * {@code sst_ingress_audio_frames_total}.
 */
public final class IngressMetrics {
    private IngressMetrics() {}

    /** Registers the ingress's meters on {@code registry}; the registry keeps {@code service} reachable. */
    public static void bind(MeterRegistry registry, IngressService service) {
        for (String pair : service.admissionCounts().keySet()) {
            gauge(registry, "sst.ingress.sessions.active", "Sessions holding a place on their pair's slots",
                    service, s -> s.admissionCounts().get(pair).active(), pair);
            gauge(registry, "sst.ingress.sessions.queued", "Sessions waiting for a place", service,
                    s -> s.admissionCounts().get(pair).queued(), pair);
        }
        FunctionCounter.builder("sst.ingress.audio.frames", service, IngressService::framesIn)
                .description("Audio frames accepted from clients").register(registry);
        FunctionCounter.builder("sst.ingress.audio", service, IngressService::bytesIn).baseUnit("bytes")
                .description("Audio bytes accepted from clients").register(registry);
        FunctionCounter.builder("sst.ingress.records.published", service, s -> s.publisher().sent())
                .description("Session records the broker acknowledged").register(registry);
        FunctionCounter.builder("sst.ingress.publish.failures", service, s -> s.publisher().failed())
                .description("Session records that could not be published").register(registry);
        Gauge.builder("sst.ingress.sockets", service, IngressService::socketCount)
                .description("Client WebSockets open on /wss/{id}").register(registry);
    }

    private static void gauge(MeterRegistry registry, String name, String description, IngressService service,
            ToDoubleFunction<IngressService> value, String pair) {
        Gauge.builder(name, service, value).description(description).tag("pair", pair).register(registry);
    }
}
