package io.infinisst.stream.job.functions;

import static io.infinisst.stream.job.functions.Chunks.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infinisst.stream.job.records.ChunkBatch;
import io.infinisst.stream.job.records.ChunkRequest;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tests for {@link MicroBatcher}. */
class MicroBatcherTest {
    private KeyedOneInputStreamOperatorTestHarness<String, ChunkRequest, ChunkBatch> harness;

    @AfterEach
    void tearDown() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void shouldEmitAsSoonAsTheBatchIsFull() throws Exception {
        open(2, 100, true);
        send("a", 0, 0);
        assertThat(harness.extractOutputValues()).isEmpty();
        send("b", 0, 10);

        List<ChunkBatch> out = harness.extractOutputValues();
        assertThat(out).singleElement().satisfies(b -> {
            assertThat(b.slot()).isEqualTo("0");
            assertThat(b.formedAtMs()).isEqualTo(10);
            assertThat(sessions(b)).containsExactly("a#0", "b#0");
        });
        assertCleared();
    }

    @Test
    void shouldEmitWhenTheOldestChunkHasWaitedTheTimeout() throws Exception {
        open(4, 100, true);
        send("a", 0, 0);
        send("b", 0, 50);

        harness.setProcessingTime(99);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.setProcessingTime(100);

        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(b -> assertThat(sessions(b)).containsExactly("a#0", "b#0"));
        assertCleared();
    }

    @Test
    void shouldNeverPutTwoChunksOfOneSessionInOneBatch() throws Exception {
        open(2, 100, true);
        send("a", 0, 0);
        send("a", 1, 5);
        send("b", 0, 10);

        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(b -> assertThat(sessions(b)).containsExactly("a#0", "b#0"));
        assertThat(harness.numProcessingTimeTimers()).as("timer for the left-behind chunk").isEqualTo(1);

        harness.setProcessingTime(105);
        List<ChunkBatch> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(sessions(out.get(1))).containsExactly("a#1");
        assertCleared();
    }

    @Test
    void shouldSendEverySessionsChunksInChunkOrder() throws Exception {
        open(4, 100, true);
        send("a", 0, 0);
        send("a", 1, 10);
        send("b", 0, 15);
        send("a", 2, 20);

        harness.setProcessingTime(1_000);

        List<ChunkBatch> out = harness.extractOutputValues();
        assertThat(out).extracting(MicroBatcherTest::sessions)
                .containsExactly(List.of("a#0", "b#0"), List.of("a#1"), List.of("a#2"));
        assertCleared();
    }

    @Test
    void shouldEmitAtOnceWhenTheTimeoutIsZero() throws Exception {
        open(4, 0, true);
        send("a", 0, 0);
        send("a", 1, 0);

        assertThat(harness.extractOutputValues()).extracting(MicroBatcherTest::sessions)
                .containsExactly(List.of("a#0"), List.of("a#1"));
        assertCleared();
    }

    @Test
    void shouldSendBatchesOfOneWhenDynamicBatchingIsOff() throws Exception {
        open(8, 100, false);
        send("a", 0, 0);
        send("b", 0, 0);

        assertThat(harness.extractOutputValues()).extracting(MicroBatcherTest::sessions)
                .containsExactly(List.of("a#0"), List.of("b#0"));
        assertCleared();
    }

    @Test
    void shouldRejectBadSettingsNamingKeyAndValue() {
        assertThatThrownBy(() -> new MicroBatcher(0, 10, true))
                .hasMessage("serving.max_batch_size must be >= 1, got 0");
        assertThatThrownBy(() -> new MicroBatcher(1, -1, true))
                .hasMessage("serving.batch_timeout_ms must be >= 0, got -1");
    }

    private void open(int max, long timeout, boolean dynamic) throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new MicroBatcher(max, timeout, dynamic),
                ChunkRequest::slot, Types.STRING);
        harness.setProcessingTime(0);
    }

    private void send(String session, long index, long at) throws Exception {
        harness.setProcessingTime(at);
        harness.processElement(placed(session, "0", index, false), at);
    }

    private void assertCleared() {
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    private static List<String> sessions(ChunkBatch b) {
        return b.chunks().stream().map(c -> c.sessionId() + "#" + c.chunkIndex()).toList();
    }
}
