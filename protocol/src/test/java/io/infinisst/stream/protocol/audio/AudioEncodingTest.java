package io.infinisst.stream.protocol.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Tests for {@link AudioEncoding}. */
class AudioEncodingTest {

    @Test
    void shouldRoundTripBothEncodings() {
        float[] samples = {0f, 0.5f, -0.5f, 0.999f, -1f};
        for (AudioEncoding e : AudioEncoding.values()) {
            float[] back = e.toFloats(e.fromFloats(samples));
            assertThat(back).containsExactly(samples, within(1e-4f));
        }
    }

    @Test
    void shouldParseWireNamesAndDefaultToF32le() {
        assertThat(AudioEncoding.parse("S16LE")).isEqualTo(AudioEncoding.S16LE);
        assertThat(AudioEncoding.parse(null)).isEqualTo(AudioEncoding.F32LE);
        assertThatThrownBy(() -> AudioEncoding.parse("mp3")).hasMessage("encoding must be one of f32le, s16le; got 'mp3'");
    }

    @Test
    void shouldRejectPartialSamples() {
        assertThatThrownBy(() -> AudioEncoding.F32LE.toFloats(new byte[6]))
                .hasMessageContaining("6 bytes is not a whole number of f32le samples");
    }
}
