package io.infinisst.stream.eval.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.infinisst.stream.eval.audio.Wav;
import org.junit.jupiter.api.Test;

/** Tests for the benchmark's loads and its keeps-up rule. */
class LatencyBenchmarkTest {

    @Test
    void shouldShipSpeechThatLoopsToTheRequestedLength() throws Exception {
        Wav speech = LatencyBenchmark.speech(40);

        assertThat(speech.sampleRate()).isEqualTo(16_000);
        assertThat(speech.seconds()).isCloseTo(40, within(1e-3));
        // speech, not silence: the held-out recording is loud somewhere in its first seconds
        float peak = 0;
        for (int i = 0; i < 3 * 16_000; i++) {
            peak = Math.max(peak, Math.abs(speech.samples()[i]));
        }
        assertThat(peak).isGreaterThan(0.1f);
        // looped: past the recording's 277,584 samples (17.3 s) it starts again
        assertThat(speech.samples()[277_584 + 16_000]).isEqualTo(speech.samples()[16_000]);
    }

    @Test
    void shouldKeepUpOnlyWhenAllCompleteWithoutErrorsAndTheTailStaysUnderTwoChunks() {
        assertThat(CapacityBenchmark.keepsUp(figures(8, 8, 0, 3_000), 1.92)).isTrue();
        assertThat(CapacityBenchmark.keepsUp(figures(8, 8, 0, 3_900), 1.92)).isFalse();
        assertThat(CapacityBenchmark.keepsUp(figures(8, 7, 0, 100), 1.92)).isFalse();
        assertThat(CapacityBenchmark.keepsUp(figures(8, 8, 1, 100), 1.92)).isFalse();
    }

    private static LatencyBenchmark.Figures figures(int sessions, int completed, int errors, long p99) {
        return new LatencyBenchmark.Figures(sessions, completed, 10, errors, p99 / 2, p99, p99, p99, p99, p99, "");
    }
}
