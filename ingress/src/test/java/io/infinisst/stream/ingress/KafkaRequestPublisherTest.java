package io.infinisst.stream.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** Tests for {@link KafkaRequestPublisher}'s settings; the broker round trip is the launcher's ITCase. */
class KafkaRequestPublisherTest {

    @Test
    void shouldPublishDurablyWithoutBatchingDelay() {
        Properties p = KafkaRequestPublisher.producerProperties("k:9092", null);
        assertThat(p.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("k:9092");
        assertThat(p.get(ProducerConfig.ACKS_CONFIG)).isEqualTo("all");
        assertThat(p.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isEqualTo("true");
        assertThat(p.get(ProducerConfig.LINGER_MS_CONFIG)).isEqualTo("0");
    }

    @Test
    void shouldLetOverridesReplaceDefaults() {
        Properties overrides = new Properties();
        overrides.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "100");
        assertThat(KafkaRequestPublisher.producerProperties("k:9092", overrides).get(ProducerConfig.MAX_BLOCK_MS_CONFIG))
                .isEqualTo("100");
    }

    @Test
    void shouldRejectMissingSettings() {
        assertThatThrownBy(() -> new KafkaRequestPublisher("", "t"))
                .hasMessage("bootstrap servers must be set, got ''");
        assertThatThrownBy(() -> new KafkaRequestPublisher("k:1", " "))
                .hasMessage("topic must be set, got ' '");
    }
}
