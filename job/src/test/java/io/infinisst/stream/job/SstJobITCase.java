package io.infinisst.stream.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.infinisst.stream.job.functions.FakeTranslator;
import io.infinisst.stream.job.functions.TranslatorFactory;
import io.infinisst.stream.job.records.ChunkRequest;
import io.infinisst.stream.protocol.audio.AudioEncoding;
import io.infinisst.stream.protocol.config.SstConfig;
import io.infinisst.stream.protocol.records.SessionRequest;
import io.infinisst.stream.protocol.records.TranslationEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tests for {@link SstJob}: the whole graph on a MiniCluster, from in-memory requests to collected events. */
class SstJobITCase {
    private static final int CHUNK = ChunkRequest.BASE_CHUNK_SAMPLES;
    private static final int FRAME = 4_000;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldTranslateEveryChunkOfEverySessionOnceAndInOrder() throws Exception {
        SstConfig config = new SstConfig();
        config.job.parallelism = 2;
        config.job.checkpointIntervalMs = 500;
        config.serving.maxBatchSize = 2;
        config.serving.batchTimeoutMs = 20;
        config.serving.maxInflightBatchesPerSlot = 2;
        Map<String, String> slots = new LinkedHashMap<>();
        slots.put("cpu:0", SstConfig.ENGLISH_CHINESE);
        slots.put("cpu:1", SstConfig.ENGLISH_CHINESE);
        slots.put("cpu:2", SstConfig.ENGLISH_ITALIAN);
        config.serving.gpuLanguageMap = slots;

        // Three interleaved sessions: 2.5 chunks of 48 kHz s16, exactly 3 chunks (so an empty final chunk), and
        // half a chunk at multiplier 2 for the Italian slot.
        Map<String, Integer> expectedChunks = Map.of("zh-a", 3, "zh-b", 4, "it-c", 1);
        List<List<SessionRequest>> sessions = List.of(
                session("zh-a", SstConfig.ENGLISH_CHINESE, 1, 48_000, AudioEncoding.S16LE, 5 * CHUNK * 3 / 2),
                session("zh-b", SstConfig.ENGLISH_CHINESE, 1, 16_000, AudioEncoding.F32LE, 3 * CHUNK),
                session("it-c", SstConfig.ENGLISH_ITALIAN, 2, 16_000, AudioEncoding.F32LE, CHUNK));
        List<SessionRequest> requests = interleave(sessions);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Configuration strict = new Configuration();
        strict.set(PipelineOptions.GENERIC_TYPES, false); // any Kryo fallback fails the job
        env.configure(strict);
        TranslatorFactory fake = (slot, cfg) -> new FakeTranslator(slot);
        SstJob job = new SstJob(config, new ReplaySource(requests), null, fake);

        Map<String, List<TranslationEvent>> bySession = new HashMap<>();
        try (CloseableIterator<TranslationEvent> events = job.translations(env).collectAsync()) {
            JobClient client = env.executeAsync("sst-job-itcase");
            int finals = 0;
            while (finals < sessions.size() && events.hasNext()) {
                TranslationEvent e = events.next();
                bySession.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(e);
                if (e.last()) {
                    finals++;
                }
            }
            client.cancel().get(30, TimeUnit.SECONDS);
        }

        assertThat(bySession).containsOnlyKeys("zh-a", "zh-b", "it-c");
        bySession.forEach((session, events) -> {
            int n = expectedChunks.get(session);
            assertThat(events).as(session).extracting(TranslationEvent::chunk)
                    .containsExactlyElementsOf(LongStream.range(0, n).boxed().toList());
            assertThat(events).as(session).extracting(TranslationEvent::last)
                    .containsExactlyElementsOf(LongStream.range(0, n).mapToObj(i -> i == n - 1).toList());
            assertThat(events).as(session).allSatisfy(e -> {
                assertThat(e.error()).isNull();
                assertThat(e.text()).startsWith(session + "#" + e.chunk() + ":");
                assertThat(e.batchSize()).isBetween(1, 2);
                assertThat(e.inferenceEndMs()).isGreaterThanOrEqualTo(e.inferenceStartMs());
            });
            assertThat(events).as(session + " stays on one slot").extracting(TranslationEvent::slot)
                    .containsOnly(events.get(0).slot());
        });
        assertThat(bySession.get("it-c").get(0).slot()).isEqualTo("cpu:2");
        assertThat(bySession.get("zh-a").get(0).slot()).isNotEqualTo(bySession.get("zh-b").get(0).slot());
        assertThat(bySession.get("zh-b").get(3).text()).as("empty final chunk").endsWith(":0");
        assertThat(bySession.get("zh-a").get(2).audioEndMs()).isEqualTo(2400);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldServeASessionWithTheConfiguredDiagnosticModel() throws Exception {
        SstConfig config = new SstConfig();
        config.job.checkpointIntervalMs = 1_000;
        config.serving.batchTimeoutMs = 5;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        SstJob job = new SstJob(config, new ReplaySource(
                session("real", SstConfig.ENGLISH_CHINESE, 1, 16_000, AudioEncoding.F32LE, CHUNK + 100)), null);

        List<TranslationEvent> events = new ArrayList<>();
        try (CloseableIterator<TranslationEvent> it = job.translations(env).collectAsync()) {
            JobClient client = env.executeAsync("sst-job-itcase-diagnostic");
            while (it.hasNext()) {
                TranslationEvent e = it.next();
                events.add(e);
                if (e.last()) {
                    break;
                }
            }
            client.cancel().get(30, TimeUnit.SECONDS);
        }

        assertThat(events).extracting(TranslationEvent::chunk).containsExactly(0L, 1L);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.error()).isNull();
            assertThat(e.slot()).isEqualTo("cpu:0");
        });
    }

    private static List<SessionRequest> session(String id, String pair, int multiplier, int rate,
            AudioEncoding encoding, int samples) {
        List<SessionRequest> out = new ArrayList<>();
        out.add(SessionRequest.start(id, System.currentTimeMillis(), pair, multiplier, rate, encoding, "itcase"));
        long seq = 1;
        for (int sent = 0; sent < samples; sent += FRAME) {
            float[] frame = new float[Math.min(FRAME, samples - sent)];
            out.add(SessionRequest.audio(id, seq++, System.currentTimeMillis(), encoding.fromFloats(frame)));
        }
        out.add(SessionRequest.end(id, seq, System.currentTimeMillis(), "eof"));
        return out;
    }

    private static List<SessionRequest> interleave(List<List<SessionRequest>> sessions) {
        List<SessionRequest> out = new ArrayList<>();
        int longest = sessions.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (List<SessionRequest> s : sessions) {
                if (i < s.size()) {
                    out.add(s.get(i));
                }
            }
        }
        return out;
    }
}
