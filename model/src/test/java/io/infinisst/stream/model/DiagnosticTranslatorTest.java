package io.infinisst.stream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests for {@link DiagnosticTranslator}. */
class DiagnosticTranslatorTest {
    private static final int CHUNK = 30_720; // 1.92 s at 16 kHz
    private static final String SEP = " \u00b7 ";

    private DiagnosticTranslator model;

    @BeforeEach
    void openModel() {
        model = diagnostic(0);
    }

    @AfterEach
    void closeModel() {
        model.close();
    }

    @Test
    void sineOfAmplitudeHalfMeasuresAboutMinus9Dbfs() {
        try (DiagnosticNetwork network = new DiagnosticNetwork(Device.cpu(), 0)) {
            DiagnosticNetwork.Measurement m = network.forward(List.of(sine(CHUNK, 0.5f)), System.nanoTime()).get(0);
            assertThat(m.levelDbfs()).isCloseTo(-9.03f, within(0.01f));
            assertThat(m.voicedFraction()).isEqualTo(1f);
            assertThat(m.bandSpread()).isPositive();
        }
        model.open("s");
        assertThat(text(model.step(List.of(new StepInput("s", 0, sine(CHUNK, 0.5f), false)))))
                .containsExactly("[diag] chunk 0" + SEP + "1.92 s" + SEP + "-9.0 dBFS" + SEP + "voiced 100%");
    }

    @Test
    void silenceMeasuresTheFloorWithNoVoicedFrames() {
        try (DiagnosticNetwork network = new DiagnosticNetwork(Device.cpu(), 0)) {
            DiagnosticNetwork.Measurement m = network.forward(List.of(new float[CHUNK]), System.nanoTime()).get(0);
            assertThat(m.levelDbfs()).isEqualTo(DiagnosticNetwork.FLOOR_DBFS);
            assertThat(m.voicedFraction()).isZero();
            assertThat(m.bandSpread()).isZero();
        }
        model.open("s");
        assertThat(text(model.step(List.of(new StepInput("s", 0, new float[CHUNK], false)))).get(0))
                .endsWith("-120.0 dBFS" + SEP + "voiced 0%");
    }

    @Test
    void halfSilentChunkIsHalfVoiced() {
        float[] audio = sine(CHUNK, 0.5f);
        Arrays.fill(audio, CHUNK / 2, CHUNK, 0f);
        model.open("s");
        assertThat(text(model.step(List.of(new StepInput("s", 0, audio, false)))).get(0)).endsWith("voiced 50%");
    }

    @Test
    void batchGivesEachSessionTheSameTextAsSteppingItAlone() {
        List<StepInput> batch = List.of(
                new StepInput("loud", 0, noise(CHUNK, 0.3f, 1), false),
                new StepInput("short", 0, sine(4_037, 0.25f), true),
                new StepInput("empty", 0, new float[0], true),
                new StepInput("quiet", 0, noise(CHUNK, 0.001f, 2), false),
                new StepInput("half", 0, sine(CHUNK / 2, 0.8f), false));
        batch.forEach(in -> model.open(in.sessionId()));
        List<StepOutput> together = model.step(batch);

        List<StepOutput> alone = new ArrayList<>();
        try (DiagnosticTranslator other = diagnostic(0)) {
            for (StepInput in : batch) {
                other.open(in.sessionId());
                alone.addAll(other.step(List.of(in)));
            }
        }
        assertThat(together).containsExactlyElementsOf(alone);
        assertThat(together).extracting(StepOutput::sessionId).containsExactly("loud", "short", "empty", "quiet", "half");
    }

    @Test
    void paddingDoesNotChangeAShortChunksMeasurement() {
        float[] shortChunk = sine(4_037, 0.25f); // not a whole number of 10 ms frames
        try (DiagnosticNetwork network = new DiagnosticNetwork(Device.cpu(), 0)) {
            DiagnosticNetwork.Measurement alone = network.forward(List.of(shortChunk), System.nanoTime()).get(0);
            DiagnosticNetwork.Measurement padded = network.forward(
                    List.of(noise(CHUNK * 2, 0.9f, 3), shortChunk), System.nanoTime()).get(1);

            assertThat(alone.levelDbfs()).isCloseTo(-15.05f, within(0.05f));
            assertThat(padded.levelDbfs()).isCloseTo(alone.levelDbfs(), within(1e-4f));
            assertThat(padded.voicedFraction()).isEqualTo(alone.voicedFraction()).isEqualTo(1f);
            assertThat(padded.bandSpread()).isCloseTo(alone.bandSpread(), within(1e-3f));
        }
    }

    @Test
    void textNamesChunkDurationAndLevelAndTheLastChunkCarriesTheEndMarker() {
        model.open("s");
        String first = model.step(List.of(new StepInput("s", 0, new float[CHUNK], false))).get(0).text();
        String last = model.step(List.of(new StepInput("s", 1, sine(8_000, 0.5f), true))).get(0).text();

        assertThat(first).startsWith(DiagnosticTranslator.PREFIX + "chunk 0" + SEP + "1.92 s" + SEP).doesNotContain("END");
        assertThat(last).startsWith("[diag] chunk 1" + SEP + "0.50 s" + SEP + "-9.0 dBFS")
                .endsWith(SEP + "END after 2 chunks, 2.42 s");
    }

    @Test
    void outOfOrderChunkIsFlaggedWithTheExpectedAndActualIndex() {
        model.open("s");
        assertThat(stepAlone("s", 0)).doesNotContain(DiagnosticTranslator.OUT_OF_ORDER);
        assertThat(stepAlone("s", 1)).doesNotContain(DiagnosticTranslator.OUT_OF_ORDER);
        assertThat(stepAlone("s", 3)).startsWith("[diag] OUT-OF-ORDER expected 2 got 3" + SEP + "chunk 3" + SEP);
        assertThat(stepAlone("s", 4)).doesNotContain(DiagnosticTranslator.OUT_OF_ORDER);
        assertThat(stepAlone("s", 4)).startsWith("[diag] OUT-OF-ORDER expected 5 got 4");
    }

    @Test
    void firstChunkOtherThanZeroIsFlagged() {
        model.open("s");
        assertThat(stepAlone("s", 2)).startsWith("[diag] OUT-OF-ORDER expected 0 got 2");
    }

    @Test
    void chunkAfterTheLastIsFlagged() {
        model.open("s");
        model.step(List.of(new StepInput("s", 0, new float[160], true)));
        assertThat(stepAlone("s", 1)).startsWith("[diag] AFTER-END" + SEP + "chunk 1");
    }

    @Test
    void openAndCloseKeepCountOfSessions() {
        assertThat(model.openSessions()).isZero();
        model.open("a");
        model.open("b");
        model.open("c");
        assertThat(model.openSessions()).isEqualTo(3);

        model.close("b");
        model.close("never-opened");
        assertThat(model.openSessions()).isEqualTo(2);

        stepAlone("a", 0);
        model.open("a"); // reopening resets the context: chunk 0 is expected again
        assertThat(model.openSessions()).isEqualTo(2);
        assertThat(stepAlone("a", 0)).doesNotContain(DiagnosticTranslator.OUT_OF_ORDER);

        model.close("a");
        model.close("c");
        assertThat(model.openSessions()).isZero();
    }

    @Test
    void steppingASessionThatIsNotOpenFailsNamingItAndChangesNothing() {
        model.open("a");
        model.open("b");
        model.close("b");
        assertThatThrownBy(() -> model.step(List.of(
                        new StepInput("a", 0, new float[160], false), new StepInput("b", 0, new float[160], false))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("session 'b' is not open");
        assertThat(stepAlone("a", 0)).doesNotContain(DiagnosticTranslator.OUT_OF_ORDER);
    }

    @Test
    void sameSessionTwiceInOneBatchIsRejected() {
        model.open("a");
        assertThatThrownBy(() -> model.step(List.of(
                        new StepInput("a", 0, new float[160], false), new StepInput("a", 1, new float[160], false))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("session 'a' appears more than once in one batch");
        assertThat(stepAlone("a", 0)).doesNotContain(DiagnosticTranslator.OUT_OF_ORDER);
    }

    @Test
    void emptyBatchGivesNoOutput() {
        assertThat(model.step(List.of())).isEmpty();
    }

    @Test
    void configuredStepCostMakesAStepTakeAtLeastThatLong() {
        try (DiagnosticTranslator slow = diagnostic(40)) {
            slow.open("s");
            long start = System.nanoTime();
            slow.step(List.of(new StepInput("s", 0, sine(CHUNK, 0.5f), false)));
            assertThat((System.nanoTime() - start) / 1e6).isGreaterThanOrEqualTo(40.0);
            assertThat(slow.name()).isEqualTo("diagnostic(step=40.0ms)");
        }
    }

    @Test
    void stepsLeaveNoArraysBehind() {
        try (DiagnosticTranslator slow = diagnostic(5)) {
            int before = slow.liveArrays();
            List<String> sessions = List.of("a", "b", "c");
            sessions.forEach(slow::open);
            for (long chunk = 0; chunk < 5; chunk++) {
                long c = chunk;
                slow.step(sessions.stream().map(s -> new StepInput(s, c, noise(CHUNK, 0.2f, c), false)).toList());
            }
            assertThat(slow.liveArrays()).isEqualTo(before);
        }
    }

    @Test
    void closedModelRefusesSteps() {
        model.open("s");
        model.close();
        assertThatThrownBy(() -> stepAlone("s", 0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        model.close(); // closing twice is harmless
    }

    @Test
    void invalidStepCostIsRejectedNamingTheKey() {
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> diagnostic(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("model_config.diagnostic_step_ms: must be a finite number >= 0, got " + bad);
        }
    }

    @Test
    void absentGpuIsRejected() {
        ModelSpec onGpu = new ModelSpec("diagnostic", "English -> Chinese", "0", null, null, 0);
        assertThatThrownBy(() -> new DiagnosticTranslator(onGpu))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("device '0'");
    }

    @Test
    void factoryBuildsTheDiagnosticModelAtTheExpectedRate() {
        try (StreamingTranslator t = Translators.create(new ModelSpec("diagnostic", "English -> Chinese", "cpu:0", null, null, 2.5))) {
            assertThat(t).isInstanceOf(DiagnosticTranslator.class);
            assertThat(t.name()).isEqualTo("diagnostic(step=2.5ms)");
            assertThat(t.sampleRate()).isEqualTo(16_000);
        }
    }

    private String stepAlone(String session, long chunk) {
        return model.step(List.of(new StepInput(session, chunk, noise(1_600, 0.1f, chunk), false))).get(0).text();
    }

    private static DiagnosticTranslator diagnostic(double stepMs) {
        return new DiagnosticTranslator(new ModelSpec("diagnostic", "English -> Chinese", "cpu", null, null, stepMs));
    }

    private static List<String> text(List<StepOutput> outputs) {
        return outputs.stream().map(StepOutput::text).toList();
    }

    private static float[] sine(int samples, float amplitude) {
        float[] a = new float[samples];
        for (int i = 0; i < samples; i++) {
            a[i] = (float) (amplitude * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        return a;
    }

    private static float[] noise(int samples, float scale, long seed) {
        Random r = new Random(seed);
        float[] a = new float[samples];
        for (int i = 0; i < samples; i++) {
            a[i] = (float) Math.max(-1, Math.min(1, r.nextGaussian() * scale));
        }
        return a;
    }
}
