package io.infinisst.stream.egress;

import io.infinisst.stream.protocol.records.TranslationEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The job's batching figures, measured from the translation events themselves: every event carries its
 * slot, its batch's size and the times it reached the ingress and the model. The hub feeds this with each
 * event it delivers, so redelivered duplicates are not counted.
 *
 * <p>How batches are counted: each of a batch's k chunks counts 1/k of a batch, so the sum over chunks is the
 * number of batches, exact once all a batch's events have arrived, with no memory of which events belong
 * together (grouping by (slot, inference start, inference end) would need that memory and could merge two
 * sub-millisecond batches of one slot). The batch-size histogram follows: batches of size k = chunks of
 * size k / k. Per-batch inference time is weighted the same way: every chunk carries its batch's
 * {@code inferenceEndMs - inferenceStartMs} with weight 1/k, so each batch weighs 1 in the mean and the p99.
 * Queue wait ({@code inferenceStartMs - ingressMs}) is per chunk. Means and p99s cover the last
 * {@value #SAMPLES} chunks; chunks per second and the recent histogram the last {@value #WINDOW_S} s; counts
 * are since start. Sessions per slot are those whose latest chunk ran there within
 * {@value #SLOT_SESSION_TTL_MS} ms and whose final chunk has not come.
 *
 * <p>Thread-safe.
 */
public final class TranslationStats implements Consumer<TranslationEvent> {
    /** Chunks the means and percentiles look back over. */
    public static final int SAMPLES = 10_000;
    /** Seconds the rate and the recent histogram look back over. */
    public static final int WINDOW_S = 10;
    /** A session with no chunk on its slot for this long is no longer counted there. */
    public static final long SLOT_SESSION_TTL_MS = 60_000;

    private final LongSupplier clock;
    private long chunks;
    private long errors;
    private double batches;
    private final TreeMap<Integer, Long> chunksBySize = new TreeMap<>();
    private final Map<String, Slot> slots = new TreeMap<>();
    private final Second[] seconds = new Second[WINDOW_S + 1];
    // Ring of the last SAMPLES chunks; NaN where the event had no such figure.
    private final double[] queueWait = new double[SAMPLES];
    private final double[] inference = new double[SAMPLES];
    private final double[] weight = new double[SAMPLES];
    private final double[] latency = new double[SAMPLES];
    private int ringNext;
    private int ringSize;
    private Timer latencyTimer;

    /** @param clock epoch milliseconds; the delivery time of an event and the windows' "now" */
    public TranslationStats(LongSupplier clock) {
        this.clock = clock;
    }

    /** Statistics on the system clock. */
    public TranslationStats() {
        this(System::currentTimeMillis);
    }

    /**
     * Also records each event's ingress-to-delivery latency in a Prometheus summary
     * ({@code sst_egress_delivery_latency_seconds}, quantiles 0.5, 0.9 and 0.99).
     */
    public synchronized void bindTo(MeterRegistry registry) {
        latencyTimer = Timer.builder("sst.egress.delivery.latency")
                .description("From the ingress receiving a chunk's last audio to its translation's delivery")
                .publishPercentiles(0.5, 0.9, 0.99).register(registry);
    }

    /** One delivered event. */
    @Override
    public synchronized void accept(TranslationEvent e) {
        long now = clock.getAsLong();
        int k = Math.max(1, e.batchSize());
        chunks++;
        batches += 1.0 / k;
        chunksBySize.merge(k, 1L, Long::sum);
        if (e.error() != null) {
            errors++;
        }
        second(now).add(k);
        if (e.slot() != null) {
            Slot slot = slots.computeIfAbsent(e.slot(), s -> new Slot());
            slot.chunks++;
            slot.batches += 1.0 / k;
            if (e.last()) {
                slot.sessions.remove(e.sessionId());
            } else {
                slot.sessions.put(e.sessionId(), now);
            }
            if (chunks % 1024 == 0) {
                expireSessions(now);
            }
        }
        boolean timed = e.error() == null && e.inferenceStartMs() > 0 && e.inferenceEndMs() >= e.inferenceStartMs();
        queueWait[ringNext] = timed && e.ingressMs() > 0 ? Math.max(0, e.inferenceStartMs() - e.ingressMs()) : Double.NaN;
        inference[ringNext] = timed ? e.inferenceEndMs() - e.inferenceStartMs() : Double.NaN;
        weight[ringNext] = 1.0 / k;
        latency[ringNext] = e.ingressMs() > 0 ? Math.max(0, now - e.ingressMs()) : Double.NaN;
        if (latencyTimer != null && e.ingressMs() > 0) {
            latencyTimer.record(Math.max(0, now - e.ingressMs()), TimeUnit.MILLISECONDS);
        }
        ringNext = (ringNext + 1) % SAMPLES;
        ringSize = Math.min(ringSize + 1, SAMPLES);
    }

    /** Chunks delivered since start. */
    public synchronized long chunks() {
        return chunks;
    }

    /** Batches formed since start (see the class comment for how). */
    public synchronized long batches() {
        return Math.round(batches);
    }

    /** The figures as JSON-ready values, in the shape {@code GET /stats} reports under {@code pipeline}. */
    public synchronized Map<String, Object> snapshot() {
        long now = clock.getAsLong();
        expireSessions(now);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chunks", chunks);
        m.put("errors", errors);
        m.put("batches", Math.round(batches));
        m.put("batch_size_histogram", histogram(chunksBySize));
        m.put("mean_batch_size", batches == 0 ? null : round(chunks / batches));
        m.put("queue_wait_ms", summary(queueWait, null));
        m.put("inference_ms_per_batch", summary(inference, weight));
        m.put("delivery_latency_ms", summary(latency, null));
        m.put("samples", ringSize);

        long recentChunks = 0;
        TreeMap<Integer, Long> recentBySize = new TreeMap<>();
        long nowSecond = Math.floorDiv(now, 1000);
        for (Second s : seconds) {
            if (s != null && s.index > nowSecond - WINDOW_S && s.index <= nowSecond) {
                recentChunks += s.chunks;
                s.bySize.forEach((k, n) -> recentBySize.merge(k, n, Long::sum));
            }
        }
        m.put("chunks_per_second", round((double) recentChunks / WINDOW_S));
        Map<String, Object> recent = new LinkedHashMap<>();
        recent.put("window_s", WINDOW_S);
        recent.put("chunks", recentChunks);
        recent.put("batch_size_histogram", histogram(recentBySize));
        recent.put("max_batch_size", recentBySize.isEmpty() ? null : recentBySize.lastKey());
        m.put("recent", recent);

        Map<String, Object> perSlot = new LinkedHashMap<>();
        slots.forEach((name, s) -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("sessions", s.sessions.size());
            f.put("chunks", s.chunks);
            f.put("batches", Math.round(s.batches));
            f.put("mean_batch_size", s.batches == 0 ? null : round(s.chunks / s.batches));
            perSlot.put(name, f);
        });
        m.put("per_slot", perSlot);
        return m;
    }

    /** Batches per size, sizes ascending; keys are strings because JSON object keys are. */
    private static Map<String, Long> histogram(TreeMap<Integer, Long> chunksBySize) {
        Map<String, Long> h = new LinkedHashMap<>();
        chunksBySize.forEach((k, n) -> h.put(String.valueOf(k), Math.round((double) n / k)));
        return h;
    }

    /** Mean and p99 of the ring's non-NaN values, weighted when {@code w} is given; nulls when empty. */
    private Map<String, Object> summary(double[] values, double[] w) {
        double[][] pairs = new double[ringSize][];
        int n = 0;
        double sum = 0;
        double total = 0;
        for (int i = 0; i < ringSize; i++) {
            if (!Double.isNaN(values[i])) {
                double wi = w == null ? 1 : w[i];
                pairs[n++] = new double[] {values[i], wi};
                sum += values[i] * wi;
                total += wi;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", n == 0 ? null : round(sum / total));
        m.put("p50", n == 0 ? null : quantile(pairs, n, total, 0.5));
        m.put("p99", n == 0 ? null : quantile(pairs, n, total, 0.99));
        return m;
    }

    /** The smallest value whose cumulative weight reaches q of the total (the weighted nearest-rank quantile). */
    static double quantile(double[][] pairs, int n, double total, double q) {
        double[][] sorted = Arrays.copyOf(pairs, n);
        Arrays.sort(sorted, (a, b) -> Double.compare(a[0], b[0]));
        double target = q * total;
        double cumulative = 0;
        for (double[] p : sorted) {
            cumulative += p[1];
            // A small tolerance: 1/3 + 1/3 + 1/3 is a hair under 1 in doubles.
            if (cumulative >= target - 1e-9) {
                return p[0];
            }
        }
        return sorted[n - 1][0];
    }

    private Second second(long now) {
        long index = Math.floorDiv(now, 1000);
        int i = (int) Math.floorMod(index, (long) seconds.length);
        Second s = seconds[i];
        if (s == null || s.index != index) {
            s = new Second(index);
            seconds[i] = s;
        }
        return s;
    }

    private void expireSessions(long now) {
        for (Slot s : slots.values()) {
            Iterator<Long> it = s.sessions.values().iterator();
            while (it.hasNext()) {
                if (now - it.next() > SLOT_SESSION_TTL_MS) {
                    it.remove();
                }
            }
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** One slot's books. */
    private static final class Slot {
        long chunks;
        double batches;
        final Map<String, Long> sessions = new LinkedHashMap<>(); // session → time of its latest chunk here
    }

    /** Chunks delivered within one wall-clock second, by batch size. */
    private static final class Second {
        final long index;
        long chunks;
        final TreeMap<Integer, Long> bySize = new TreeMap<>();

        Second(long index) {
            this.index = index;
        }

        void add(int batchSize) {
            chunks++;
            bySize.merge(batchSize, 1L, Long::sum);
        }
    }
}
