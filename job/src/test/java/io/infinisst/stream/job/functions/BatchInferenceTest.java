package io.infinisst.stream.job.functions;

import static io.infinisst.stream.job.functions.Chunks.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.infinisst.stream.job.records.BatchResult;
import io.infinisst.stream.job.records.ChunkBatch;
import io.infinisst.stream.job.records.ChunkRequest;
import io.infinisst.stream.job.records.ChunkResult;
import io.infinisst.stream.protocol.config.SstConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.apache.flink.streaming.api.functions.async.CollectionSupplier;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.util.MockStreamingRuntimeContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tests for {@link BatchInference}, with {@link FakeTranslator} models. */
class BatchInferenceTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final Map<String, FakeTranslator> models = new ConcurrentHashMap<>();
    private BatchInference inference;

    @AfterEach
    void tearDown() throws Exception {
        if (inference != null) {
            inference.close();
        }
    }

    @Test
    void shouldRunABatchAsOneStepAndReportEveryChunk() throws Exception {
        open(1, (slot, cfg) -> model(slot));

        BatchResult r = invoke(batch("0", placed("a", "0", 0, false), placed("b", "0", 0, false))).get(10,
                TimeUnit.SECONDS);

        assertThat(r.slot()).isEqualTo("0");
        assertThat(r.batchSize()).isEqualTo(2);
        assertThat(r.results()).extracting(ChunkResult::text).containsExactly("a#0:1", "b#0:1");
        assertThat(r.results()).extracting(ChunkResult::error).containsOnlyNulls();
        assertThat(r.inferenceEndMs()).isGreaterThanOrEqualTo(r.inferenceStartMs()).isPositive();
        assertThat(models.get("0").batchSizes).containsExactly(2);
    }

    @Test
    void shouldKeepEachSessionsStepsInChunkOrderWithManyBatchesInFlight() throws Exception {
        open(4, (slot, cfg) -> model(slot));
        List<String> completed = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // Wait on the recording stage itself: allOf on the results could finish before the last one is recorded.
            futures.add(invoke(batch("0", placed("a", "0", i, i == 29)))
                    .thenAccept(r -> completed.add(r.results().get(0).text())));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(completed).hasSize(30);
        for (int i = 0; i < 30; i++) {
            assertThat(completed.get(i)).startsWith("a#" + i + ":");
        }
        assertThat(models.get("0").violations).isEmpty();
    }

    @Test
    void shouldOpenOnFirstChunkAndCloseAfterTheLast() throws Exception {
        open(1, (slot, cfg) -> model(slot));

        invoke(batch("0", placed("a", "0", 0, false), placed("b", "0", 0, false))).get(10, TimeUnit.SECONDS);
        assertThat(models.get("0").openSessions()).isEqualTo(2);
        invoke(batch("0", placed("a", "0", 1, true), placed("b", "0", 1, false))).get(10, TimeUnit.SECONDS);
        assertThat(models.get("0").openSessions()).isEqualTo(1);
        invoke(batch("0", placed("b", "0", 2, true))).get(10, TimeUnit.SECONDS);

        assertThat(models.get("0").openSessions()).isZero();
        assertThat(models.get("0").violations).isEmpty();
    }

    @Test
    void shouldRunEachSlotOnItsOwnThread() throws Exception {
        open(1, (slot, cfg) -> model(slot));

        invoke(batch("0", placed("a", "0", 0, false))).get(10, TimeUnit.SECONDS);
        invoke(batch("1", placed("b", "1", 0, false))).get(10, TimeUnit.SECONDS);
        invoke(batch("0", placed("a", "0", 1, false))).get(10, TimeUnit.SECONDS);

        assertThat(models.get("0").threads).containsOnly("sst-slot-0").hasSize(2);
        assertThat(models.get("1").threads).containsOnly("sst-slot-1");
    }

    @Test
    void shouldAnswerEveryChunkOfAFailingStepWithTheError() throws Exception {
        open(1, (slot, cfg) -> model(slot));
        invoke(batch("0", placed("a", "0", 0, false))).get(10, TimeUnit.SECONDS);
        models.get("0").failOn = "b";

        BatchResult r = invoke(batch("0", placed("a", "0", 1, false), placed("b", "0", 0, true))).get(10,
                TimeUnit.SECONDS);

        assertThat(r.results()).hasSize(2).allSatisfy(c -> {
            assertThat(c.text()).isEmpty();
            assertThat(c.error()).contains("model step failed on slot 0").contains("injected failure for b");
        });
        assertThat(r.results().get(1).last()).isTrue();
        assertThat(models.get("0").openSessions()).as("b closed though its step failed").isEqualTo(1);
    }

    @Test
    void shouldAnswerWithErrorsWhenTheModelCannotLoad() throws Exception {
        open(1, (slot, cfg) -> {
            throw new UnsupportedOperationException("no weights");
        });

        BatchResult r = invoke(batch("0", placed("a", "0", 0, false))).get(10, TimeUnit.SECONDS);

        assertThat(r.results()).singleElement().satisfies(c -> assertThat(c.error())
                .isEqualTo("model step failed on slot 0: java.lang.IllegalStateException: model for slot 0 could not"
                        + " be loaded: java.lang.UnsupportedOperationException: no weights"));
    }

    @Test
    void shouldAnswerATimedOutBatchWithErrors() throws Exception {
        open(1, (slot, cfg) -> model(slot));
        FutureResult result = new FutureResult();

        inference.timeout(batch("0", placed("a", "0", 0, false), placed("b", "0", 0, false)), result);

        assertThat(result.future.get(1, TimeUnit.SECONDS).results()).hasSize(2).allSatisfy(c -> assertThat(c.error())
                .isEqualTo("model step on slot 0 took longer than 30000 ms"));
    }

    @Test
    void shouldBlockTheCallerWhileTheSlotsQueueIsFull() throws Exception {
        open(1, (slot, cfg) -> model(slot));
        CountDownLatch gate = new CountDownLatch(1);
        model("0").gate = gate;
        // Steps of at most one chunk (dynamic batching off): one batch may wait behind the running one.
        CompletableFuture<BatchResult> running = invoke(sized(1, "0", placed("a", "0", 0, false)));
        await().atMost(DEADLINE).until(() -> model("0").batchSizes.size() == 1);
        CompletableFuture<BatchResult> queued = invoke(sized(1, "0", placed("b", "0", 0, false)));

        FutureResult third = new FutureResult();
        CompletableFuture<Void> thirdInvoked = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                inference.asyncInvoke(sized(1, "0", placed("c", "0", 0, false)), third);
                thirdInvoked.complete(null);
            } catch (Exception e) {
                thirdInvoked.completeExceptionally(e);
            }
        }, "third-caller");
        caller.start();

        await().atMost(DEADLINE).until(() -> caller.getState() == Thread.State.WAITING);
        assertThat(thirdInvoked).as("blocked: the slot's queue holds a step's worth").isNotDone();
        assertThat(running).isNotDone();
        assertThat(queued).isNotDone();

        gate.countDown();
        thirdInvoked.get(10, TimeUnit.SECONDS);
        assertThat(running.get(10, TimeUnit.SECONDS).results().get(0).text()).startsWith("a#0");
        assertThat(queued.get(10, TimeUnit.SECONDS).results().get(0).text()).startsWith("b#0");
        assertThat(third.future.get(10, TimeUnit.SECONDS).results().get(0).text()).startsWith("c#0");
        assertThat(model("0").batchSizes).as("steps of one are never merged").containsExactly(1, 1, 1);
    }

    @Test
    void shouldMergeTheBatchesThatQueuedBehindABusySlotIntoOneStep() throws Exception {
        open(1, (slot, cfg) -> model(slot));
        CountDownLatch gate = new CountDownLatch(1);
        model("0").gate = gate;
        CompletableFuture<BatchResult> first = invoke(sized(8, "0", placed("a", "0", 0, false)));
        await().atMost(DEADLINE).until(() -> model("0").batchSizes.size() == 1);
        CompletableFuture<BatchResult> b = invoke(sized(8, "0", placed("b", "0", 0, false)));
        CompletableFuture<BatchResult> cd = invoke(sized(8, "0", placed("c", "0", 0, false), placed("d", "0", 0, false)));
        CompletableFuture<BatchResult> a1 = invoke(sized(8, "0", placed("a", "0", 1, false)));

        gate.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).batchSize()).isEqualTo(1);
        BatchResult rb = b.get(10, TimeUnit.SECONDS);
        BatchResult rcd = cd.get(10, TimeUnit.SECONDS);
        assertThat(rb.batchSize()).as("b, c, d and a's next chunk shared a step").isEqualTo(4);
        assertThat(rcd.batchSize()).isEqualTo(4);
        assertThat(rb.inferenceStartMs()).isEqualTo(rcd.inferenceStartMs());
        assertThat(rb.results()).extracting(ChunkResult::text).containsExactly("b#0:1");
        assertThat(rcd.results()).extracting(ChunkResult::text).containsExactly("c#0:1", "d#0:1");
        assertThat(a1.get(10, TimeUnit.SECONDS).results()).extracting(ChunkResult::text).containsExactly("a#1:1");
        assertThat(model("0").batchSizes).containsExactly(1, 4);
        assertThat(model("0").violations).isEmpty();
    }

    @Test
    void shouldStopMergingAtTheStepSizeAndAtASessionsSecondChunk() throws Exception {
        open(4, (slot, cfg) -> model(slot));
        CountDownLatch gate = new CountDownLatch(1);
        model("0").gate = gate;
        List<CompletableFuture<BatchResult>> all = new ArrayList<>();
        all.add(invoke(sized(2, "0", placed("a", "0", 0, false))));
        await().atMost(DEADLINE).until(() -> model("0").batchSizes.size() == 1);
        all.add(invoke(sized(2, "0", placed("b", "0", 0, false))));
        all.add(invoke(sized(2, "0", placed("c", "0", 0, false))));
        all.add(invoke(sized(2, "0", placed("d", "0", 0, false)))); // third of the queue: over the step size of 2
        all.add(invoke(sized(2, "0", placed("d", "0", 1, false)))); // d again: needs a step of its own
        all.add(invoke(sized(2, "0", placed("e", "0", 0, false))));

        gate.countDown();
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(model("0").batchSizes).containsExactly(1, 2, 1, 2);
        assertThat(all.get(4).get().results()).extracting(ChunkResult::text).containsExactly("d#1:1");
        assertThat(model("0").violations).isEmpty();
    }

    @Test
    void shouldLoadItsSlotsModelsBeforeTheFirstBatch() throws Exception {
        CountDownLatch loaded = new CountDownLatch(2);
        open(1, (slot, cfg) -> {
            FakeTranslator m = model(slot); // recorded in models before the latch lets the assertion look
            loaded.countDown();
            return m;
        });
        assertThat(loaded.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(models).containsOnlyKeys("0", "1");
    }

    @Test
    void shouldCloseEveryModelOnClose() throws Exception {
        open(1, (slot, cfg) -> model(slot));
        invoke(batch("0", placed("a", "0", 0, false))).get(10, TimeUnit.SECONDS);
        invoke(batch("1", placed("b", "1", 0, false))).get(10, TimeUnit.SECONDS);

        inference.close();
        inference = null;

        assertThat(models.values()).hasSize(2).allSatisfy(m -> assertThat(m.closed).isTrue());
    }

    private void open(int maxInflight, TranslatorFactory factory) throws Exception {
        SstConfig config = new SstConfig();
        config.serving.maxInflightBatchesPerSlot = maxInflight;
        // The slots the tests' batches use; all of them belong to the one subtask.
        config.serving.gpuLanguageMap = new LinkedHashMap<>(Map.of(
                "0", SstConfig.ENGLISH_CHINESE, "1", SstConfig.ENGLISH_CHINESE));
        inference = new BatchInference(config, factory);
        inference.setRuntimeContext(new MockStreamingRuntimeContext(1, 0));
        inference.open(DefaultOpenContext.INSTANCE);
    }

    private FakeTranslator model(String slot) {
        return models.computeIfAbsent(slot, FakeTranslator::new);
    }

    private CompletableFuture<BatchResult> invoke(ChunkBatch batch) throws Exception {
        FutureResult result = new FutureResult();
        inference.asyncInvoke(batch, result);
        return result.future;
    }

    private static ChunkBatch batch(String slot, ChunkRequest... chunks) {
        return sized(32, slot, chunks);
    }

    /** A batch formed under {@code max_batch_size} {@code maxStepSize}. */
    private static ChunkBatch sized(int maxStepSize, String slot, ChunkRequest... chunks) {
        return new ChunkBatch(slot, List.of(chunks), 1, maxStepSize);
    }

    /** A ResultFuture a test can wait on. */
    private static final class FutureResult implements ResultFuture<BatchResult> {
        final CompletableFuture<BatchResult> future = new CompletableFuture<>();

        @Override
        public void complete(Collection<BatchResult> result) {
            if (result.size() != 1) {
                future.completeExceptionally(new AssertionError("expected one result, got " + result));
                return;
            }
            future.complete(result.iterator().next());
        }

        @Override
        public void completeExceptionally(Throwable error) {
            future.completeExceptionally(error);
        }

        @Override
        public void complete(CollectionSupplier<BatchResult> supplier) {
            try {
                complete(supplier.get());
            } catch (Exception e) {
                future.completeExceptionally(e);
            }
        }
    }
}
