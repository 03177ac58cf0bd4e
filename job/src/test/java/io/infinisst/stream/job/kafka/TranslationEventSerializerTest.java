package io.infinisst.stream.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.infinisst.stream.protocol.records.TranslationEvent;
import io.infinisst.stream.protocol.records.TranslationEventSerde;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Tests for {@link TranslationEventSerializer}. */
class TranslationEventSerializerTest {

    @Test
    void shouldKeyBySessionAndWriteTheEventAsJson() {
        TranslationEvent e = new TranslationEvent("s1", 3, "你好", true, 2880, 3840, 100, 110, 120, "cpu:0", 2, null);

        ProducerRecord<byte[], byte[]> r = new TranslationEventSerializer("sst.translations").serialize(e, null, 7L);

        assertThat(r.topic()).isEqualTo("sst.translations");
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("s1");
        assertThat(r.timestamp()).isEqualTo(7L);
        assertThat(TranslationEventSerde.deserialize(r.value())).isEqualTo(e);
        assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("\"final\":true");
    }

    @Test
    void shouldCarryErrorEvents() {
        TranslationEvent e = new TranslationEvent("s1", 0, "", false, 0, 960, 1, 2, 3, null, 0, "no slot");

        ProducerRecord<byte[], byte[]> r = new TranslationEventSerializer("t").serialize(e, null, null);

        assertThat(TranslationEventSerde.deserialize(r.value()).error()).isEqualTo("no slot");
        assertThat(r.timestamp()).isNull();
    }
}
