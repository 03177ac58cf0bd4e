package io.infinisst.stream.ingress;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infinisst.stream.protocol.records.ControlRecord;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Tests for {@link KafkaControlPublisher}'s failures; the broker round trip is the launcher's ITCase. */
class KafkaControlPublisherTest {

    @Test
    void shouldRejectAMissingTopic() {
        assertThatThrownBy(() -> new KafkaControlPublisher("k:1", ""))
                .hasMessage("control topic must be set, got ''");
    }

    @Test
    void shouldFailWithinItsTimeoutWhenNoBrokerAnswers() {
        try (KafkaControlPublisher p = new KafkaControlPublisher("127.0.0.1:1", "sst.control",
                Duration.ofMillis(300), new Properties())) {
            assertThatThrownBy(() -> p.publish(new ControlRecord(1, 8, null, null, null)))
                    .isInstanceOf(PublishException.class).hasMessageContaining("sst.control");
        }
    }
}
