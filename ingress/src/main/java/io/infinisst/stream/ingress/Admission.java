package io.infinisst.stream.ingress;

import io.infinisst.stream.protocol.config.SstConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Admission control: a language pair serves at most (its slots in {@code serving.gpu_language_map}) ×
 * {@code serving.max_sessions_per_slot} sessions at once; the others wait in first-come order, one queue per
 * pair. It only keeps the books: the caller publishes START for the sessions this class admits.
 *
 * <p>Thread-safe; its monitor is never held while calling out, so callers may hold a session's monitor when
 * they call in (the lock order is session, then admission).
 */
final class Admission {
    private final Map<String, Integer> capacity = new LinkedHashMap<>();
    private final Map<String, Set<String>> active = new HashMap<>();
    private final Map<String, LinkedHashSet<String>> queues = new HashMap<>();
    private final Map<String, String> pairOf = new HashMap<>();

    Admission(SstConfig config) {
        for (String pair : config.languages.keySet()) {
            capacity.put(pair, config.slotsOf(pair).size() * config.serving.maxSessionsPerSlot);
        }
    }

    /** What a release changed: the pair concerned and the sessions admitted in its place, in queue order. */
    record Released(String pair, List<String> admitted) {
        static final Released NOTHING = new Released(null, List.of());
    }

    /** How many sessions of a pair may be active at once (0 for a pair without slots). */
    int capacity(String pair) {
        return capacity.getOrDefault(pair, 0);
    }

    /**
     * Admits the session when its pair has room and nobody is waiting (first come, first served), else puts it
     * at the end of the pair's queue.
     *
     * @return true when admitted (it now holds a place until {@link #release})
     */
    synchronized boolean admitOrQueue(String pair, String id) {
        if (pairOf.containsKey(id)) {
            throw new IllegalStateException("session " + id + " is already known to admission");
        }
        pairOf.put(id, pair);
        Set<String> running = active.computeIfAbsent(pair, p -> new LinkedHashSet<>());
        LinkedHashSet<String> queue = queues.computeIfAbsent(pair, p -> new LinkedHashSet<>());
        if (queue.isEmpty() && running.size() < capacity(pair)) {
            running.add(id);
            return true;
        }
        queue.add(id);
        return false;
    }

    /** 1-based place of a waiting session in its pair's queue; 0 when it is not waiting. */
    synchronized int position(String id) {
        String pair = pairOf.get(id);
        if (pair == null) {
            return 0;
        }
        int i = 1;
        for (String waiting : queues.get(pair)) {
            if (waiting.equals(id)) {
                return i;
            }
            i++;
        }
        return 0;
    }

    /** Whether the session holds one of its pair's places. */
    synchronized boolean holdsPlace(String id) {
        String pair = pairOf.get(id);
        return pair != null && active.get(pair).contains(id);
    }

    /**
     * Forgets the session, active or waiting, and admits the heads of its pair's queue into whatever room that
     * makes. Releasing a session twice (or one never seen) changes nothing.
     */
    synchronized Released release(String id) {
        String pair = pairOf.remove(id);
        if (pair == null) {
            return Released.NOTHING;
        }
        Set<String> running = active.get(pair);
        LinkedHashSet<String> queue = queues.get(pair);
        running.remove(id);
        queue.remove(id);
        List<String> admitted = new ArrayList<>();
        while (!queue.isEmpty() && running.size() < capacity(pair)) {
            String head = queue.iterator().next();
            queue.remove(head);
            running.add(head);
            admitted.add(head);
        }
        return new Released(pair, admitted);
    }

    /** The waiting sessions of a pair, in queue order (position = index + 1). */
    synchronized List<String> queued(String pair) {
        LinkedHashSet<String> queue = queues.get(pair);
        return queue == null ? List.of() : new ArrayList<>(queue);
    }

    /** Per configured pair: capacity, active and queued sessions. */
    synchronized Map<String, Counts> counts() {
        Map<String, Counts> m = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : capacity.entrySet()) {
            String pair = e.getKey();
            m.put(pair, new Counts(e.getValue(), active.getOrDefault(pair, Set.of()).size(),
                    queues.getOrDefault(pair, new LinkedHashSet<>()).size()));
        }
        return m;
    }

    /** Sessions holding a place, all pairs together. */
    synchronized int activeTotal() {
        return active.values().stream().mapToInt(Set::size).sum();
    }

    /** Sessions waiting, all pairs together. */
    synchronized int queuedTotal() {
        return queues.values().stream().mapToInt(Set::size).sum();
    }

    /** One pair's books. */
    record Counts(int capacity, int active, int queued) {}
}
