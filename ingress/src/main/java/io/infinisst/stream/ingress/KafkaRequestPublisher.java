package io.infinisst.stream.ingress;

import io.infinisst.stream.protocol.records.SessionRequest;
import io.infinisst.stream.protocol.records.SessionRequestSerde;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes session records to the requests topic, keyed by session id so a session's START, AUDIO and
 * END stay in order on one partition. Idempotence with {@code acks=all} keeps retries from duplicating or
 * reordering audio; {@code linger.ms=0} because every millisecond here is chunk latency.
 */
public final class KafkaRequestPublisher implements RequestPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaRequestPublisher.class);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public KafkaRequestPublisher(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, new Properties());
    }

    /** @param overrides producer properties that replace the defaults */
    public KafkaRequestPublisher(String bootstrapServers, String topic, Properties overrides) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must be set, got '" + topic + "'");
        }
        this.topic = topic;
        this.producer = new KafkaProducer<>(producerProperties(bootstrapServers, overrides));
    }

    static Properties producerProperties(String bootstrapServers, Properties overrides) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers must be set, got '" + bootstrapServers + "'");
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        // An unreachable broker should fail /init in seconds, not hang a request thread for a minute.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "sst-ingress");
        if (overrides != null) {
            p.putAll(overrides);
        }
        return p;
    }

    @Override
    public void send(SessionRequest request) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, request.sessionId(), SessionRequestSerde.serialize(request));
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    failed.incrementAndGet();
                    LOG.error("could not publish {} to {}", request, topic, error);
                } else {
                    sent.incrementAndGet();
                }
            });
        } catch (KafkaException e) {
            failed.incrementAndGet();
            throw new PublishException("cannot publish to " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Records the broker acknowledged. */
    @Override
    public long sent() {
        return sent.get();
    }

    /** Records that could not be published. */
    @Override
    public long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
