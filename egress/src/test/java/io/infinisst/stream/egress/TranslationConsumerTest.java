package io.infinisst.stream.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infinisst.stream.protocol.records.TranslationEvent;
import io.infinisst.stream.protocol.records.TranslationEventSerde;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/** Tests for {@link TranslationConsumer}; the broker round trip is the launcher's ITCase. */
class TranslationConsumerTest {

    @Test
    void shouldPassDecodedEventsOnAndSkipMalformedOnes() {
        List<TranslationEvent> got = new ArrayList<>();
        TranslationConsumer consumer = new TranslationConsumer(
                TranslationConsumer.consumerProperties("127.0.0.1:1", null), "t", got::add);
        TranslationEvent event = Events.chunk("s", 0, "hi");
        consumer.handle("not json".getBytes(StandardCharsets.UTF_8));
        consumer.handle(new byte[0]);
        consumer.handle(null);
        consumer.handle(TranslationEventSerde.serialize(event));
        assertThat(got).containsExactly(event);
        assertThat(consumer.received()).isEqualTo(4);
        assertThat(consumer.malformed()).isEqualTo(3);
    }

    @Test
    void shouldLetOverridesReplaceConsumerDefaults() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        Properties p = TranslationConsumer.consumerProperties("broker:9092", overrides);
        assertThat(p.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("broker:9092");
        assertThat(p.get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)).isEqualTo("5");
        assertThat(p.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)).isEqualTo("false");
        assertThat(p).doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
    }

    @Test
    void shouldRejectMissingSettings() {
        assertThatThrownBy(() -> new TranslationConsumer(" ", "t", new TranslationHub()))
                .hasMessage("bootstrap servers must be set, got ' '");
        assertThatThrownBy(() -> new TranslationConsumer("b:1", "", new TranslationHub()))
                .hasMessage("topic must be set, got ''");
    }

    @Test
    void shouldCloseAtOnceWhenNeverStarted() {
        TranslationConsumer consumer = new TranslationConsumer("127.0.0.1:1", "t", new TranslationHub());
        consumer.close();
        assertThat(consumer.received()).isZero();
    }
}
