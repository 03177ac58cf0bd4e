package io.infinisst.stream.egress;

import io.infinisst.stream.protocol.records.MalformedRecordException;
import io.infinisst.stream.protocol.records.TranslationEvent;
import io.infinisst.stream.protocol.records.TranslationEventSerde;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the translations topic into a {@link TranslationHub}. It assigns itself every partition and starts
 * at the end, without a consumer group: each egress process wants every session's events from now on, and
 * events produced before it started have no client waiting here. Malformed records are logged, counted and
 * skipped, never allowed to stop the loop.
 */
public final class TranslationConsumer implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TranslationConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Properties properties;
    private final String topic;
    private final Consumer<TranslationEvent> sink;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean started;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    public TranslationConsumer(String bootstrapServers, String topic, TranslationHub hub) {
        this(bootstrapServers, topic, hub, new Properties());
    }

    /** @param overrides consumer properties that replace the defaults (e.g. security settings) */
    public TranslationConsumer(String bootstrapServers, String topic, TranslationHub hub, Properties overrides) {
        this(consumerProperties(bootstrapServers, overrides), topic, hub::accept);
    }

    TranslationConsumer(Properties properties, String topic, Consumer<TranslationEvent> sink) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must be set, got '" + topic + "'");
        }
        this.properties = properties;
        this.topic = topic;
        this.sink = sink;
    }

    static Properties consumerProperties(String bootstrapServers, Properties overrides) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers must be set, got '" + bootstrapServers + "'");
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // A translation is small and late ones are useless: fetch as soon as anything is there.
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "sst-egress");
        if (overrides != null) {
            p.putAll(overrides);
        }
        return p;
    }

    /** Starts {@link #run()} on a daemon thread. */
    public Thread start() {
        Thread t = new Thread(this, "translation-consumer");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits until every partition is assigned and positioned at its end; events produced after that are seen. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public long received() {
        return received.get();
    }

    public long malformed() {
        return malformed.get();
    }

    @Override
    public void run() {
        started = true;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(properties)) {
            consumer = c;
            if (closed) {
                return;
            }
            List<TopicPartition> partitions = awaitPartitions(c);
            if (partitions == null) {
                return;
            }
            c.assign(partitions);
            c.seekToEnd(partitions);
            // seekToEnd is lazy; resolving positions now makes "ready" mean "nothing later is missed".
            partitions.forEach(c::position);
            LOG.info("consuming {} ({} partitions) from the end", topic, partitions.size());
            ready.countDown();
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
                    handle(r.value());
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                LOG.error("translation consumer woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("translation consumer of {} stopped", topic, e);
        } finally {
            stopped.countDown();
        }
    }

    /** One record value: decoded into the sink, or counted as malformed and skipped. */
    void handle(byte[] value) {
        received.incrementAndGet();
        TranslationEvent event;
        try {
            event = TranslationEventSerde.deserialize(value);
        } catch (MalformedRecordException e) {
            malformed.incrementAndGet();
            LOG.warn("skipping malformed record on {}: {}", topic, e.getMessage());
            return;
        }
        try {
            sink.accept(event);
        } catch (RuntimeException e) {
            LOG.error("hub rejected {} chunk {}", event.sessionId(), event.chunk(), e);
        }
    }

    /** The topic may not exist yet when the egress starts before the system creates it: wait for it. */
    private List<TopicPartition> awaitPartitions(KafkaConsumer<byte[], byte[]> c) {
        long backoff = 200;
        while (!closed) {
            try {
                List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
                }
                LOG.info("topic {} has no partitions yet; waiting", topic);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                LOG.info("topic {} not reachable yet: {}", topic, e.getMessage());
            }
            try {
                Thread.sleep(backoff); // a retry backoff, not a test wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            backoff = Math.min(backoff * 2, 2_000);
        }
        return null;
    }

    /** Stops the loop and waits briefly for the consumer to close. */
    @Override
    public void close() {
        closed = true;
        if (!started) {
            return;
        }
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
