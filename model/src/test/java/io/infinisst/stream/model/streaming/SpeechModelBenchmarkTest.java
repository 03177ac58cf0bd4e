package io.infinisst.stream.model.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.infinisst.stream.model.corpus.Wav;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeechModelBenchmarkTest {
    private static final Path MODEL = Path.of("../models/en-zh");
    private static final Path WAV = Path.of("../eval/src/main/resources/io/infinisst/stream/eval/bench/speech-en.wav");

    @Test
    void loopedAudioWrapsAroundTheRecording() {
        float[] speech = {1, 2, 3, 4, 5};
        assertThat(SpeechModelBenchmark.looped(speech, 3, 4)).containsExactly(4, 5, 1, 2);
        assertThat(SpeechModelBenchmark.looped(speech, 12, 3)).containsExactly(3, 4, 5);
    }

    @Test
    void percentilesComeFromTheSortedSteps() {
        var level = new SpeechModelBenchmark.Level(1, new double[] {9, 1, 5, 3, 7}, List.of(""));
        assertThat(level.mean()).isEqualTo(5.0);
        assertThat(level.percentile(0.5)).isEqualTo(5.0);
        assertThat(level.percentile(0.99)).isEqualTo(9.0);
    }

    /** The benchmark's batches must be real work: every session translated, and as it is when stepped alone. */
    @Test
    void batchedSessionsSayWhatTheySayOneByOne() throws Exception {
        float[] speech = Wav.read(WAV).samples();
        int chunk = 30_720;
        try (SpeechTranslator t = SpeechTranslator.load(MODEL, Device.cpu())) {
            SpeechModelBenchmark.Level level = SpeechModelBenchmark.run(t, "b", speech, 3, 6, chunk);
            assertThat(level.stepMs()).hasSize(6);
            assertThat(java.util.Arrays.stream(level.stepMs()).min().orElseThrow()).isPositive();
            assertThat(level.texts()).isEqualTo(SpeechModelBenchmark.texts(t, speech, 3, 6, chunk));
            // Session 0 starts at the recording's first sentence (Helen is waiting for Robert).
            assertThat(level.texts().get(0)).startsWith("海伦在等罗伯特。");
            assertThat(level.texts()).allMatch(s -> !s.isEmpty());
            assertThat(t.openSessions()).isZero();
        }
    }
}
