package io.infinisst.stream.protocol.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infinisst.stream.protocol.audio.AudioEncoding;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Tests for {@link SessionRequestSerde}. */
class SessionRequestSerdeTest {

    @Test
    void shouldRoundTripEachRecordType() {
        SessionRequest start = SessionRequest.start("s-1", 1000, "English -> Chinese", 2, 16000, AudioEncoding.F32LE,
                "user_001");
        SessionRequest audio = SessionRequest.audio("s-1", 7, 1001, new byte[] {1, 2, 3, 4, -1, -2, -3, -4});
        SessionRequest keepAlive = SessionRequest.audio("s-1", 8, 1002, new byte[0]);
        SessionRequest end = SessionRequest.end("s-1", 9, 1003, "eof");

        for (SessionRequest r : new SessionRequest[] {start, audio, keepAlive, end}) {
            assertThat(SessionRequestSerde.deserialize(SessionRequestSerde.serialize(r))).isEqualTo(r);
        }
    }

    @Test
    void shouldCarryAudioAsRawBytesNotText() {
        byte[] pcm = new byte[32_000];
        Arrays.fill(pcm, (byte) 0x7f);
        byte[] wire = SessionRequestSerde.serialize(SessionRequest.audio("abc", 1, 0, pcm));
        assertThat(wire.length).isLessThan(pcm.length + 40);
    }

    @Test
    void shouldRejectMalformedBytesWithAReason() {
        byte[] good = SessionRequestSerde.serialize(SessionRequest.audio("s", 1, 2, new byte[] {1, 2}));

        assertThatThrownBy(() -> SessionRequestSerde.deserialize(null))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> SessionRequestSerde.deserialize("hello world".getBytes()))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("magic");
        byte[] truncated = Arrays.copyOf(good, good.length - 1);
        assertThatThrownBy(() -> SessionRequestSerde.deserialize(truncated))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("PCM bytes");
        byte[] badType = good.clone();
        badType[2] = 9;
        assertThatThrownBy(() -> SessionRequestSerde.deserialize(badType))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("unknown type 9");
        byte[] badVersion = good.clone();
        badVersion[1] = 42;
        assertThatThrownBy(() -> SessionRequestSerde.deserialize(badVersion))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("version 42");
        byte[] cut = Arrays.copyOf(good, 12);
        assertThatThrownBy(() -> SessionRequestSerde.deserialize(cut))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("truncated");
    }
}
