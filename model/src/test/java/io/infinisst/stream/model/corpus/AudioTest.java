package io.infinisst.stream.model.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link Wav}, {@link Resampler} and {@link Noise}. */
class AudioTest {

    @Test
    void wavRoundTripsSixteenBitMono(@TempDir Path dir) throws IOException {
        float[] x = sine(440, 16_000, 8000, 0.5);
        Path f = dir.resolve("a.wav");
        Wav.write(f, x, 16_000);
        assertThat(Files.size(f)).isEqualTo(44 + 2L * x.length);
        Wav.Audio back = Wav.read(f);
        assertThat(back.sampleRate()).isEqualTo(16_000);
        assertThat(back.samples()).hasSize(x.length);
        for (int i = 0; i < x.length; i++) {
            assertThat(back.samples()[i]).isCloseTo(x[i], within(1e-4f));
        }
    }

    @Test
    void notAWavIsRejectedNamingTheFile(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("x.wav"), "hello, not audio");
        assertThatThrownBy(() -> Wav.read(f)).hasMessageContaining("x.wav").hasMessageContaining("RIFF");
    }

    @Test
    void resamplingKeepsAToneInBand() {
        float[] in = sine(1000, 22_050, 22_050, 0.5);
        float[] out = Resampler.resample(in, 22_050, 16_000);
        assertThat(out).hasSize(16_000);
        assertThat(rms(out, 1000, 15_000)).isCloseTo(0.5 / Math.sqrt(2), within(0.01));
        assertThat(zeroCrossings(out, 1000, 15_000) / 14_000.0 * 16_000 / 2).isCloseTo(1000, within(5.0));
    }

    @Test
    void resamplingDownRemovesWhatTheLowerRateCannotHold() {
        float[] in = sine(11_000, 32_000, 32_000, 0.5); // above 8 kHz, the Nyquist frequency of 16 kHz
        float[] out = Resampler.resample(in, 32_000, 16_000);
        assertThat(rms(out, 1000, 15_000)).isLessThan(0.01);
    }

    @Test
    void noiseIsMixedAtTheRequestedSnr() {
        float[] speech = sine(300, 16_000, 32_000, 0.3);
        for (Noise color : new Noise[] {Noise.WHITE, Noise.PINK, Noise.BROWN}) {
            float[] mixed = color.mix(speech, 15, 99);
            float[] noise = new float[mixed.length];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = mixed[i] - speech[i];
            }
            double snr = 20 * Math.log10(rms(speech, 0, speech.length) / rms(noise, 0, noise.length));
            assertThat(snr).as(color.label()).isCloseTo(15.0, within(0.2));
        }
    }

    @Test
    void noiseIsSeededAndNoneLeavesSpeechAlone() {
        float[] speech = sine(300, 16_000, 4000, 0.3);
        assertThat(Noise.PINK.mix(speech, 12, 5)).isEqualTo(Noise.PINK.mix(speech, 12, 5));
        assertThat(Noise.PINK.mix(speech, 12, 5)).isNotEqualTo(Noise.PINK.mix(speech, 12, 6));
        assertThat(Noise.NONE.mix(speech, Double.NaN, 5)).isEqualTo(speech);
    }

    @Test
    void activeLevelIgnoresSilence() {
        float[] tone = sine(300, 16_000, 16_000, 0.3);
        float[] padded = new float[48_000];
        System.arraycopy(tone, 0, padded, 16_000, tone.length);
        assertThat(Noise.activeRms(padded)).isCloseTo(Noise.activeRms(tone), within(1e-3));
    }

    static float[] sine(double hz, int rate, int length, double amplitude) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    private static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i] * x[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    private static int zeroCrossings(float[] x, int from, int to) {
        int n = 0;
        for (int i = from + 1; i < to; i++) {
            if ((x[i - 1] < 0) != (x[i] < 0)) {
                n++;
            }
        }
        return n;
    }
}
