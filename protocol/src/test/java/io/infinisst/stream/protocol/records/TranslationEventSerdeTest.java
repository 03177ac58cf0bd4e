package io.infinisst.stream.protocol.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Tests for {@link TranslationEventSerde}. */
class TranslationEventSerdeTest {

    @Test
    void shouldRoundTripWithSeedFieldNames() {
        TranslationEvent e = new TranslationEvent("s-1", 3, "你好", true, 5760, 7680, 100, 110, 120, "cpu:0", 4, null);
        byte[] bytes = TranslationEventSerde.serialize(e);
        String json = new String(bytes, StandardCharsets.UTF_8);

        assertThat(json).contains("\"session_id\":\"s-1\"", "\"chunk\":3", "\"final\":true", "\"audio_end_ms\":7680")
                .doesNotContain("error");
        assertThat(TranslationEventSerde.deserialize(bytes)).isEqualTo(e);
    }

    @Test
    void shouldRejectMalformedJson() {
        assertThatThrownBy(() -> TranslationEventSerde.deserialize(new byte[0]))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> TranslationEventSerde.deserialize("{not json".getBytes()))
                .isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(() -> TranslationEventSerde.deserialize("{\"chunk\":1,\"text\":\"x\"}".getBytes()))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("sessionId");
        assertThatThrownBy(() -> TranslationEventSerde.deserialize("null".getBytes()))
                .isInstanceOf(MalformedRecordException.class);
    }
}
