package io.infinisst.stream.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests for {@link FlinkJobHealthProbe} against a fake REST API and {@link KafkaHealthProbe} without a broker. */
class HealthProbesTest {
    private final AtomicReference<String> overview = new AtomicReference<>("{\"jobs\":[]}");
    private Javalin flink;

    @BeforeEach
    void start() {
        flink = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/jobs/overview", ctx -> ctx.contentType("application/json").result(overview.get()))
                .start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        flink.stop();
    }

    @Test
    void shouldSeeTheJobUpOnlyWhileAJobIsRunning() {
        FlinkJobHealthProbe probe = new FlinkJobHealthProbe("http://127.0.0.1:" + flink.port() + "/",
                Duration.ofSeconds(2));
        assertThat(probe.name()).isEqualTo("job");
        HealthProbe.Result none = probe.check();
        assertThat(none.up()).isFalse();
        assertThat(none.details().get("error")).isEqualTo("no RUNNING job");

        overview.set("{\"jobs\":[{\"jid\":\"1\",\"name\":\"sst\",\"state\":\"FAILED\"},"
                + "{\"jid\":\"2\",\"name\":\"sst\",\"state\":\"RUNNING\"}]}");
        HealthProbe.Result running = probe.check();
        assertThat(running.up()).isTrue();
        assertThat(running.toJson()).containsEntry("up", true).containsKey("jobs");
    }

    @Test
    void shouldMatchTheJobNameWhenGiven() {
        overview.set("{\"jobs\":[{\"jid\":\"2\",\"name\":\"other\",\"state\":\"RUNNING\"}]}");
        FlinkJobHealthProbe probe = new FlinkJobHealthProbe("http://127.0.0.1:" + flink.port(), "sst",
                Duration.ofSeconds(2));
        assertThat(probe.check().details().get("error")).isEqualTo("no RUNNING job named 'sst'");
    }

    @Test
    void shouldSeeTheJobDownWhenFlinkDoesNotAnswer() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        HealthProbe.Result r = new FlinkJobHealthProbe("http://127.0.0.1:" + closedPort, Duration.ofSeconds(1))
                .check();
        assertThat(r.up()).isFalse();
        assertThat(r.details()).containsKey("error");
    }

    @Test
    void shouldSeeKafkaDownWhenNoBrokerAnswersInTime() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (KafkaHealthProbe probe = new KafkaHealthProbe("127.0.0.1:" + closedPort, Duration.ofMillis(500))) {
            HealthProbe.Result r = probe.check();
            assertThat(probe.name()).isEqualTo("kafka");
            assertThat(r.up()).isFalse();
            assertThat(r.details()).containsEntry("bootstrap_servers", "127.0.0.1:" + closedPort)
                    .containsKey("error");
        }
    }
}
