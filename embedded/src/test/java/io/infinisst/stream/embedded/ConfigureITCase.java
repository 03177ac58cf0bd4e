package io.infinisst.stream.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infinisst.stream.eval.audio.Wav;
import io.infinisst.stream.eval.client.StreamClient;
import io.infinisst.stream.ingress.KafkaControlPublisher;
import io.infinisst.stream.protocol.config.SstConfig;
import io.infinisst.stream.protocol.records.ControlRecord;
import io.infinisst.stream.protocol.records.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tests for runtime configuration through the whole stack: {@code POST /configure} → {@code sst.control} →
 * the job's broadcast state, observed in the batch sizes {@code GET /stats} reports.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConfigureITCase {
    private static final int SESSIONS = 12;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final RunningStack STACK = new RunningStack(cfg -> {
        // The pipeline's mechanics, observed through the diagnostic model's "chunk N" texts.
        cfg.languages.values().forEach(l -> l.modelConfig.modelType = "diagnostic");
        Map<String, String> slots = new LinkedHashMap<>();
        slots.put("cpu:0", SstConfig.ENGLISH_CHINESE); // one slot: every chunk meets in the same batcher
        cfg.serving.gpuLanguageMap = slots;
        cfg.languages.remove(SstConfig.ENGLISH_ITALIAN);
        cfg.serving.maxBatchSize = 4;
        cfg.serving.batchTimeoutMs = 200;
    });

    @Test
    void shouldApplyANewMaxBatchSizeWhileRunningWithoutARestart() throws Exception {
        streamWave();
        assertThat(batchSizesSeen()).as("batch sizes under max_batch_size 4").contains(4).allMatch(n -> n <= 4);

        HttpResponse<String> configured = HTTP.send(HttpRequest.newBuilder(STACK.base().resolve("/configure"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"max_batch_size\": 8}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(configured.statusCode()).as(configured.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(configured.body()).path("max_batch_size").asInt()).isEqualTo(8);

        streamWave();
        assertThat(batchSizesSeen()).as("batch sizes after max_batch_size 8").contains(8).allMatch(n -> n <= 8);
        JsonNode stats = stats();
        assertThat(stats.path("configuration").path("max_batch_size").asInt()).isEqualTo(8);

        // What an ingress started now would read back from sst.control, as the job does.
        try (KafkaControlPublisher fresh = new KafkaControlPublisher(STACK.stack().bootstrapServers(),
                STACK.stack().config().cluster.controlTopic)) {
            assertThat(fresh.history()).extracting(ControlRecord::maxBatchSize).containsExactly(8);
        }
    }

    @Test
    void shouldRefuseAnInvalidChangeNamingTheValue() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(STACK.base().resolve("/configure"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"max_batch_size\": 0}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("max_batch_size", "got 0");
    }

    /** Streams {@link #SESSIONS} sessions at once in real time (their chunks meet in the batcher) and waits for them all. */
    private static void streamWave() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
        try {
            List<Future<StreamClient.Result>> results = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                StreamClient client = new StreamClient(StreamClient.Options.defaults(STACK.base(), SstConfig.ENGLISH_CHINESE)
                        .withLatencyMultiplier(1).withSpeed(1.0));
                results.add(pool.submit(() -> client.stream(Wav.steppedTone(5.0, 16_000, 300, 0.5), t -> {})));
            }
            for (Future<StreamClient.Result> f : results) {
                StreamClient.Result r = f.get(2, TimeUnit.MINUTES);
                assertThat(r.completed()).as("session %s: %s", r.sessionId(), r.errors()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every batch size the pipeline has run so far (the all-time histogram's keys). */
    private static List<Integer> batchSizesSeen() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        stats().path("pipeline").path("batch_size_histogram").fieldNames()
                .forEachRemaining(k -> sizes.add(Integer.parseInt(k)));
        return sizes;
    }

    private static JsonNode stats() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(STACK.base().resolve("/stats")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }
}
