package io.infinisst.stream.job.functions;

import static io.infinisst.stream.job.functions.Chunks.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infinisst.stream.job.records.ChunkBatch;
import io.infinisst.stream.job.records.ChunkRequest;
import io.infinisst.stream.job.records.ServingSettings;
import io.infinisst.stream.protocol.config.SstConfig;
import io.infinisst.stream.protocol.records.ControlRecord;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tests for {@link MicroBatcher}. */
class MicroBatcherTest {
    private KeyedBroadcastOperatorTestHarness<String, ChunkRequest, ControlRecord, ChunkBatch> harness;

    @AfterEach
    void tearDown() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void shouldSendALoneSessionsChunkAtOnceSinceNoOtherCanJoin() throws Exception {
        open(8, 100, true);
        send("a", 0, 0);

        assertThat(batches()).containsExactly(List.of("a#0"));
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void shouldEmitAsSoonAsTheBatchIsFull() throws Exception {
        open(2, 100, true);
        send("a", 0, 0);
        send("b", 0, 1);
        assertThat(batches()).as("a is active and not waiting: b waits").containsExactly(List.of("a#0"));
        send("c", 0, 10);

        assertThat(batches()).containsExactly(List.of("a#0"), List.of("b#0", "c#0"));
        assertThat(harness.extractOutputValues().get(1).formedAtMs()).isEqualTo(10);
        endAll(20, "a", "b", "c");
        assertCleared();
    }

    @Test
    void shouldEmitWhenTheOldestChunkHasWaitedTheTimeout() throws Exception {
        open(4, 100, true);
        send("a", 0, 0);
        send("b", 0, 10);
        send("c", 0, 50);

        harness.setProcessingTime(109);
        assertThat(batches()).containsExactly(List.of("a#0"));
        harness.setProcessingTime(110);

        assertThat(batches()).containsExactly(List.of("a#0"), List.of("b#0", "c#0"));
        endAll(200, "a", "b", "c");
        assertCleared();
    }

    @Test
    void shouldEmitAtOnceWhenEveryActiveSessionHasAChunkWaiting() throws Exception {
        open(8, 1_000, true);
        send("a", 0, 0);
        send("b", 0, 10);
        assertThat(batches()).as("a has nothing waiting yet").containsExactly(List.of("a#0"));

        send("a", 1, 20);

        assertThat(batches()).containsExactly(List.of("a#0"), List.of("b#0", "a#1"));
        assertThat(harness.numProcessingTimeTimers()).as("nothing waits, so no timer").isZero();
    }

    @Test
    void shouldCountOnlySessionsThatHaveNotSentTheirLastChunk() throws Exception {
        open(8, 1_000, true);
        send("a", 0, 0);
        send("b", 0, 10);
        sendLast("a", 1, 20);
        assertThat(batches()).containsExactly(List.of("a#0"), List.of("b#0", "a#1"));

        send("b", 1, 30);
        assertThat(batches()).as("b is the only active session left").hasSize(3).last()
                .isEqualTo(List.of("b#1"));
        sendLast("b", 2, 40);

        assertThat(batches()).last().isEqualTo(List.of("b#2"));
        assertCleared();
    }

    @Test
    void shouldSendWhatWaitsOnceTheSessionItWaitedForEnds() throws Exception {
        open(8, 1_000, true);
        send("a", 0, 0);
        send("b", 0, 10);
        send("c", 0, 20);
        assertThat(batches()).containsExactly(List.of("a#0"));

        sendLast("a", 1, 30);

        assertThat(batches()).containsExactly(List.of("a#0"), List.of("b#0", "c#0", "a#1"));
        endAll(40, "b", "c");
        assertCleared();
    }

    @Test
    void shouldNotWaitForASessionSilentLongerThanTheIdleTimeout() throws Exception {
        SstConfig config = config(8, 10_000, true);
        config.serving.sessionIdleTimeoutS = 1;
        open(config);
        send("a", 0, 0);
        send("b", 0, 5_000);

        assertThat(batches()).as("a has been silent for 5 s: b need not wait for it")
                .containsExactly(List.of("a#0"), List.of("b#0"));
        sendLast("b", 1, 5_010);
        assertCleared();
    }

    @Test
    void shouldStillApplyTheTimeoutWhileAnActiveSessionIsSilent() throws Exception {
        SstConfig config = config(8, 100, true);
        config.serving.sessionIdleTimeoutS = 300;
        open(config);
        send("a", 0, 0);
        send("b", 0, 10);
        send("b", 1, 20);

        harness.setProcessingTime(110);
        assertThat(batches()).containsExactly(List.of("a#0"), List.of("b#0"));
        harness.setProcessingTime(120);
        assertThat(batches()).containsExactly(List.of("a#0"), List.of("b#0"), List.of("b#1"));
        endAll(200, "a", "b");
        assertCleared();
    }

    @Test
    void shouldNeverPutTwoChunksOfOneSessionInOneBatch() throws Exception {
        open(2, 100, true);
        send("a", 0, 0);
        send("b", 0, 1);
        send("c", 0, 2);
        send("a", 1, 3);
        send("a", 2, 4);
        assertThat(batches()).containsExactly(List.of("a#0"), List.of("b#0", "c#0"));
        send("b", 1, 5);

        assertThat(batches()).last().isEqualTo(List.of("a#1", "b#1"));
        assertThat(harness.numProcessingTimeTimers()).as("timer for the left-behind chunk").isEqualTo(1);
        harness.setProcessingTime(104);
        assertThat(batches()).last().isEqualTo(List.of("a#2"));
        endAll(200, "a", "b", "c");
        assertCleared();
    }

    @Test
    void shouldSendEverySessionsChunksInChunkOrder() throws Exception {
        open(4, 100, true);
        send("a", 0, 0);
        send("b", 0, 5);
        send("a", 1, 10);
        send("c", 0, 12);
        send("a", 2, 15);
        send("a", 3, 20);

        harness.setProcessingTime(1_000);

        assertThat(batches()).containsExactly(List.of("a#0"), List.of("b#0", "a#1"), List.of("c#0", "a#2"),
                List.of("a#3"));
        endAll(1_000, "a", "b", "c");
        assertCleared();
    }

    @Test
    void shouldEmitAtOnceWhenTheTimeoutIsZero() throws Exception {
        open(4, 0, true);
        send("a", 0, 0);
        send("b", 0, 0);
        send("a", 1, 0);

        assertThat(batches()).containsExactly(List.of("a#0"), List.of("b#0"), List.of("a#1"));
        endAll(0, "a", "b");
        assertCleared();
    }

    @Test
    void shouldSendBatchesOfOneWhenDynamicBatchingIsOff() throws Exception {
        open(8, 100, false);
        send("a", 0, 0);
        send("b", 0, 0);
        send("c", 0, 0);

        assertThat(batches()).containsExactly(List.of("a#0"), List.of("b#0"), List.of("c#0"));
        endAll(0, "a", "b", "c");
        assertCleared();
    }

    @Test
    void shouldBatchNewArrivalsWithAChangedMaxBatchSizeAtOnce() throws Exception {
        open(8, 1_000, true);
        send("a", 0, 0);
        harness.processBroadcastElement(new ControlRecord(1, 2, null, null, null), 5);
        send("b", 0, 10);
        send("c", 0, 20);

        assertThat(batches()).containsExactly(List.of("a#0"), List.of("b#0", "c#0"));
        assertThat(harness.getBroadcastState(ServingSettings.descriptor()).get(ServingSettings.KEY))
                .isEqualTo(new ServingSettings(1, 2, 1_000, true, "least_loaded"));
        endAll(100, "a", "b", "c");
        assertCleared();
    }

    @Test
    void shouldApplyChangedSettingsToChunksAlreadyWaitingWithinASecond() throws Exception {
        open(8, 10_000, true);
        send("a", 0, 0);
        send("b", 0, 10);
        send("c", 0, 20);
        harness.processBroadcastElement(new ControlRecord(1, null, 50L, null, null), 30);

        harness.setProcessingTime(10 + MicroBatcher.SETTINGS_RECHECK_MS);

        assertThat(batches()).containsExactly(List.of("a#0"), List.of("b#0", "c#0"));
        endAll(1_000, "a", "b", "c");
        assertCleared();
    }

    @Test
    void shouldSendWaitingChunksOneByOneOnceDynamicBatchingIsTurnedOff() throws Exception {
        open(8, 10_000, true);
        send("a", 0, 0);
        send("b", 0, 10);
        send("c", 0, 20);
        harness.processBroadcastElement(new ControlRecord(1, null, null, false, null), 30);
        send("d", 0, 40);

        assertThat(batches()).containsExactly(List.of("a#0"), List.of("b#0"), List.of("c#0"), List.of("d#0"));
        endAll(100, "a", "b", "c", "d");
        assertCleared();
    }

    @Test
    void shouldIgnoreAControlRecordOlderThanTheSettingsInForce() throws Exception {
        open(8, 1_000, true);
        harness.processBroadcastElement(new ControlRecord(20, 4, null, null, null), 0);
        harness.processBroadcastElement(new ControlRecord(10, 1, 5L, null, null), 0);

        assertThat(harness.getBroadcastState(ServingSettings.descriptor()).get(ServingSettings.KEY))
                .isEqualTo(new ServingSettings(20, 4, 1_000, true, "least_loaded"));
    }

    @Test
    void shouldRejectBadSettingsNamingKeyAndValue() {
        assertThatThrownBy(() -> new MicroBatcher(config(0, 10, true)))
                .hasMessage("serving.max_batch_size: must be in [1, 1024], got 0");
        assertThatThrownBy(() -> new MicroBatcher(config(1, -1, true)))
                .hasMessage("serving.batch_timeout_ms: must be in [0, 60000], got -1");
    }

    private static SstConfig config(int max, long timeout, boolean dynamic) {
        SstConfig config = new SstConfig();
        config.serving.maxBatchSize = max;
        config.serving.batchTimeoutMs = timeout;
        config.serving.enableDynamicBatching = dynamic;
        return config;
    }

    private void open(int max, long timeout, boolean dynamic) throws Exception {
        open(config(max, timeout, dynamic));
    }

    private void open(SstConfig config) throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new MicroBatcher(config),
                ChunkRequest::slot, Types.STRING, ServingSettings.descriptor());
        harness.setProcessingTime(0);
    }

    private void send(String session, long index, long at) throws Exception {
        harness.setProcessingTime(at);
        harness.processElement(placed(session, "0", index, false), at);
    }

    private void sendLast(String session, long index, long at) throws Exception {
        harness.setProcessingTime(at);
        harness.processElement(placed(session, "0", index, true), at);
    }

    /** Ends each session with a last chunk at {@code at} and lets every timer fire: nothing may be left. */
    private void endAll(long at, String... sessions) throws Exception {
        for (String s : sessions) {
            sendLast(s, 99, at);
        }
        harness.setProcessingTime(at + 60_000);
    }

    private void assertCleared() {
        assertThat(KeyedStateEntries.of(harness)).as("keyed state entries").isZero();
        assertThat(harness.numProcessingTimeTimers()).as("timers").isZero();
    }

    private List<List<String>> batches() {
        return harness.extractOutputValues().stream().map(MicroBatcherTest::sessions).toList();
    }

    private static List<String> sessions(ChunkBatch b) {
        return b.chunks().stream().map(c -> c.sessionId() + "#" + c.chunkIndex()).toList();
    }
}
