package io.infinisst.stream.egress;

import io.infinisst.stream.protocol.records.TranslationEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the at-least-once, possibly reordered stream of {@link TranslationEvent}s into exactly-once,
 * in-order delivery per session. Kafka redelivers after a job restart (duplicates, index below the next
 * expected one) and the hub is the one place that knows what each session has already seen.
 *
 * <p>Each session has its own lock: delivery to one session's listeners never waits on another session,
 * and a subscriber's replay plus registration is atomic with respect to delivery, so a reconnecting client
 * sees every chunk exactly once. Listeners must be quick (enqueue, not write to a socket); one that throws
 * is removed.
 */
public final class TranslationHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TranslationHub.class);

    /** Tuning of the hub; {@link #defaults()} suits a serving process. */
    public record Settings(
            int reorderLimit, int historyLimit, Duration maxGapWait, Duration finishedRetention,
            Duration idleRetention, Duration sweepInterval) {
        public Settings {
            if (reorderLimit < 1) {
                throw new IllegalArgumentException("reorderLimit must be >= 1, got " + reorderLimit);
            }
            if (historyLimit < 0) {
                throw new IllegalArgumentException("historyLimit must be >= 0, got " + historyLimit);
            }
            requirePositive("maxGapWait", maxGapWait);
            requirePositive("finishedRetention", finishedRetention);
            requirePositive("idleRetention", idleRetention);
            requirePositive("sweepInterval", sweepInterval);
        }

        /**
         * 1024 buffered chunks, 512 replayable chunks, a gap may hold delivery 5 s, finished sessions are
         * kept 5 min for late reconnects, silent unfinished ones 1 h.
         */
        public static Settings defaults() {
            return new Settings(1024, 512, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofHours(1),
                    Duration.ofSeconds(1));
        }

        public Settings withFinishedRetention(Duration d) {
            return new Settings(reorderLimit, historyLimit, maxGapWait, d, idleRetention, sweepInterval);
        }

        private static void requirePositive(String name, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
            }
        }
    }

    private final Settings settings;
    private final LongSupplier clock;
    private final Map<String, SessionState> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong reordered = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong listenerFailures = new AtomicLong();
    private final Consumer<TranslationEvent> observer;

    /** A hub with default settings, the system clock and a running sweeper. */
    public TranslationHub() {
        this(Settings.defaults(), System::currentTimeMillis, true);
    }

    /**
     * @param clock epoch milliseconds; injected so tests can age sessions without waiting
     * @param runSweeper false when the caller drives {@link #sweep()} itself (tests)
     */
    public TranslationHub(Settings settings, LongSupplier clock, boolean runSweeper) {
        this(settings, clock, runSweeper, e -> { });
    }

    /** A hub with default settings and the system clock whose deliveries {@code observer} also sees. */
    public TranslationHub(Consumer<TranslationEvent> observer) {
        this(Settings.defaults(), System::currentTimeMillis, true, observer);
    }

    /**
     * @param observer sees every event the hub delivers, once, in each session's chunk order (duplicates and
     *     chunks given up excluded), e.g. {@link TranslationStats}; it must be quick and is called under the
     *     session's lock
     */
    public TranslationHub(Settings settings, LongSupplier clock, boolean runSweeper,
            Consumer<TranslationEvent> observer) {
        this.settings = settings;
        this.clock = clock;
        this.observer = observer;
        if (runSweeper) {
            sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "translation-hub-sweeper");
                t.setDaemon(true);
                return t;
            });
            long period = settings.sweepInterval().toMillis();
            sweeper.scheduleWithFixedDelay(this::sweepQuietly, period, period, TimeUnit.MILLISECONDS);
        } else {
            sweeper = null;
        }
    }

    /** Takes one event from the translations topic; duplicates are dropped, early ones wait for the gap. */
    public void accept(TranslationEvent event) {
        long now = clock.getAsLong();
        SessionState s = sessions.computeIfAbsent(event.sessionId(), id -> new SessionState(id, now));
        synchronized (s) {
            s.lastTouchedMs = now;
            if (event.chunk() < s.next || s.pending.containsKey(event.chunk())
                    || (s.finalChunk >= 0 && event.chunk() > s.finalChunk)) {
                duplicates.incrementAndGet();
                return;
            }
            if (event.chunk() > s.next) {
                if (s.pending.isEmpty()) {
                    s.gapSinceMs = now;
                }
                s.pending.put(event.chunk(), event);
                reordered.incrementAndGet();
                if (s.pending.size() > settings.reorderLimit()) {
                    LOG.warn("session {}: {} chunks wait for chunk {}; giving it up", s.id, s.pending.size(), s.next);
                    skipGap(s);
                } else if (now - s.gapSinceMs >= settings.maxGapWait().toMillis()) {
                    LOG.warn("session {}: chunk {} missing for {} ms; giving it up", s.id, s.next, now - s.gapSinceMs);
                    skipGap(s);
                }
                return;
            }
            deliver(s, event);
            drainPending(s);
        }
    }

    /**
     * Replays the session's delivered events from {@code fromChunk} (as far as the bounded history reaches),
     * then delivers live ones, in order, each once. Close the returned handle to stop.
     */
    public AutoCloseable subscribe(String sessionId, long fromChunk, Consumer<TranslationEvent> listener) {
        long now = clock.getAsLong();
        SessionState s = sessions.computeIfAbsent(sessionId, id -> new SessionState(id, now));
        Subscriber sub = new Subscriber(listener);
        synchronized (s) {
            s.lastTouchedMs = now;
            if (!s.history.isEmpty() && s.history.peekFirst().chunk() > fromChunk && fromChunk < s.next) {
                LOG.info("session {}: replay from chunk {} starts at {} (history holds {})", sessionId, fromChunk,
                        s.history.peekFirst().chunk(), s.history.size());
            }
            for (TranslationEvent e : s.history) {
                if (e.chunk() >= fromChunk && !call(s, sub, e)) {
                    return () -> { };
                }
            }
            s.subscribers.add(sub);
        }
        return () -> {
            synchronized (s) {
                s.subscribers.remove(sub);
            }
        };
    }

    /** The chunk index of the session's final event, or -1 while it has not been delivered (or is unknown). */
    public long finalChunk(String sessionId) {
        SessionState s = sessions.get(sessionId);
        if (s == null) {
            return -1;
        }
        synchronized (s) {
            return s.finalChunk;
        }
    }

    /** Forgets finished sessions past their retention and silent ones; flushes gaps that waited too long. */
    public void sweep() {
        long now = clock.getAsLong();
        Iterator<SessionState> it = sessions.values().iterator();
        while (it.hasNext()) {
            SessionState s = it.next();
            synchronized (s) {
                if (!s.pending.isEmpty() && now - s.gapSinceMs >= settings.maxGapWait().toMillis()) {
                    LOG.warn("session {}: chunk {} missing for {} ms; giving it up", s.id, s.next, now - s.gapSinceMs);
                    skipGap(s);
                }
                boolean finishedLongAgo = s.finalChunk >= 0
                        && now - s.lastTouchedMs >= settings.finishedRetention().toMillis();
                // A silent session with listeners is still wanted (its final may yet come); their owner unsubscribes.
                boolean silentLongAgo = s.subscribers.isEmpty()
                        && now - s.lastTouchedMs >= settings.idleRetention().toMillis();
                if (finishedLongAgo || silentLongAgo) {
                    it.remove();
                }
            }
        }
    }

    /** Sessions the hub currently remembers. */
    public int sessionCount() {
        return sessions.size();
    }

    /** Events handed to listeners' sessions in order (each counted once, however many listeners). */
    public long delivered() {
        return delivered.get();
    }

    /** Events dropped because their chunk had already been delivered or buffered. */
    public long duplicates() {
        return duplicates.get();
    }

    /** Events that arrived ahead of a missing chunk and waited in the reorder buffer. */
    public long reordered() {
        return reordered.get();
    }

    /** Chunks given up as lost because the reorder buffer overflowed or the gap lasted too long. */
    public long skipped() {
        return skipped.get();
    }

    /** Listeners removed because they threw. */
    public long listenerFailures() {
        return listenerFailures.get();
    }

    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.error("hub sweep failed", e);
        }
    }

    private void skipGap(SessionState s) {
        long first = s.pending.firstKey();
        skipped.addAndGet(first - s.next);
        s.next = first;
        drainPending(s);
    }

    private void drainPending(SessionState s) {
        while (!s.pending.isEmpty() && s.pending.firstKey() == s.next) {
            deliver(s, s.pending.pollFirstEntry().getValue());
        }
        if (!s.pending.isEmpty()) {
            // The wait for the new gap starts now, not when the first early chunk arrived.
            s.gapSinceMs = clock.getAsLong();
        }
    }

    private void deliver(SessionState s, TranslationEvent e) {
        s.next = e.chunk() + 1;
        if (e.last()) {
            s.finalChunk = e.chunk();
            // Nothing can follow the final chunk; whatever waits beyond it is noise.
            s.pending.clear();
        }
        if (settings.historyLimit() > 0) {
            if (s.history.size() == settings.historyLimit()) {
                s.history.removeFirst();
            }
            s.history.addLast(e);
        }
        delivered.incrementAndGet();
        try {
            observer.accept(e);
        } catch (RuntimeException ex) {
            LOG.warn("observer failed on {} chunk {}", s.id, e.chunk(), ex);
        }
        for (Subscriber sub : new ArrayList<>(s.subscribers)) {
            if (!call(s, sub, e)) {
                s.subscribers.remove(sub);
            }
        }
    }

    private boolean call(SessionState s, Subscriber sub, TranslationEvent e) {
        try {
            sub.listener.accept(e);
            return true;
        } catch (RuntimeException ex) {
            listenerFailures.incrementAndGet();
            LOG.warn("session {}: listener failed on chunk {}; removing it", s.id, e.chunk(), ex);
            return false;
        }
    }

    /** Identity wrapper so one listener subscribed twice is two subscriptions. */
    private record Subscriber(Consumer<TranslationEvent> listener) {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** Everything the hub knows about one session; guarded by its own monitor. */
    private static final class SessionState {
        final String id;
        final TreeMap<Long, TranslationEvent> pending = new TreeMap<>();
        final ArrayDeque<TranslationEvent> history = new ArrayDeque<>();
        final List<Subscriber> subscribers = new ArrayList<>();
        long next;
        long finalChunk = -1;
        long gapSinceMs;
        long lastTouchedMs;

        SessionState(String id, long now) {
            this.id = id;
            this.lastTouchedMs = now;
        }
    }
}
