package io.infinisst.stream.embedded;

import io.infinisst.stream.protocol.config.SstConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the system's topics with their configured partition counts, so nothing depends on a
 * broker's auto-creation defaults. Existing topics are kept; one with fewer partitions than
 * configured is reported, since a session's records must not move partitions mid-stream.
 */
public final class KafkaTopics {
    private KafkaTopics() {}

    public static void ensure(SstConfig config) {
        SstConfig.Cluster c = config.cluster;
        Map<String, Integer> wanted = Map.of(
                c.requestsTopic, c.requestsPartitions,
                c.translationsTopic, c.translationsPartitions,
                c.controlTopic, c.controlPartitions);
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(p)) {
            List<NewTopic> topics = new ArrayList<>();
            wanted.forEach((name, partitions) -> topics.add(new NewTopic(name, partitions, (short) 1)));
            for (var e : admin.createTopics(topics).values().entrySet()) {
                try {
                    e.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + e.getKey() + ": " + ex.getCause(), ex);
                    }
                }
            }
            Map<String, TopicDescription> described = admin.describeTopics(wanted.keySet()).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            described.forEach((name, d) -> {
                if (d.partitions().size() < wanted.get(name)) {
                    throw new IllegalStateException("topic " + name + " has " + d.partitions().size()
                            + " partitions, configured " + wanted.get(name));
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + c.bootstrapServers + " to create topics: " + e, e);
        }
    }
}
