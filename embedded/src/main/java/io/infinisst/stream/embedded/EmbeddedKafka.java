package io.infinisst.stream.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one node) running in this JVM — the
 * same server code as a production broker, not a mock. Its log directory is a fresh temporary folder
 * unless one is given, and is deleted on close when it was temporary.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaRaftServer server;
    private final Path logDir;
    private final boolean temporary;
    private final String bootstrapServers;

    private EmbeddedKafka(KafkaRaftServer server, Path logDir, boolean temporary, String bootstrapServers) {
        this.server = server;
        this.logDir = logDir;
        this.temporary = temporary;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats storage and starts the broker.
     *
     * @param port client port (0 = any free port)
     * @param logDir where to keep the log; null = a temporary folder deleted on close
     */
    public static EmbeddedKafka start(int port, Path logDir) {
        long t0 = System.nanoTime();
        boolean temporary = logDir == null;
        try {
            Path dir = temporary ? Files.createTempDirectory("sst-kafka-") : Files.createDirectories(logDir);
            int clientPort = port == 0 ? freePort() : port;
            int controllerPort = freePort();
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("log.dirs", dir.toString());
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "4");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            p.put("min.insync.replicas", "1");
            p.put("num.partitions", "1");
            // A consumer group of one member should start at once, not after the 3 s default delay.
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("auto.create.topics.enable", "false");
            Path props = dir.resolve("server.properties");
            if (!Files.exists(dir.resolve("meta.properties"))) {
                try (var out = Files.newBufferedWriter(props)) {
                    p.store(out, "InfiniSST Stream embedded broker");
                }
                ByteArrayOutputStream captured = new ByteArrayOutputStream();
                int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                        props.toString(), "--standalone", "--ignore-formatted"},
                        new PrintStream(captured, true, StandardCharsets.UTF_8));
                if (rc != 0) {
                    throw new IllegalStateException("formatting Kafka storage in " + dir + " failed: "
                            + captured.toString(StandardCharsets.UTF_8));
                }
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p, false), Time.SYSTEM);
            server.startup();
            String bootstrap = "127.0.0.1:" + clientPort;
            LOG.info("Kafka broker up at {} in {} ms (log dir {})", bootstrap, (System.nanoTime() - t0) / 1_000_000,
                    dir);
            return new EmbeddedKafka(server, dir, temporary, bootstrap);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Kafka log directory", e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (temporary) {
            Folders.deleteRecursively(logDir);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
