package io.infinisst.stream.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.infinisst.stream.eval.audio.Wav;
import io.infinisst.stream.eval.client.StreamClient;
import io.infinisst.stream.protocol.config.ConfigLoader;
import io.infinisst.stream.protocol.config.SstConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tests for {@link LocalStack}: the whole pipeline on a real Kafka broker, the Flink job in a
 * MiniCluster, and real WebSocket clients.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LocalStackITCase {
    @RegisterExtension
    static final RunningStack STACK = new RunningStack(cfg -> {
        // The pipeline's mechanics, observed through the diagnostic model's "chunk N" texts.
        cfg.languages.values().forEach(l -> l.modelConfig.modelType = "diagnostic");
        cfg.serving.batchTimeoutMs = 20;
        // Two slots for Chinese so round-robin placement spreads sessions; one for Italian.
        Map<String, String> slots = new LinkedHashMap<>();
        slots.put("cpu:0", SstConfig.ENGLISH_CHINESE);
        slots.put("cpu:1", SstConfig.ENGLISH_CHINESE);
        slots.put("cpu:2", SstConfig.ENGLISH_ITALIAN);
        cfg.serving.gpuLanguageMap = slots;
        cfg.job.checkpointIntervalMs = 2_000;
        assertThat(ConfigLoader.validate(cfg)).isEmpty();
    });

    @Test
    void shouldDeliverEveryChunkOnceInOrderToTheRightSocketForConcurrentSessions() throws Exception {
        record Case(String pair, int multiplier, Wav wav) {}
        List<Case> cases = List.of(
                new Case(SstConfig.ENGLISH_CHINESE, 1, Wav.steppedTone(4.5, 22_050, 220, 0.96)),
                new Case(SstConfig.ENGLISH_CHINESE, 2, Wav.steppedTone(5.0, 16_000, 330, 0.5)),
                new Case(SstConfig.ENGLISH_ITALIAN, 1, Wav.steppedTone(2.5, 44_100, 440, 0.3)));
        ExecutorService pool = Executors.newFixedThreadPool(cases.size());
        try {
            List<Future<StreamClient.Result>> futures = new ArrayList<>();
            for (Case c : cases) {
                StreamClient client = new StreamClient(StreamClient.Options.defaults(STACK.base(), c.pair())
                        .withLatencyMultiplier(c.multiplier()).withSpeed(4.0));
                futures.add(pool.submit(() -> client.stream(c.wav(), t -> {})));
            }
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                StreamClient.Result r = futures.get(i).get(3, TimeUnit.MINUTES);
                double chunkSeconds = 0.96 * c.multiplier();
                int fullChunks = (int) Math.floor(r.audioSeconds() / chunkSeconds);
                int expected = fullChunks + 1; // EOF flushes the partial remainder as the final chunk

                assertThat(r.errors()).as("errors of %s", c).isEmpty();
                assertThat(r.completed()).as("PROCESSING_COMPLETE for %s", c).isTrue();
                assertThat(r.ready()).startsWith("READY").contains(c.pair());
                assertThat(r.translations()).extracting(StreamClient.Received::chunk)
                        .as("chunk indices of %s", c)
                        .containsExactlyElementsOf(range(expected));
                assertThat(r.translations()).allSatisfy(t -> {
                    assertThat(t.sessionId()).isEqualTo(r.sessionId());
                    assertThat(t.text()).contains("chunk " + t.chunk()).doesNotContain("OUT-OF-ORDER");
                });
                assertThat(r.translations()).extracting(StreamClient.Received::last)
                        .containsOnlyOnce(true).last().isEqualTo(true);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldServeTheSeedBrowserClientWithFloatFramesAndPlainTextTranslations() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> init = http.send(HttpRequest.newBuilder(STACK.base().resolve("/init"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"agent_type\": \"InfiniSST\", \"language_pair\": \"English -> Chinese\", "
                                + "\"latency_multiplier\": 1, \"client_id\": \"seed-page\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(init.statusCode()).as(init.body()).isEqualTo(200);
        assertThat(init.body()).contains("\"queued\":false");
        String id = io.infinisst.stream.protocol.records.Json.MAPPER.readTree(init.body()).path("session_id").asText();

        List<String> texts = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<String> complete = new CompletableFuture<>();
        CompletableFuture<String> ready = new CompletableFuture<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(
                URI.create("ws://127.0.0.1:" + STACK.stack().httpPort() + "/wss/" + id), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        String m = data.toString();
                        if (m.startsWith("READY")) {
                            ready.complete(m);
                        } else if (m.startsWith("PROCESSING_COMPLETE")) {
                            complete.complete(m);
                        } else {
                            texts.add(m);
                        }
                        w.request(1);
                        return null;
                    }
                }).join();
        ready.get(30, TimeUnit.SECONDS);
        // The seed page sends 960 * 16 * multiplier float samples per frame: 2.5 frames of a tone.
        float[] tone = Wav.steppedTone(2.4, 16_000, 250, 0.96).samples();
        int frame = 960 * 16;
        for (int off = 0; off < tone.length; off += frame) {
            float[] part = java.util.Arrays.copyOfRange(tone, off, Math.min(tone.length, off + frame));
            ws.sendBinary(java.nio.ByteBuffer.wrap(
                    io.infinisst.stream.protocol.audio.AudioEncoding.F32LE.fromFloats(part)), true).join();
        }
        ws.sendText("EOF", true).join();
        assertThat(complete.get(60, TimeUnit.SECONDS)).startsWith("PROCESSING_COMPLETE");
        assertThat(texts).hasSize(3);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(texts.get(i)).contains("chunk " + i).doesNotStartWith("{");
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void shouldCloseAnUnknownSessionsSocketWithCode4000() throws Exception {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + STACK.stack().httpPort() + "/wss/no-such-session"),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                                closed.complete(code);
                                return null;
                            }
                        })
                .join();
        assertThat(closed.get(30, TimeUnit.SECONDS)).isEqualTo(4000);
    }

    @Test
    void shouldReportKafkaAndTheJobHealthy() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(STACK.base().resolve("/health")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ok\"");
    }

    @Test
    void shouldShowTheRunningJobInTheFlinkWebUi() throws Exception {
        HttpResponse<String> jobs = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(STACK.stack().webUiUrl() + "/jobs/overview")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(jobs.statusCode()).isEqualTo(200);
        assertThat(jobs.body()).contains("\"name\":\"InfiniSST Stream\"", "\"state\":\"RUNNING\"");
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(STACK.stack().webUiUrl() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).containsIgnoringCase("<html");
    }

    private static List<Long> range(int n) {
        List<Long> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}
