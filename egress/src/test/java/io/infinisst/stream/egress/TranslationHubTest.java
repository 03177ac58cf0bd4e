package io.infinisst.stream.egress;

import static io.infinisst.stream.egress.Events.chunk;
import static io.infinisst.stream.egress.Events.last;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infinisst.stream.protocol.records.TranslationEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tests for {@link TranslationHub}. */
class TranslationHubTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final TranslationHub.Settings settings = new TranslationHub.Settings(4, 3, Duration.ofSeconds(5),
            Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofSeconds(1));
    private final TranslationHub hub = new TranslationHub(settings, now::get, false);

    @AfterEach
    void close() {
        hub.close();
    }

    private static List<Long> chunks(List<TranslationEvent> events) {
        return events.stream().map(TranslationEvent::chunk).toList();
    }

    @Test
    void shouldDeliverInChunkOrderWhenEventsArriveOutOfOrder() {
        List<TranslationEvent> got = new ArrayList<>();
        hub.subscribe("s", 0, got::add);
        hub.accept(chunk("s", 2, "c"));
        hub.accept(chunk("s", 1, "b"));
        assertThat(got).isEmpty();
        hub.accept(chunk("s", 0, "a"));
        assertThat(chunks(got)).containsExactly(0L, 1L, 2L);
        assertThat(hub.reordered()).isEqualTo(2);
        assertThat(hub.delivered()).isEqualTo(3);
    }

    @Test
    void shouldDropAndCountDuplicates() {
        List<TranslationEvent> got = new ArrayList<>();
        hub.subscribe("s", 0, got::add);
        hub.accept(chunk("s", 0, "a"));
        hub.accept(chunk("s", 2, "c"));
        hub.accept(chunk("s", 0, "a")); // below next: redelivered after a job restart
        hub.accept(chunk("s", 2, "c")); // already waiting in the reorder buffer
        hub.accept(chunk("s", 1, "b"));
        hub.accept(chunk("s", 1, "b"));
        assertThat(chunks(got)).containsExactly(0L, 1L, 2L);
        assertThat(hub.duplicates()).isEqualTo(3);
    }

    @Test
    void shouldKeepSessionsApart() {
        List<TranslationEvent> a = new ArrayList<>();
        List<TranslationEvent> b = new ArrayList<>();
        hub.subscribe("a", 0, a::add);
        hub.subscribe("b", 0, b::add);
        hub.accept(chunk("a", 0, "x"));
        hub.accept(chunk("b", 1, "y"));
        hub.accept(chunk("b", 0, "z"));
        assertThat(chunks(a)).containsExactly(0L);
        assertThat(b).extracting(TranslationEvent::text).containsExactly("z", "y");
    }

    @Test
    void shouldReplayHistoryFromTheRequestedChunkThenDeliverLiveEvents() {
        hub.accept(chunk("s", 0, "a"));
        hub.accept(chunk("s", 1, "b"));
        hub.accept(chunk("s", 2, "c"));
        List<TranslationEvent> got = new ArrayList<>();
        hub.subscribe("s", 1, got::add);
        hub.accept(chunk("s", 3, "d"));
        assertThat(chunks(got)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void shouldReplayOnlyAsFarAsTheBoundedHistoryReaches() {
        LongStream.range(0, 6).forEach(i -> hub.accept(chunk("s", i, "t" + i)));
        List<TranslationEvent> got = new ArrayList<>();
        hub.subscribe("s", 0, got::add);
        assertThat(chunks(got)).containsExactly(3L, 4L, 5L);
    }

    @Test
    void shouldGiveUpAMissingChunkWhenTheReorderBufferOverflows() {
        List<TranslationEvent> got = new ArrayList<>();
        hub.subscribe("s", 0, got::add);
        for (long i = 1; i <= 5; i++) { // limit 4: the fifth early chunk overflows
            hub.accept(chunk("s", i, "t" + i));
        }
        assertThat(chunks(got)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(hub.skipped()).isEqualTo(1);
        hub.accept(chunk("s", 0, "late"));
        assertThat(hub.duplicates()).isEqualTo(1);
    }

    @Test
    void shouldGiveUpAMissingChunkAfterTheMaximumGapWait() {
        List<TranslationEvent> got = new ArrayList<>();
        hub.subscribe("s", 0, got::add);
        hub.accept(chunk("s", 3, "d"));
        hub.sweep();
        assertThat(got).isEmpty();
        now.addAndGet(5_000);
        hub.sweep();
        assertThat(chunks(got)).containsExactly(3L);
        assertThat(hub.skipped()).isEqualTo(3);
    }

    @Test
    void shouldRemoveAThrowingListenerAndKeepDeliveringToOthers() {
        List<TranslationEvent> good = new ArrayList<>();
        hub.subscribe("s", 0, e -> {
            throw new IllegalStateException("broken client");
        });
        hub.subscribe("s", 0, good::add);
        hub.accept(chunk("s", 0, "a"));
        hub.accept(chunk("s", 1, "b"));
        assertThat(chunks(good)).containsExactly(0L, 1L);
        assertThat(hub.listenerFailures()).isEqualTo(1);
    }

    @Test
    void shouldStopDeliveringAfterUnsubscribe() throws Exception {
        List<TranslationEvent> got = new ArrayList<>();
        AutoCloseable sub = hub.subscribe("s", 0, got::add);
        hub.accept(chunk("s", 0, "a"));
        sub.close();
        hub.accept(chunk("s", 1, "b"));
        assertThat(chunks(got)).containsExactly(0L);
    }

    @Test
    void shouldDropEventsBeyondTheFinalChunk() {
        List<TranslationEvent> got = new ArrayList<>();
        hub.subscribe("s", 0, got::add);
        hub.accept(last("s", 0, "done"));
        hub.accept(chunk("s", 1, "noise"));
        assertThat(chunks(got)).containsExactly(0L);
        assertThat(hub.finalChunk("s")).isZero();
        assertThat(hub.finalChunk("unknown")).isEqualTo(-1);
    }

    @Test
    void shouldForgetFinishedSessionsAfterTheirRetention() {
        hub.accept(last("s", 0, "done"));
        hub.accept(chunk("open", 0, "x"));
        now.addAndGet(Duration.ofMinutes(5).toMillis() - 1);
        hub.sweep();
        assertThat(hub.sessionCount()).isEqualTo(2);
        now.addAndGet(1);
        hub.sweep();
        assertThat(hub.sessionCount()).isEqualTo(1);
        assertThat(hub.finalChunk("s")).isEqualTo(-1);
    }

    @Test
    void shouldForgetSilentSessionsOnlyWithoutSubscribers() throws Exception {
        hub.accept(chunk("quiet", 0, "x"));
        AutoCloseable sub = hub.subscribe("watched", 0, e -> { });
        now.addAndGet(Duration.ofHours(1).toMillis());
        hub.sweep();
        assertThat(hub.sessionCount()).isEqualTo(1);
        sub.close();
        hub.sweep();
        assertThat(hub.sessionCount()).isZero();
    }

    @Test
    void shouldDeliverEachChunkOnceInOrderUnderConcurrentAccepts() throws Exception {
        TranslationHub big = new TranslationHub(TranslationHub.Settings.defaults(), now::get, false);
        List<Long> got = Collections.synchronizedList(new ArrayList<>());
        big.subscribe("s", 0, e -> got.add(e.chunk()));
        int threads = 4;
        int perThread = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                // every thread sends every chunk: three of four copies are duplicates
                for (int i = 0; i < perThread; i++) {
                    big.accept(chunk("s", (i + offset) % perThread, "t"));
                }
            });
            w.start();
            workers.add(w);
        }
        start.countDown();
        for (Thread w : workers) {
            w.join(10_000);
        }
        assertThat(got).containsExactlyElementsOf(LongStream.range(0, perThread).boxed().toList());
        assertThat(big.delivered()).isEqualTo(perThread);
        big.close();
    }

    @Test
    void shouldRejectNonsenseSettings() {
        assertThatThrownBy(() -> new TranslationHub.Settings(0, 1, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessage("reorderLimit must be >= 1, got 0");
        assertThatThrownBy(() -> TranslationHub.Settings.defaults().withFinishedRetention(Duration.ZERO))
                .hasMessage("finishedRetention must be a positive duration, got PT0S");
    }
}
