package io.infinisst.stream.ingress;

import java.util.Map;

/**
 * The pipeline's own figures for {@code GET /stats} (batches, batch sizes, queue wait, inference time, chunks
 * per second), measured from the translation events. The egress's {@code TranslationStats::snapshot} has
 * this shape; the launcher passes it as a method reference so the ingress does not depend on the egress.
 * A standalone ingress has none and reports the figures as unavailable.
 */
@FunctionalInterface
public interface StatsSource {

    /**
     * JSON-ready values (maps, lists, numbers, strings). An entry {@value #PER_SLOT} (slot → map of figures,
     * e.g. {@code sessions}) is also merged into {@code /stats}'s per-slot session view.
     */
    Map<String, Object> snapshot();

    /** The key of the per-slot figures in {@link #snapshot()}. */
    String PER_SLOT = "per_slot";
}
