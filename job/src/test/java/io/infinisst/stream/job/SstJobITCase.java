package io.infinisst.stream.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.infinisst.stream.job.functions.FakeTranslator;
import io.infinisst.stream.job.functions.TranslatorFactory;
import io.infinisst.stream.job.records.ChunkRequest;
import io.infinisst.stream.protocol.audio.AudioEncoding;
import io.infinisst.stream.protocol.config.SstConfig;
import io.infinisst.stream.protocol.records.ControlRecord;
import io.infinisst.stream.protocol.records.SessionRequest;
import io.infinisst.stream.protocol.records.SessionRequestSerde;
import io.infinisst.stream.protocol.records.TranslationEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link SstJob}: the whole graph on a MiniCluster, from in-memory requests to collected events. */
class SstJobITCase {
    private static final int CHUNK = ChunkRequest.BASE_CHUNK_SAMPLES;
    private static final int FRAME = 4_000;

    /** Keeps every metric the cluster's jobs register, also after they are cancelled. */
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
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
        config.languages.get(SstConfig.ENGLISH_CHINESE).modelConfig.modelType = "diagnostic";
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

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldBatchWithTheMaxBatchSizeAControlRecordSetsWhileSessionsStream(@TempDir Path dir) throws Exception {
        SstConfig config = new SstConfig();
        config.job.parallelism = 2;
        config.job.checkpointIntervalMs = 100;
        config.serving.maxBatchSize = 1;
        // Batches leave when full or when every session has a chunk waiting, never on time: sizes are exact.
        config.serving.batchTimeoutMs = 30_000;
        config.serving.gpuLanguageMap = new LinkedHashMap<>(Map.of("cpu:0", SstConfig.ENGLISH_CHINESE));
        List<String> ids = List.of("s1", "s2", "s3", "s4");

        // Two chunks per session with max_batch_size 1; then the control record sets 4; then two more chunks and
        // the end (an empty final chunk). The data source holds the second half back until the control record
        // has been emitted and a checkpoint taken after that has completed, i.e. every operator has applied it.
        List<List<SessionRequest>> firstHalf = new ArrayList<>();
        List<List<SessionRequest>> secondHalf = new ArrayList<>();
        for (String id : ids) {
            List<SessionRequest> first = new ArrayList<>();
            first.add(SessionRequest.start(id, System.currentTimeMillis(), SstConfig.ENGLISH_CHINESE, 1, 16_000,
                    AudioEncoding.F32LE, "itcase"));
            first.addAll(audio(id, 1, 2 * CHUNK));
            firstHalf.add(first);
            List<SessionRequest> second = new ArrayList<>(audio(id, first.size(), 2 * CHUNK));
            second.add(SessionRequest.end(id, first.size() + second.size(), System.currentTimeMillis(), "eof"));
            secondHalf.add(second);
        }
        Path go = dir.resolve("go");
        Path controlSent = dir.resolve("control-sent");
        ScriptedSource<SessionRequest> requests = new ScriptedSource<>(SessionRequestSerde::deserialize, List.of(
                ScriptedSource.emit(bytes(interleave(firstHalf))),
                ScriptedSource.awaitFile(controlSent),
                ScriptedSource.awaitCheckpoints(),
                ScriptedSource.emit(bytes(interleave(secondHalf)))));
        ScriptedSource<ControlRecord> control = new ScriptedSource<>(ControlRecord::deserialize, List.of(
                ScriptedSource.awaitFile(go),
                ScriptedSource.emit(List.of(ControlRecord.serialize(new ControlRecord(1, 4, null, null, null)))),
                ScriptedSource.createFile(controlSent)));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Configuration strict = new Configuration();
        strict.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(strict);
        SstJob job = new SstJob(config, requests, control, null, (slot, cfg) -> new FakeTranslator(slot));

        List<TranslationEvent> events = new ArrayList<>();
        JobID jobId;
        try (CloseableIterator<TranslationEvent> it = job.translations(env).collectAsync()) {
            JobClient client = env.executeAsync("sst-job-itcase-control");
            jobId = client.getJobID();
            int finals = 0;
            while (finals < ids.size() && it.hasNext()) {
                TranslationEvent e = it.next();
                events.add(e);
                if (e.last()) {
                    finals++;
                }
                if (events.size() == 2 * ids.size()) {
                    Files.createFile(go); // every chunk of the first half is translated
                }
            }
            client.cancel().get(30, TimeUnit.SECONDS);
        }

        assertThat(events).hasSize(5 * ids.size()).allSatisfy(e -> assertThat(e.error()).isNull());
        assertThat(events).filteredOn(e -> e.chunk() < 2).as("before the control record")
                .hasSize(2 * ids.size()).extracting(TranslationEvent::batchSize).containsOnly(1);
        assertThat(events).filteredOn(e -> e.chunk() >= 2).as("after the control record")
                .hasSize(3 * ids.size()).extracting(TranslationEvent::batchSize).containsOnly(4);

        // The per-slot metrics, as the Web UI and REST API show them: 8 batches of 1, then 3 of 4.
        List<Histogram> batchSizes = slotMetrics(jobId, "batchSize", Histogram.class);
        assertThat(batchSizes.stream().mapToLong(Histogram::getCount).sum()).isEqualTo(11);
        assertThat(batchSizes.stream().mapToLong(h -> h.getStatistics().getMax()).max()).hasValue(4);
        assertThat(slotMetrics(jobId, "queueWaitMs", Histogram.class)).isNotEmpty();
        assertThat(slotMetrics(jobId, "inferenceTimeMs", Histogram.class).stream().mapToLong(Histogram::getCount)
                .sum()).isEqualTo(11);
        assertThat(slotMetrics(jobId, "batchesInFlight", Gauge.class)).isNotEmpty();
        assertThat(slotMetrics(jobId, "sessions", Gauge.class)).singleElement()
                .satisfies(g -> assertThat(g.getValue()).as("every session has ended").isEqualTo(0));
    }

    /** The metrics named {@code name} in the {@code slot} group of slot cpu:0, from every subtask. */
    private static <M extends Metric> List<M> slotMetrics(JobID jobId, String name, Class<M> type) {
        return METRICS.findMetrics(jobId, "slot\\.cpu:0\\." + name + "$").values().stream().map(type::cast)
                .toList();
    }

    private static List<SessionRequest> audio(String id, long firstSeq, int samples) {
        List<SessionRequest> out = new ArrayList<>();
        long seq = firstSeq;
        for (int sent = 0; sent < samples; sent += FRAME) {
            float[] frame = new float[Math.min(FRAME, samples - sent)];
            out.add(SessionRequest.audio(id, seq++, System.currentTimeMillis(), AudioEncoding.F32LE.fromFloats(frame)));
        }
        return out;
    }

    private static List<byte[]> bytes(List<SessionRequest> requests) {
        return requests.stream().map(SessionRequestSerde::serialize).toList();
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
