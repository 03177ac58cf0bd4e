package io.infinisst.stream.ingress;

import io.infinisst.stream.protocol.records.ControlRecord;
import io.infinisst.stream.protocol.records.MalformedRecordException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

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
    private final String bootstrapServers;
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
        this.bootstrapServers = bootstrapServers;
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

    /**
     * Reads the control topic from its beginning to its current end (no consumer group: nothing is committed),
     * in publication order; records that do not parse are skipped, as the job skips them. A topic that does
     * not exist yet has no history.
     */
    @Override
    public List<ControlRecord> history() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "sst-ingress-control-history");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                return List.of();
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new PublishException("cannot read " + topic + " to its end within " + timeout.toMillis() + " ms", null);
                }
                consumer.poll(Duration.ofMillis(100)).forEach(read::add);
            }
        } catch (KafkaException e) {
            throw new PublishException("cannot read the history of " + topic + ": " + e.getMessage(), e);
        }
        // Every record has one key, so one partition; the sort only matters for a topic written otherwise.
        read.sort(Comparator.comparingLong(ConsumerRecord<String, byte[]>::timestamp)
                .thenComparingLong(ConsumerRecord::offset));
        List<ControlRecord> out = new ArrayList<>(read.size());
        for (ConsumerRecord<String, byte[]> r : read) {
            try {
                out.add(ControlRecord.deserialize(r.value()));
            } catch (MalformedRecordException e) {
                // skipped, like the job's deserializer
            }
        }
        return out;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
