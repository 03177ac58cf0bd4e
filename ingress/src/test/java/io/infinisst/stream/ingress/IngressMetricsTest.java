package io.infinisst.stream.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.infinisst.stream.protocol.config.SstConfig;
import io.infinisst.stream.protocol.records.RequestType;
import io.infinisst.stream.protocol.testing.TestSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests for {@link IngressMetrics} as {@code GET /metrics} exposes them. */
class IngressMetricsTest {
    private IngressFixture f;

    @BeforeEach
    void start() {
        f = new IngressFixture();
        f.config.serving.maxSessionsPerSlot = 1;
        f.start(Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private String scrape() throws Exception {
        HttpResponse<String> r = f.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        return r.body();
    }

    @Test
    void shouldExposeSessionsFramesBytesRecordsAndSocketsInPrometheusFormat() throws Exception {
        String id = f.init("{}");
        f.init("{}"); // queued behind id
        TestSocket s = TestSocket.connect(f.http, f.ws("/wss/" + id));
        s.next();
        s.sendBinary(new byte[400]);
        s.sendBinary(new byte[800]);
        f.publisher.awaitRecords(id, RequestType.AUDIO, 2);

        String text = scrape();
        String zh = "{pair=\"" + SstConfig.ENGLISH_CHINESE + "\"}";
        assertThat(text).contains("# TYPE sst_ingress_audio_frames_total counter")
                .contains("sst_ingress_audio_frames_total 2.0")
                .contains("sst_ingress_audio_bytes_total 1200.0")
                .contains("sst_ingress_records_published_total 3.0") // START + 2 AUDIO
                .contains("sst_ingress_publish_failures_total 0.0")
                .contains("sst_ingress_sessions_active" + zh + " 1.0")
                .contains("sst_ingress_sessions_queued" + zh + " 1.0")
                .contains("sst_ingress_sockets 1.0");
    }

    @Test
    void shouldCountPublishFailures() throws Exception {
        f.publisher.failing = true;
        f.post("/init", "{}");
        assertThat(scrape()).contains("sst_ingress_publish_failures_total 1.0");
        await().atMost(Duration.ofSeconds(10)).until(() -> scrape().contains("sst_ingress_sessions_active{pair=\""
                + SstConfig.ENGLISH_CHINESE + "\"} 0.0"));
    }
}
