package io.infinisst.stream.ingress;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

/** Kafka is up when the cluster answers {@code describeCluster} within a short timeout. */
public final class KafkaHealthProbe implements HealthProbe {
    private final String bootstrapServers;
    private final Duration timeout;
    private final LazyAdmin admin;

    public KafkaHealthProbe(String bootstrapServers, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
        this.admin = new LazyAdmin(bootstrapServers, timeout, "sst-ingress-health");
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public synchronized Result check() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("bootstrap_servers", bootstrapServers);
        try {
            int ms = (int) timeout.toMillis();
            DescribeClusterResult r = admin.get().describeCluster(new DescribeClusterOptions().timeoutMs(ms));
            Collection<Node> nodes = r.nodes().get(ms, TimeUnit.MILLISECONDS);
            details.put("brokers", nodes.size());
            details.put("cluster_id", r.clusterId().get(ms, TimeUnit.MILLISECONDS));
            return nodes.isEmpty() ? Result.down("no brokers", details) : Result.up(details);
        } catch (TimeoutException e) {
            return Result.down("no answer within " + timeout.toMillis() + " ms", details);
        } catch (ExecutionException e) {
            return Result.down(String.valueOf(e.getCause().getMessage()), details);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.down("interrupted", details);
        } catch (RuntimeException e) {
            return Result.down(e.toString(), details);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
