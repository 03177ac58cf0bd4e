package io.infinisst.stream.job.kafka;

import io.infinisst.stream.protocol.records.TranslationEvent;
import io.infinisst.stream.protocol.records.TranslationEventSerde;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes translation events to {@code sst.translations} as {@link TranslationEventSerde} JSON, keyed by session id
 * so a session's events stay in order on one partition for the egress.
 */
public class TranslationEventSerializer implements KafkaRecordSerializationSchema<TranslationEvent> {
    private static final long serialVersionUID = 1L;

    private final String topic;

    public TranslationEventSerializer(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(TranslationEvent event, KafkaSinkContext context,
            Long timestamp) {
        return new ProducerRecord<>(topic, null, timestamp, event.sessionId().getBytes(StandardCharsets.UTF_8),
                TranslationEventSerde.serialize(event));
    }
}
