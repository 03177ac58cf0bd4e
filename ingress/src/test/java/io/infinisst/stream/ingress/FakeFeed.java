package io.infinisst.stream.ingress;

import io.infinisst.stream.protocol.records.TranslationEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** An in-order translation feed with replay, as the egress hub provides it, driven by the test. */
final class FakeFeed implements TranslationFeed {
    private final Map<String, List<TranslationEvent>> history = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<TranslationEvent>>> listeners = new ConcurrentHashMap<>();

    @Override
    public synchronized AutoCloseable subscribe(String sessionId, long fromChunk,
            Consumer<TranslationEvent> listener) {
        history.getOrDefault(sessionId, List.of()).stream().filter(e -> e.chunk() >= fromChunk)
                .forEach(listener);
        listeners.computeIfAbsent(sessionId, k -> new ArrayList<>()).add(listener);
        return () -> {
            synchronized (this) {
                listeners.get(sessionId).remove(listener);
            }
        };
    }

    synchronized void emit(TranslationEvent e) {
        history.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(e);
        for (Consumer<TranslationEvent> l : new ArrayList<>(listeners.getOrDefault(e.sessionId(), List.of()))) {
            try {
                l.accept(e);
            } catch (RuntimeException ex) {
                listeners.get(e.sessionId()).remove(l);
            }
        }
    }

    synchronized int listenerCount(String sessionId) {
        return listeners.getOrDefault(sessionId, List.of()).size();
    }

    static TranslationEvent chunk(String session, long chunk, String text, boolean last) {
        return new TranslationEvent(session, chunk, text, last, chunk * 1920, (chunk + 1) * 1920, 5_000, 5_010,
                5_020, "cpu:0", 1, null);
    }

    static TranslationEvent failed(String session, long chunk, String reason) {
        return new TranslationEvent(session, chunk, "", false, chunk * 1920, (chunk + 1) * 1920, 5_000, 5_010,
                5_020, "cpu:0", 1, reason);
    }
}
