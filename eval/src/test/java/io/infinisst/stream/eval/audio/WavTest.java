package io.infinisst.stream.eval.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Tests for {@link Wav}. */
class WavTest {

    @Test
    void shouldRoundTripSixteenBitMono() {
        Wav tone = Wav.steppedTone(0.5, 22050, 300, 0.1);
        Wav back = Wav.parse(tone.toBytes(), "tone");
        assertThat(back.sampleRate()).isEqualTo(22050);
        assertThat(back.samples()).hasSize(tone.samples().length);
        assertThat(back.samples()[1234]).isCloseTo(tone.samples()[1234], within(1e-4f));
        assertThat(back.seconds()).isCloseTo(0.5, within(1e-3));
    }

    @Test
    void shouldLoopARecordingToTheRequestedLength() {
        Wav w = new Wav(new float[] {1f, 2f, 3f}, 10);
        assertThat(w.looped(0.8).samples()).containsExactly(1f, 2f, 3f, 1f, 2f, 3f, 1f, 2f);
        assertThat(w.looped(0.2).samples()).containsExactly(1f, 2f);
        assertThat(w.looped(0.8).sampleRate()).isEqualTo(10);
        assertThatThrownBy(() -> new Wav(new float[0], 10).looped(1)).hasMessageContaining("empty");
    }

    @Test
    void shouldAverageStereoFloatToMono() {
        ByteBuffer b = ByteBuffer.allocate(44 + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + 16).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 3).putShort((short) 2).putInt(8000).putInt(64000)
                .putShort((short) 8).putShort((short) 32);
        b.putInt(0x61746164).putInt(16).putFloat(0.5f).putFloat(-0.5f).putFloat(1f).putFloat(0f);
        Wav w = Wav.parse(b.array(), "stereo");
        assertThat(w.samples()).containsExactly(0f, 0.5f);
        assertThat(w.sampleRate()).isEqualTo(8000);
    }

    @Test
    void shouldRejectWhatIsNotAWav() {
        assertThatThrownBy(() -> Wav.parse("hello there, world".getBytes(), "x.txt"))
                .hasMessage("x.txt is not a RIFF/WAVE file");
    }
}
