package io.infinisst.stream.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.infinisst.stream.job.records.ChunkRequest;
import io.infinisst.stream.protocol.audio.AudioEncoding;
import io.infinisst.stream.protocol.config.SstConfig;
import io.infinisst.stream.protocol.records.SessionRequest;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests for {@link SessionAssembler}. */
class SessionAssemblerTest {
    private static final String PAIR = SstConfig.ENGLISH_CHINESE;
    private static final int CHUNK = ChunkRequest.BASE_CHUNK_SAMPLES;

    private SessionAssembler assembler;
    private KeyedOneInputStreamOperatorTestHarness<String, SessionRequest, ChunkRequest> harness;

    @BeforeEach
    void setUp() throws Exception {
        SstConfig config = new SstConfig();
        config.serving.sessionIdleTimeoutS = 5;
        assembler = new SessionAssembler(config);
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(assembler, SessionRequest::sessionId,
                Types.STRING);
        harness.setProcessingTime(0);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void shouldEmitOneChunkPerFullChunkOfAudio() throws Exception {
        start("s1", 1, 16_000, AudioEncoding.F32LE);
        audio("s1", 1, 1_000, floats(2 * CHUNK + 100, 0.25f), AudioEncoding.F32LE);

        List<ChunkRequest> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out).extracting(ChunkRequest::chunkIndex).containsExactly(0L, 1L);
        assertThat(out).extracting(ChunkRequest::audioStartMs).containsExactly(0L, 960L);
        assertThat(out).extracting(ChunkRequest::audioEndMs).containsExactly(960L, 1920L);
        assertThat(out).allSatisfy(c -> {
            assertThat(c.audio()).hasSize(CHUNK);
            assertThat(c.ingressMs()).isEqualTo(1_000);
            assertThat(c.languagePair()).isEqualTo(PAIR);
            assertThat(c.slot()).isNull();
            assertThat(c.last()).isFalse();
        });
    }

    @Test
    void shouldCarrySamplesAcrossFramesIntoTheNextChunk() throws Exception {
        start("s1", 1, 16_000, AudioEncoding.F32LE);
        audio("s1", 1, 100, floats(CHUNK - 10, 0.1f), AudioEncoding.F32LE);
        assertThat(harness.extractOutputValues()).isEmpty();

        audio("s1", 2, 200, floats(20, 0.2f), AudioEncoding.F32LE);

        List<ChunkRequest> out = harness.extractOutputValues();
        assertThat(out).hasSize(1);
        float[] a = out.get(0).audio();
        assertThat(a).hasSize(CHUNK);
        assertThat(a[CHUNK - 11]).isEqualTo(0.1f);
        assertThat(a[CHUNK - 10]).isEqualTo(0.2f);
        assertThat(out.get(0).ingressMs()).as("newest contributing record").isEqualTo(200);
    }

    @Test
    void shouldMakeChunksLongerByTheLatencyMultiplier() throws Exception {
        start("s1", 3, 16_000, AudioEncoding.F32LE);
        audio("s1", 1, 100, floats(3 * CHUNK, 0f), AudioEncoding.F32LE);

        List<ChunkRequest> out = harness.extractOutputValues();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).audio()).hasSize(3 * CHUNK);
        assertThat(out.get(0).audioEndMs()).isEqualTo(2880);
    }

    @Test
    void shouldUseThePairsDefaultMultiplierWhenStartHasNone() throws Exception {
        start("s1", 0, 16_000, AudioEncoding.F32LE);
        audio("s1", 1, 100, floats(2 * CHUNK, 0f), AudioEncoding.F32LE);

        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(c -> assertThat(c.audio()).hasSize(2 * CHUNK));
    }

    @Test
    void shouldDecodeS16AndResampleTo16kHz() throws Exception {
        start("s1", 1, 8_000, AudioEncoding.S16LE);
        audio("s1", 1, 100, floats(CHUNK / 2, 0.5f), AudioEncoding.S16LE);

        List<ChunkRequest> out = harness.extractOutputValues();
        assertThat(out).singleElement().satisfies(c -> {
            assertThat(c.audio()).hasSize(CHUNK);
            assertThat(c.audio()[100]).isCloseTo(0.5f, org.assertj.core.data.Offset.offset(0.001f));
        });
    }

    @Test
    void shouldNotDriftWhenResamplingManyFramesThatDoNotDivideEvenly() throws Exception {
        start("s1", 1, 44_100, AudioEncoding.F32LE);
        for (int i = 1; i <= 300; i++) {
            audio("s1", i, i, floats(1_001, 0.5f), AudioEncoding.F32LE);
        }
        harness.processElement(SessionRequest.end("s1", 301, 400, "eof"), 400);

        long total = harness.extractOutputValues().stream().mapToLong(c -> c.audio().length).sum();
        assertThat(total).isEqualTo(300L * 1_001 * 16_000 / 44_100);
    }

    @Test
    void shouldSendTheRemainderAsFinalChunkOnEndAndDropAllState() throws Exception {
        start("s1", 1, 16_000, AudioEncoding.F32LE);
        audio("s1", 1, 100, floats(CHUNK + 1600, 0f), AudioEncoding.F32LE);
        harness.processElement(SessionRequest.end("s1", 2, 300, "eof"), 300);

        List<ChunkRequest> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        ChunkRequest last = out.get(1);
        assertThat(last.chunkIndex()).isEqualTo(1);
        assertThat(last.audio()).hasSize(1600);
        assertThat(last.audioStartMs()).isEqualTo(960);
        assertThat(last.audioEndMs()).isEqualTo(1060);
        assertThat(last.last()).isTrue();
        assertThat(last.endReason()).isEqualTo("eof");
        assertThat(last.ingressMs()).as("the END record's time").isEqualTo(300);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void shouldSendAnEmptyFinalChunkWhenNothingRemains() throws Exception {
        start("s1", 1, 16_000, AudioEncoding.F32LE);
        audio("s1", 1, 100, floats(CHUNK, 0f), AudioEncoding.F32LE);
        harness.processElement(SessionRequest.end("s1", 2, 300, "eof"), 300);

        List<ChunkRequest> out = harness.extractOutputValues();
        assertThat(out).extracting(ChunkRequest::chunkIndex).containsExactly(0L, 1L);
        assertThat(out.get(1).audio()).isEmpty();
        assertThat(out.get(1).last()).isTrue();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void shouldEndAnIdleSessionWithReasonIdleAndDropAllState() throws Exception {
        start("s1", 1, 16_000, AudioEncoding.F32LE);
        audio("s1", 1, 100, floats(800, 0f), AudioEncoding.F32LE);

        harness.setProcessingTime(4_999);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.setProcessingTime(5_000);

        List<ChunkRequest> out = harness.extractOutputValues();
        assertThat(out).singleElement().satisfies(c -> {
            assertThat(c.last()).isTrue();
            assertThat(c.endReason()).isEqualTo(SessionAssembler.IDLE);
            assertThat(c.audio()).hasSize(800);
        });
        assertThat(assembler.idleSessionsReaped()).isEqualTo(1);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void shouldPostponeIdleTimeoutOnActivityIncludingEmptyKeepAlives() throws Exception {
        start("s1", 1, 16_000, AudioEncoding.F32LE);
        harness.setProcessingTime(3_000);
        audio("s1", 1, 3_000, new float[0], AudioEncoding.F32LE);
        assertThat(harness.numProcessingTimeTimers()).as("old timer deleted").isEqualTo(1);

        harness.setProcessingTime(5_000);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.setProcessingTime(8_000);

        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(c -> assertThat(c.endReason()).isEqualTo(SessionAssembler.IDLE));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void shouldDropAudioAndEndOfUnknownSessionsWithoutState() throws Exception {
        audio("ghost", 1, 100, floats(CHUNK, 0f), AudioEncoding.F32LE);
        harness.processElement(SessionRequest.end("ghost", 2, 200, "eof"), 200);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(assembler.unknownSessionRecords()).isEqualTo(2);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void shouldDropRecordsOfAReapedSessionUntilItStartsAgain() throws Exception {
        start("s1", 1, 16_000, AudioEncoding.F32LE);
        harness.setProcessingTime(5_000);
        audio("s1", 1, 5_001, floats(CHUNK, 0f), AudioEncoding.F32LE);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(c -> assertThat(c.last()).isTrue());
        assertThat(assembler.unknownSessionRecords()).isEqualTo(1);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void shouldDropPcmThatIsNotWholeSamplesAndKeepTheSession() throws Exception {
        start("s1", 1, 16_000, AudioEncoding.S16LE);
        harness.processElement(SessionRequest.audio("s1", 1, 100, new byte[3]), 100);
        audio("s1", 2, 200, floats(CHUNK, 0f), AudioEncoding.S16LE);

        assertThat(assembler.badAudioRecords()).isEqualTo(1);
        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(c -> assertThat(c.chunkIndex()).isZero());
    }

    @Test
    void shouldKeepLessThanOneChunkInStateWhateverTheSessionLength() throws Exception {
        start("s1", 1, 16_000, AudioEncoding.F32LE);
        for (int i = 1; i <= 50; i++) {
            audio("s1", i, i, floats(4_096, 0f), AudioEncoding.F32LE);
        }
        harness.processElement(SessionRequest.end("s1", 51, 100, "eof"), 100);

        List<ChunkRequest> out = harness.extractOutputValues();
        assertThat(out).hasSize(50 * 4_096 / CHUNK + 1);
        assertThat(out).extracting(ChunkRequest::chunkIndex)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, out.size()).boxed().toList());
        assertThat(out.get(out.size() - 1).audio().length).isLessThan(CHUNK)
                .isEqualTo(50 * 4_096 % CHUNK);
    }

    private void start(String id, int multiplier, int rate, AudioEncoding enc) throws Exception {
        harness.processElement(SessionRequest.start(id, 0, PAIR, multiplier, rate, enc, "test"), 0);
    }

    private void audio(String id, long seq, long ts, float[] samples, AudioEncoding enc) throws Exception {
        harness.processElement(SessionRequest.audio(id, seq, ts, enc.fromFloats(samples)), ts);
    }

    private static float[] floats(int n, float value) {
        float[] f = new float[n];
        java.util.Arrays.fill(f, value);
        return f;
    }
}
