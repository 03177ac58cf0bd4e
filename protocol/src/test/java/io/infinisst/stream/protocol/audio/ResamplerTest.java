package io.infinisst.stream.protocol.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Tests for {@link Resampler}. */
class ResamplerTest {

    @Test
    void shouldKeepDurationAndShape() {
        int from = 22050;
        float[] in = new float[from]; // one second of a 440 Hz tone
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) Math.sin(2 * Math.PI * 440 * i / from);
        }
        float[] out = Resampler.resample(in, from, 16000);
        assertThat(out).hasSize(16000);
        for (int i = 0; i < out.length; i += 997) {
            assertThat(out[i]).isCloseTo((float) Math.sin(2 * Math.PI * 440 * i / 16000.0), within(0.02f));
        }
    }

    @Test
    void shouldReturnInputWhenRatesMatch() {
        float[] in = {1, 2, 3};
        assertThat(Resampler.resample(in, 16000, 16000)).isSameAs(in);
    }
}
