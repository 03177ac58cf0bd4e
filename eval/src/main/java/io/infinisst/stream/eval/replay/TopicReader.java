package io.infinisst.stream.eval.replay;

import io.infinisst.stream.protocol.records.MalformedRecordException;
import io.infinisst.stream.protocol.records.SessionRequest;
import io.infinisst.stream.protocol.records.SessionRequestSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads recorded sessions from the requests topic: every partition from its beginning up to its end offset at
 * the time of the call (records published later are not waited for), without a consumer group, so reading
 * neither commits offsets nor disturbs the job's group.
 */
public final class TopicReader {
    private TopicReader() {}

    /**
     * @param wanted which session ids to keep
     * @param timeout overall limit for reading to the end offsets
     * @return the sessions found, in the order their first record was met; a session whose START was not
     *     found (e.g. deleted by retention) is left out
     * @throws IllegalStateException when the topic does not exist or the end is not reached in time
     */
    public static Map<String, RecordedSession> read(String bootstrapServers, String topic, Predicate<String> wanted,
            Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "sst-replay-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        Map<String, List<SessionRequest>> bySession = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " not found on " + bootstrapServers);
            }
            List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(parts, timeout));
            end.entrySet().removeIf(e -> consumer.position(e.getKey(), timeout) >= e.getValue());
            while (!end.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " did not reach the end offsets within "
                            + timeout + "; left: " + end);
                }
                for (ConsumerRecord<String, byte[]> rec : consumer.poll(Duration.ofMillis(200))) {
                    SessionRequest r;
                    try {
                        r = SessionRequestSerde.deserialize(rec.value());
                    } catch (MalformedRecordException e) {
                        continue; // not a session record; the job skips these too
                    }
                    if (wanted.test(r.sessionId())) {
                        bySession.computeIfAbsent(r.sessionId(), k -> new ArrayList<>()).add(r);
                    }
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey(), timeout) >= e.getValue());
            }
        }
        Map<String, RecordedSession> out = new LinkedHashMap<>();
        bySession.forEach((id, records) -> {
            if (records.stream().anyMatch(r -> r.type() == io.infinisst.stream.protocol.records.RequestType.START)) {
                out.put(id, new RecordedSession(id, dedupe(records), null));
            }
        });
        return out;
    }

    /** A producer retry can publish a record twice; the sequence number identifies it. */
    private static List<SessionRequest> dedupe(List<SessionRequest> records) {
        Map<Long, SessionRequest> bySeq = new LinkedHashMap<>();
        records.forEach(r -> bySeq.putIfAbsent(r.seq(), r));
        return new ArrayList<>(bySeq.values());
    }
}
