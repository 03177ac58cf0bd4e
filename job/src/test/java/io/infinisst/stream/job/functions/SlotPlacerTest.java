package io.infinisst.stream.job.functions;

import static io.infinisst.stream.job.functions.Chunks.chunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infinisst.stream.job.records.ChunkRequest;
import io.infinisst.stream.protocol.config.SstConfig;
import io.infinisst.stream.protocol.records.TranslationEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests for {@link SlotPlacer} and {@link PlacementStrategy}. */
class SlotPlacerTest {
    private static final String ZH = SstConfig.ENGLISH_CHINESE;
    private static final String IT = SstConfig.ENGLISH_ITALIAN;

    private KeyedOneInputStreamOperatorTestHarness<String, ChunkRequest, ChunkRequest> harness;

    @BeforeEach
    void setUp() throws Exception {
        SstConfig config = new SstConfig();
        Map<String, String> slots = new LinkedHashMap<>();
        slots.put("0", ZH);
        slots.put("1", ZH);
        slots.put("cpu:0", ZH);
        config.serving.gpuLanguageMap = slots;
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new SlotPlacer(config),
                ChunkRequest::languagePair, Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void shouldPlaceNewSessionsRoundRobinOverThePairsSlots() throws Exception {
        for (String s : List.of("a", "b", "c", "d")) {
            harness.processElement(chunk(s, ZH, 0, false), 0);
        }

        assertThat(harness.extractOutputValues()).extracting(ChunkRequest::slot)
                .containsExactly("0", "1", "cpu:0", "0");
    }

    @Test
    void shouldKeepASessionOnItsSlotForEveryChunk() throws Exception {
        harness.processElement(chunk("a", ZH, 0, false), 0);
        harness.processElement(chunk("b", ZH, 0, false), 0);
        harness.processElement(chunk("a", ZH, 1, false), 0);
        harness.processElement(chunk("b", ZH, 1, false), 0);
        harness.processElement(chunk("a", ZH, 2, true), 0);

        List<ChunkRequest> out = harness.extractOutputValues();
        assertThat(out).filteredOn(c -> c.sessionId().equals("a")).extracting(ChunkRequest::slot)
                .containsOnly("0").hasSize(3);
        assertThat(out).filteredOn(c -> c.sessionId().equals("b")).extracting(ChunkRequest::slot)
                .containsOnly("1");
    }

    @Test
    void shouldForgetSessionsAfterTheirLastChunk() throws Exception {
        harness.processElement(chunk("a", ZH, 0, false), 0);
        harness.processElement(chunk("b", ZH, 0, false), 0);
        harness.processElement(chunk("a", ZH, 1, true), 0);
        harness.processElement(chunk("b", ZH, 1, true), 0);
        harness.processElement(chunk("c", ZH, 0, true), 0);

        assertThat(harness.extractOutputValues()).hasSize(5);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void shouldAnswerChunksOfAPairWithoutSlotsWithErrorEvents() throws Exception {
        harness.processElement(chunk("x", IT, 0, false), 0);
        harness.processElement(chunk("x", IT, 1, true), 0);

        assertThat(harness.extractOutputValues()).isEmpty();
        List<TranslationEvent> errors = harness.getSideOutput(SlotPlacer.UNPLACED).stream()
                .map(StreamRecord::getValue).toList();
        assertThat(errors).extracting(TranslationEvent::chunk).containsExactly(0L, 1L);
        assertThat(errors).allSatisfy(e -> {
            assertThat(e.error()).isEqualTo("no slot serves language pair 'English -> Italian'");
            assertThat(e.text()).isEmpty();
        });
        assertThat(errors.get(1).last()).isTrue();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void shouldPickTheLeastLoadedSlotEarliestFirstOnTies() {
        PlacementStrategy s = PlacementStrategy.leastLoaded();

        assertThat(s.place(List.of("0", "1", "2"), Map.of("0", 2, "1", 1, "2", 1), 7)).isEqualTo("1");
        assertThat(s.place(List.of("0", "1"), Map.of(), 3)).isEqualTo("0");
    }

    @Test
    void shouldRejectUnknownStrategyNamingKeyAndValue() {
        assertThatThrownBy(() -> PlacementStrategy.forName("gpu_memory"))
                .hasMessage("serving.load_balance_strategy: 'gpu_memory' is not one of [least_loaded, round_robin]");
    }
}
