package io.infinisst.stream.ingress;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A Kafka admin client created on first use and kept: a new client per request would reconnect every time,
 * and a broker that is down at start must not keep the ingress from starting.
 */
final class LazyAdmin implements AutoCloseable {
    private final String bootstrapServers;
    private final Duration timeout;
    private final String clientId;
    private Admin admin;

    LazyAdmin(String bootstrapServers, Duration timeout, String clientId) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
        this.clientId = clientId;
    }

    synchronized Admin get() {
        if (admin == null) {
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
            p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
            p.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
            admin = Admin.create(p);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }
}
