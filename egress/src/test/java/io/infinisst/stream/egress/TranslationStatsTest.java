package io.infinisst.stream.egress;

import static org.assertj.core.api.Assertions.assertThat;

import io.infinisst.stream.protocol.records.TranslationEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Tests for {@link TranslationStats}, from a hand-made sequence of events. */
class TranslationStatsTest {
    private final AtomicLong now = new AtomicLong(100_000);
    private final TranslationStats stats = new TranslationStats(now::get);

    /** One event of a batch: the batch's slot, size and times. */
    private static TranslationEvent event(String session, long chunk, boolean last, String slot, int batchSize,
            long ingressMs, long startMs, long endMs, String error) {
        return new TranslationEvent(session, chunk, "t", last, chunk * 1920, (chunk + 1) * 1920, ingressMs, startMs,
                endMs, slot, batchSize, error);
    }

    /**
     * cpu:0 runs two batches of two (waits 10 and 40 ms, steps 20 and 10 ms) at t = 100 s; then cpu:1 runs a
     * batch of one (wait 0, step 100 ms), a batch of three (wait 5, step 30 ms) that ends s3, and fails one
     * chunk, at t = 115 s.
     */
    private void feed() {
        stats.accept(event("s1", 0, false, "cpu:0", 2, 1_000, 1_010, 1_030, null));
        stats.accept(event("s2", 0, false, "cpu:0", 2, 1_000, 1_010, 1_030, null));
        stats.accept(event("s1", 1, false, "cpu:0", 2, 2_000, 2_040, 2_050, null));
        stats.accept(event("s2", 1, false, "cpu:0", 2, 2_000, 2_040, 2_050, null));
        now.set(115_000);
        stats.accept(event("s3", 0, false, "cpu:1", 1, 3_000, 3_000, 3_100, null));
        stats.accept(event("s3", 1, true, "cpu:1", 3, 4_000, 4_005, 4_035, null));
        stats.accept(event("s4", 0, false, "cpu:1", 3, 4_000, 4_005, 4_035, null));
        stats.accept(event("s5", 0, false, "cpu:1", 3, 4_000, 4_005, 4_035, null));
        stats.accept(event("s6", 0, false, "cpu:1", 1, 5_000, 0, 0, "inference timed out"));
        now.set(115_500);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void shouldCountBatchesAsTheSumOfOneOverBatchSize() {
        feed();
        Map<String, Object> s = stats.snapshot();
        assertThat(s.get("chunks")).isEqualTo(9L);
        assertThat(s.get("errors")).isEqualTo(1L);
        assertThat(s.get("batches")).isEqualTo(5L);
        assertThat(s.get("batch_size_histogram")).isEqualTo(Map.of("1", 2L, "2", 2L, "3", 1L));
        assertThat(s.get("mean_batch_size")).isEqualTo(1.8);
        assertThat(stats.batches()).isEqualTo(5);
    }

    @Test
    void shouldMeasureQueueWaitPerChunkAndInferencePerBatch() {
        feed();
        Map<String, Object> s = stats.snapshot();
        // waits of the 8 chunks that ran: 10, 10, 40, 40, 0, 5, 5, 5 (the failed chunk has none)
        assertThat(s.get("queue_wait_ms")).isEqualTo(Map.of("mean", 14.38, "p50", 5.0, "p99", 40.0));
        // steps of the 4 batches that ran, each batch once whatever its size: 20, 10, 100, 30
        assertThat(s.get("inference_ms_per_batch")).isEqualTo(Map.of("mean", 40.0, "p50", 20.0, "p99", 100.0));
        // delivered at 115 s, received by the ingress at 3 s: the largest of the nine
        assertThat(map(s.get("delivery_latency_ms")).get("p99")).isEqualTo(112_000.0);
        assertThat(s.get("samples")).isEqualTo(9);
    }

    @Test
    void shouldRateAndHistogramOnlyTheLastTenSeconds() {
        feed();
        Map<String, Object> s = stats.snapshot();
        assertThat(s.get("chunks_per_second")).isEqualTo(0.5); // 5 chunks at t = 115 s, over 10 s
        Map<String, Object> recent = map(s.get("recent"));
        assertThat(recent.get("chunks")).isEqualTo(5L);
        assertThat(recent.get("batch_size_histogram")).isEqualTo(Map.of("1", 2L, "3", 1L));
        assertThat(recent.get("max_batch_size")).isEqualTo(3);
        now.addAndGet(Duration.ofSeconds(11).toMillis());
        assertThat(stats.snapshot().get("chunks_per_second")).isEqualTo(0.0);
    }

    @Test
    void shouldCountSessionsPerSlotUntilTheirFinalChunkOrSilence() {
        feed();
        Map<String, Object> slots = map(stats.snapshot().get("per_slot"));
        assertThat(slots.get("cpu:0")).isEqualTo(Map.of("sessions", 2, "chunks", 4L, "batches", 2L,
                "mean_batch_size", 2.0));
        // s3 ended with its final chunk; s4, s5 and s6 remain
        assertThat(map(slots.get("cpu:1")).get("sessions")).isEqualTo(3);
        assertThat(map(slots.get("cpu:1")).get("batches")).isEqualTo(3L);
        now.set(100_000 + TranslationStats.SLOT_SESSION_TTL_MS + 1);
        slots = map(stats.snapshot().get("per_slot"));
        assertThat(map(slots.get("cpu:0")).get("sessions")).isEqualTo(0); // silent for over a minute
        assertThat(map(slots.get("cpu:1")).get("sessions")).isEqualTo(3);
    }

    @Test
    void shouldReportNullsBeforeAnyEvent() {
        Map<String, Object> s = stats.snapshot();
        assertThat(s.get("batches")).isEqualTo(0L);
        assertThat(s.get("mean_batch_size")).isNull();
        assertThat(map(s.get("queue_wait_ms")).get("p99")).isNull();
        assertThat(map(s.get("recent")).get("max_batch_size")).isNull();
    }

    @Test
    void shouldSeeOnlyWhatTheHubDelivers() {
        TranslationHub hub = new TranslationHub(TranslationHub.Settings.defaults(), now::get, false, stats);
        hub.accept(Events.chunk("s", 0, "a"));
        hub.accept(Events.chunk("s", 0, "a")); // redelivered
        hub.accept(Events.chunk("s", 2, "c")); // waits for chunk 1
        assertThat(stats.chunks()).isEqualTo(1);
        hub.accept(Events.chunk("s", 1, "b"));
        assertThat(stats.chunks()).isEqualTo(3);
        hub.close();
    }
}
