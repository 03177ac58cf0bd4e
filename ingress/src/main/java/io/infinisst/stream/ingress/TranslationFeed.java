package io.infinisst.stream.ingress;

import io.infinisst.stream.protocol.records.TranslationEvent;
import java.util.function.Consumer;

/**
 * Translations of a session, each chunk once and in order, replayed from {@code fromChunk}. The egress's
 * {@code TranslationHub::subscribe} has exactly this shape; the launcher passes it as a method reference so
 * the ingress does not depend on the egress. Listeners must return quickly.
 */
@FunctionalInterface
public interface TranslationFeed {
    AutoCloseable subscribe(String sessionId, long fromChunk, Consumer<TranslationEvent> listener);
}
