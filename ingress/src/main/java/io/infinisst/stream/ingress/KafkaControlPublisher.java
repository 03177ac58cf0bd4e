package io.infinisst.stream.ingress;

import io.infinisst.stream.protocol.records.ControlRecord;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Publishes control records to the control topic under the one key {@value #KEY}, so every change lands on
 * one partition and the job applies them in the order they were accepted. Each send waits for the broker's
 * acknowledgement: changes are rare, and the caller must know whether the job will see this one.
 */
public final class KafkaControlPublisher implements ControlPublisher {
    /** The key of every record: one partition, one order. */
    public static final String KEY = "serving";

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final Duration timeout;

    public KafkaControlPublisher(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, Duration.ofSeconds(5), new Properties());
    }

    /**
     * @param timeout longest wait for the acknowledgement
     * @param overrides producer properties that replace the defaults
     */
    public KafkaControlPublisher(String bootstrapServers, String topic, Duration timeout, Properties overrides) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("control topic must be set, got '" + topic + "'");
        }
        this.topic = topic;
        this.timeout = timeout;
        Properties p = KafkaRequestPublisher.producerProperties(bootstrapServers, overrides);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "sst-ingress-control");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeout.toMillis()));
        if (overrides != null) {
            p.putAll(overrides);
        }
        this.producer = new KafkaProducer<>(p);
    }

    @Override
    public void publish(ControlRecord record) {
        try {
            producer.send(new ProducerRecord<>(topic, KEY, ControlRecord.serialize(record)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (KafkaException e) {
            throw new PublishException("cannot publish to " + topic + ": " + e.getMessage(), e);
        } catch (ExecutionException e) {
            throw new PublishException("cannot publish to " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishException("no acknowledgement from " + topic + " within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while publishing to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
