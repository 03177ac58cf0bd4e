package io.infinisst.stream.job.functions;

import static io.infinisst.stream.job.functions.Chunks.chunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infinisst.stream.job.functions.PlacementStrategy.Candidate;
import io.infinisst.stream.job.records.ChunkRequest;
import io.infinisst.stream.job.records.ServingSettings;
import io.infinisst.stream.protocol.config.SstConfig;
import io.infinisst.stream.protocol.records.ControlRecord;
import io.infinisst.stream.protocol.records.TranslationEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tests for {@link SlotPlacer} and {@link PlacementStrategy}. */
class SlotPlacerTest {
    private static final String ZH = SstConfig.ENGLISH_CHINESE;
    private static final String IT = SstConfig.ENGLISH_ITALIAN;

    /**
     * One scenario in which each built-in strategy chooses a different slot: slot 0 has the most sessions but a big
     * device, slot 1 the fewest sessions on a small device, slot 2 is in between with the most free memory; and it
     * is slot 0's turn.
     */
    private static final List<Candidate> SCENARIO = List.of(
            new Candidate("0", 3, 3, 16_000 - 3 * 1_000),
            new Candidate("1", 1, 1, 4_000 - 1 * 1_000),
            new Candidate("2", 2, 2, 16_000 - 2 * 1_000));
    private static final long SCENARIO_TURN = 6;

    private SlotPlacer placer;
    private KeyedBroadcastOperatorTestHarness<String, ChunkRequest, ControlRecord, ChunkRequest> harness;

    @AfterEach
    void tearDown() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void shouldCycleThroughTheSlotsWithRoundRobin() {
        assertThat(PlacementStrategy.roundRobin().place(SCENARIO, SCENARIO_TURN)).isEqualTo("0");
        assertThat(PlacementStrategy.roundRobin().place(SCENARIO, SCENARIO_TURN + 1)).isEqualTo("1");
    }

    @Test
    void shouldPickTheSlotWithFewestSessionsWithLeastLoaded() {
        assertThat(PlacementStrategy.leastLoaded().place(SCENARIO, SCENARIO_TURN)).isEqualTo("1");
    }

    @Test
    void shouldPickTheSlotWithMostFreeMemoryWithGpuMemory() {
        assertThat(PlacementStrategy.gpuMemory().place(SCENARIO, SCENARIO_TURN)).isEqualTo("2");
    }

    @Test
    void shouldBreakLeastLoadedTiesByRecentChunksThenByOrder() {
        PlacementStrategy s = PlacementStrategy.leastLoaded();

        assertThat(s.place(List.of(new Candidate("0", 2, 9, 0), new Candidate("1", 2, 4, 0)), 0)).isEqualTo("1");
        assertThat(s.place(List.of(new Candidate("0", 2, 4, 0), new Candidate("1", 2, 4, 0)), 1)).isEqualTo("0");
    }

    @Test
    void shouldPlaceNewSessionsRoundRobinOverThePairsSlots() throws Exception {
        open(config("round_robin", "0", "1", "cpu:0"));
        for (String s : List.of("a", "b", "c", "d")) {
            harness.processElement(chunk(s, ZH, 0, false), 0);
        }

        assertThat(harness.extractOutputValues()).extracting(ChunkRequest::slot)
                .containsExactly("0", "1", "cpu:0", "0");
    }

    @Test
    void shouldKeepASessionOnItsSlotForEveryChunk() throws Exception {
        open(config("least_loaded", "0", "1", "cpu:0"));
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
        open(config("least_loaded", "0", "1", "cpu:0"));
        harness.processElement(chunk("a", ZH, 0, false), 0);
        harness.processElement(chunk("b", ZH, 0, false), 0);
        harness.processElement(chunk("a", ZH, 1, true), 0);
        harness.processElement(chunk("b", ZH, 1, true), 0);
        harness.processElement(chunk("c", ZH, 0, true), 0);

        assertThat(harness.extractOutputValues()).hasSize(5);
        assertThat(KeyedStateEntries.of(harness)).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void shouldPreferTheSlotWithFewerRecentChunksWhenSessionsTie() throws Exception {
        open(config("least_loaded", "0", "1"));
        harness.setProcessingTime(1_000);
        harness.processElement(chunk("a", ZH, 0, false), 1_000);
        harness.processElement(chunk("b", ZH, 0, false), 1_000);
        for (long i = 1; i <= 3; i++) {
            harness.processElement(chunk("a", ZH, i, false), 1_000);
        }
        harness.processElement(chunk("c", ZH, 0, false), 1_000);

        assertThat(slotOf("c")).as("slots 0 and 1 have one session each; slot 0 had four chunks lately")
                .isEqualTo("1");
    }

    @Test
    void shouldPlaceOnTheDeviceWithMostFreeMemoryWithGpuMemory() throws Exception {
        SstConfig config = config("gpu_memory", "0", "1");
        config.serving.deviceMemoryMb.put("1", 3_000L);
        config.languages.get(ZH).modelConfig.sessionMemoryMb = 1_000;
        open(config);
        for (String s : List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n")) {
            harness.processElement(chunk(s, ZH, 0, false), 0);
        }

        assertThat(harness.extractOutputValues()).extracting(ChunkRequest::slot)
                .as("slot 0 (16 GiB) keeps more free memory than slot 1 (3000 MiB) until it holds 13 more sessions")
                .containsExactly("0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0");
    }

    @Test
    void shouldNeverPlaceMoreThanMaxSessionsPerSlotUnlessEverySlotIsFull() throws Exception {
        SstConfig config = config("round_robin", "0", "1");
        config.serving.maxSessionsPerSlot = 1;
        open(config);
        harness.processElement(chunk("a", ZH, 0, false), 0);
        harness.processElement(chunk("b", ZH, 0, false), 0);
        assertThat(placer.overCapacityPlacements()).isZero();
        harness.processElement(chunk("c", ZH, 0, false), 0);

        assertThat(List.of(slotOf("a"), slotOf("b"), slotOf("c"))).containsExactly("0", "1", "0");
        assertThat(placer.overCapacityPlacements()).isEqualTo(1);
    }

    @Test
    void shouldSkipFullSlots() throws Exception {
        SstConfig config = config("round_robin", "0", "1", "2");
        config.serving.maxSessionsPerSlot = 1;
        open(config);
        harness.processElement(chunk("a", ZH, 0, false), 0);
        harness.processElement(chunk("b", ZH, 0, false), 0);
        harness.processElement(chunk("a", ZH, 1, true), 0);
        harness.processElement(chunk("c", ZH, 0, false), 0);
        harness.processElement(chunk("d", ZH, 0, false), 0);

        assertThat(List.of(slotOf("b"), slotOf("c"), slotOf("d"))).as("b, c and d run at once, one per slot")
                .doesNotHaveDuplicates();
        assertThat(placer.overCapacityPlacements()).isZero();
    }

    @Test
    void shouldPlaceNewSessionsWithTheStrategyAControlRecordNames() throws Exception {
        SstConfig config = config("least_loaded", "0", "1");
        config.serving.deviceMemoryMb.put("1", 100_000L);
        open(config);
        harness.processElement(chunk("a", ZH, 0, false), 0);
        harness.processElement(chunk("b", ZH, 0, false), 0);
        harness.processBroadcastElement(new ControlRecord(1, null, null, null, "gpu_memory"), 0);
        harness.processElement(chunk("c", ZH, 0, false), 0);
        harness.processElement(chunk("a", ZH, 1, false), 0);

        assertThat(List.of(slotOf("a"), slotOf("b"), slotOf("c")))
                .as("least_loaded would put c on 0 (a tie); gpu_memory picks the bigger device").containsExactly(
                        "0", "1", "1");
        assertThat(harness.extractOutputValues()).last().extracting(ChunkRequest::slot)
                .as("a session stays where it was placed").isEqualTo("0");
    }

    @Test
    void shouldPlaceWithAUsersStrategyNamedByClassName() throws Exception {
        open(config(LastSlotStrategy.class.getName(), "0", "1", "cpu:0"));
        harness.processElement(chunk("a", ZH, 0, false), 0);

        assertThat(slotOf("a")).isEqualTo("cpu:0");
    }

    @Test
    void shouldKeepTheStrategyInForceWhenAControlRecordNamesAClassThatCannotBeCreated() throws Exception {
        open(config("round_robin", "0", "1"));
        harness.processElement(chunk("a", ZH, 0, false), 0);
        harness.processBroadcastElement(new ControlRecord(1, null, null, null, "com.example.Missing"), 0);
        harness.processElement(chunk("b", ZH, 0, false), 0);

        assertThat(List.of(slotOf("a"), slotOf("b"))).containsExactly("0", "1");
        assertThat(placer.placementErrors()).isEqualTo(1);
    }

    @Test
    void shouldFallBackToLeastLoadedWhenAStrategyAnswersASlotThatIsNotACandidate() throws Exception {
        open(config(NoSuchSlotStrategy.class.getName(), "0", "1"));
        harness.processElement(chunk("a", ZH, 0, false), 0);
        harness.processElement(chunk("b", ZH, 0, false), 0);

        assertThat(List.of(slotOf("a"), slotOf("b"))).containsExactly("0", "1");
        assertThat(placer.placementErrors()).isEqualTo(2);
    }

    @Test
    void shouldAnswerChunksOfAPairWithoutSlotsWithErrorEvents() throws Exception {
        open(config("least_loaded", "0", "1", "cpu:0"));
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
        assertThat(KeyedStateEntries.of(harness)).isZero();
    }

    @Test
    void shouldRejectAStrategyThatIsNeitherBuiltInNorAClassOnTheClasspath() {
        assertThatThrownBy(() -> PlacementStrategy.forName("com.example.Missing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("serving.load_balance_strategy: 'com.example.Missing' is not one of [gpu_memory, "
                        + "least_loaded, round_robin] and no class of that name is on the job's classpath");
    }

    @Test
    void shouldRejectAClassThatIsNotAPlacementStrategy() {
        assertThatThrownBy(() -> PlacementStrategy.forName("java.lang.String"))
                .hasMessage("serving.load_balance_strategy: 'java.lang.String' does not implement "
                        + "io.infinisst.stream.job.functions.PlacementStrategy");
    }

    @Test
    void shouldRejectAStrategyClassWithoutAPublicNoArgumentConstructor() {
        String name = NeedsArgumentStrategy.class.getName();
        assertThatThrownBy(() -> PlacementStrategy.forName(name))
                .hasMessage("serving.load_balance_strategy: '" + name + "' has no public no-argument constructor");
    }

    /** Not usable by name: it needs an argument. */
    public static class NeedsArgumentStrategy implements PlacementStrategy {
        private final String slot;

        public NeedsArgumentStrategy(String slot) {
            this.slot = slot;
        }

        @Override
        public String place(List<Candidate> candidates, long turn) {
            return slot;
        }
    }

    /** A faulty user strategy: answers a slot that does not exist. */
    public static class NoSuchSlotStrategy implements PlacementStrategy {
        @Override
        public String place(List<Candidate> candidates, long turn) {
            return "nope";
        }
    }

    private static SstConfig config(String strategy, String... zhSlots) {
        SstConfig config = new SstConfig();
        Map<String, String> slots = new LinkedHashMap<>();
        for (String s : zhSlots) {
            slots.put(s, ZH);
        }
        config.serving.gpuLanguageMap = slots;
        config.serving.loadBalanceStrategy = strategy;
        return config;
    }

    private void open(SstConfig config) throws Exception {
        placer = new SlotPlacer(config);
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(placer,
                ChunkRequest::languagePair, Types.STRING, ServingSettings.descriptor());
        harness.setProcessingTime(0);
    }

    private String slotOf(String session) {
        return harness.extractOutputValues().stream().filter(c -> c.sessionId().equals(session)).findFirst()
                .orElseThrow().slot();
    }
}
