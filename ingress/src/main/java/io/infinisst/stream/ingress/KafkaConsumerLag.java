package io.infinisst.stream.ingress;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The job's consumer lag from the broker's books: per partition of the requests topic, the latest offset
 * minus the offset the job's group ({@code job.consumer_group}) committed. The Flink Kafka source commits on
 * each checkpoint, so this lag includes up to one checkpoint interval of records already processed: it shows
 * a growing backlog, not the exact position of the running job.
 */
public final class KafkaConsumerLag implements ConsumerLag {
    private final String topic;
    private final String group;
    private final Duration timeout;
    private final LazyAdmin admin;

    public KafkaConsumerLag(String bootstrapServers, String topic, String group, Duration timeout) {
        this.topic = topic;
        this.group = group;
        this.timeout = timeout;
        this.admin = new LazyAdmin(bootstrapServers, timeout, "sst-ingress-lag");
    }

    @Override
    public synchronized Map<String, Object> measure() {
        long ms = timeout.toMillis();
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.get().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(ms, TimeUnit.MILLISECONDS);
            TopicDescription description = admin.get().describeTopics(List.of(topic)).allTopicNames()
                    .get(ms, TimeUnit.MILLISECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()),
                    OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.get().listOffsets(latest).all().get(ms, TimeUnit.MILLISECONDS);
            Map<Integer, Long> endOffsets = new TreeMap<>();
            ends.forEach((tp, info) -> endOffsets.put(tp.partition(), info.offset()));
            Map<Integer, Long> committedOffsets = new TreeMap<>();
            committed.forEach((tp, om) -> {
                if (tp.topic().equals(topic) && om != null) {
                    committedOffsets.put(tp.partition(), om.offset());
                }
            });
            return lag(topic, group, committedOffsets, endOffsets);
        } catch (TimeoutException e) {
            return unavailable(topic, group, "Kafka did not answer within " + ms + " ms");
        } catch (ExecutionException e) {
            return unavailable(topic, group, String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(topic, group, "interrupted");
        } catch (RuntimeException e) {
            return unavailable(topic, group, e.toString());
        }
    }

    /**
     * The lag from committed and end offsets by partition. A partition the group has not committed on yet
     * counts its whole end offset (the source starts from the earliest record when nothing is committed).
     */
    static Map<String, Object> lag(String topic, String group, Map<Integer, Long> committed,
            Map<Integer, Long> endOffsets) {
        if (committed.isEmpty()) {
            return unavailable(topic, group, "consumer group '" + group + "' has committed no offsets on " + topic
                    + " (the job commits them on each checkpoint)");
        }
        Map<String, Object> partitions = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<Integer, Long> e : endOffsets.entrySet()) {
            long lag = Math.max(0, e.getValue() - committed.getOrDefault(e.getKey(), 0L));
            partitions.put(String.valueOf(e.getKey()), lag);
            total += lag;
        }
        Map<String, Object> m = head(topic, group);
        m.put("total", total);
        m.put("partitions", partitions);
        return m;
    }

    static Map<String, Object> unavailable(String topic, String group, String reason) {
        Map<String, Object> m = head(topic, group);
        m.put("total", null);
        m.put("reason", reason);
        return m;
    }

    private static Map<String, Object> head(String topic, String group) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("group", group);
        m.put("topic", topic);
        return m;
    }

    @Override
    public void close() {
        admin.close();
    }
}
