package io.infinisst.stream.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infinisst.stream.embedded.cli.SstCommand;
import io.infinisst.stream.eval.replay.RecordFile;
import io.infinisst.stream.eval.replay.RecordedSession;
import io.infinisst.stream.eval.replay.TopicReader;
import io.infinisst.stream.eval.report.SessionsLog;
import io.infinisst.stream.protocol.records.Json;
import io.infinisst.stream.protocol.records.SessionRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Tests for {@code sst eval} and {@code sst replay} ({@code EvalCommand}, {@code ReplayCommand}) against the
 * embedded stack: the basic test's pass table and report, and a recorded session replayed byte for byte with
 * its recorded timing.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EvalITCase {
    @TempDir
    Path tmp;

    @RegisterExtension
    static final RunningStack STACK = new RunningStack(cfg -> {
        // The pipeline's mechanics, observed through the diagnostic model's "chunk N" texts.
        cfg.languages.values().forEach(l -> l.modelConfig.modelType = "diagnostic");
        cfg.serving.batchTimeoutMs = 20;
    });

    private static String url() {
        return STACK.base().toString();
    }

    /** Runs {@code sst <args>}; answers the exit code and what it printed. */
    private static Map.Entry<Integer, String> sst(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new SstCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        int rc = cl.execute(args);
        return Map.entry(rc, out.toString());
    }

    @Test
    void shouldPassTheBasicTestForEveryPairAndWriteTheReport() throws Exception {
        Path out = tmp.resolve("basic");
        Map.Entry<Integer, String> r = sst("eval", "--basic-test-only", "--url", url(), "--out", out.toString());

        assertThat(r.getKey()).as(r.getValue()).isZero();
        assertThat(r.getValue()).contains("English -> Chinese").contains("English -> Italian")
                .contains("2/2 language pairs passed");
        assertThat(r.getValue().lines().filter(l -> l.contains(" PASS "))).hasSize(2);
        JsonNode summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("mode").asText()).isEqualTo("basic");
        assertThat(summary.path("passed").asBoolean()).isTrue();
        assertThat(summary.path("model").asText()).startsWith("diagnostic");
        assertThat(summary.path("basic")).hasSize(2).allSatisfy(c -> assertThat(c.path("passed").asBoolean()).isTrue());
        assertThat(summary.path("overall").path("chunks").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(summary.path("per_pair").path("English -> Chinese").path("bleu_signature").asText())
                .contains("tok:zh");
        for (String f : List.of("README.md", "user_test_charts.png", "latency_cdf.png", "instances.log",
                "sessions.jsonl")) {
            assertThat(Files.size(out.resolve(f))).as(f).isPositive();
        }
    }

    @Test
    void shouldReplayARecordedSessionWithTheSameBytesAndTiming() throws Exception {
        Path run = tmp.resolve("recorded");
        Map.Entry<Integer, String> basic = sst("eval", "--basic-test-only", "--url", url(), "--out", run.toString(),
                "--language-pairs", "English -> Italian");
        assertThat(basic.getKey()).as(basic.getValue()).isZero();
        String original = SessionsLog.read(run.resolve(SessionsLog.FILE)).get(0).sessionId();

        Path replayRun = tmp.resolve("replayed");
        Map.Entry<Integer, String> replay = sst("eval", "--replay", run.toString(), "--url", url(),
                "--bootstrap-servers", STACK.stack().bootstrapServers(), "--out", replayRun.toString());
        assertThat(replay.getKey()).as(replay.getValue()).isZero();
        JsonNode summary = Json.MAPPER.readTree(replayRun.resolve("summary.json").toFile());
        assertThat(summary.path("mode").asText()).isEqualTo("replay");
        JsonNode session = summary.path("sessions").get(0);
        assertThat(session.path("replay_of").asText()).isEqualTo(original);
        assertThat(session.path("succeeded").asBoolean()).as(session.toString()).isTrue();
        assertThat(session.path("reference").asText()).as("references carried over").isNotEmpty();
        String replayed = session.path("session_id").asText();

        Map<String, RecordedSession> recorded = TopicReader.read(STACK.stack().bootstrapServers(),
                STACK.stack().config().cluster.requestsTopic, Set.of(original, replayed)::contains, Duration.ofSeconds(30));
        RecordedSession a = recorded.get(original);
        RecordedSession b = recorded.get(replayed);
        assertThat(b.pcm()).as("replayed audio is byte-identical").isEqualTo(a.pcm());
        assertThat(b.frames()).extracting(f -> f.pcm().length)
                .containsExactlyElementsOf(a.frames().stream().map(f -> f.pcm().length).toList());
        SessionRequest startA = a.start();
        SessionRequest startB = b.start();
        assertThat(List.of(startB.languagePair(), startB.latencyMultiplier(), startB.sampleRate(), startB.encoding()))
                .isEqualTo(List.of(startA.languagePair(), startA.latencyMultiplier(), startA.sampleRate(),
                        startA.encoding()));
        assertThat(b.end().endReason()).isEqualTo("eof");

        long[] ga = a.frameGapsMs();
        long[] gb = b.frameGapsMs();
        assertThat(gb).hasSameSizeAs(ga);
        double meanError = 0;
        for (int i = 0; i < ga.length; i++) {
            meanError += Math.abs(gb[i] - ga[i]);
        }
        meanError /= ga.length;
        long spanA = a.frames().get(a.frames().size() - 1).timestampMs() - a.frames().get(0).timestampMs();
        long spanB = b.frames().get(b.frames().size() - 1).timestampMs() - b.frames().get(0).timestampMs();
        // Both sides are paced by sleeping threads on a shared machine; a few ms per gap is scheduling noise.
        assertThat(meanError).as("mean |gap error| ms, gaps %s vs %s", java.util.Arrays.toString(ga),
                java.util.Arrays.toString(gb)).isLessThan(25);
        assertThat(Math.abs(spanB - spanA)).as("span %d vs %d ms", spanA, spanB).isLessThan(150);

        Path export = tmp.resolve("export.jsonl");
        Map.Entry<Integer, String> ex = sst("replay", "--sessions", original, "--export", export.toString(),
                "--bootstrap-servers", STACK.stack().bootstrapServers());
        assertThat(ex.getKey()).as(ex.getValue()).isZero();
        assertThat(RecordFile.read(export).get(original).records()).containsExactlyElementsOf(a.records());
    }
}
