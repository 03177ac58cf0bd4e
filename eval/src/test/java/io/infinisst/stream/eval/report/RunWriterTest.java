package io.infinisst.stream.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infinisst.stream.eval.data.EvalItem;
import io.infinisst.stream.eval.run.BatchSweep;
import io.infinisst.stream.eval.run.StatsSampler;
import io.infinisst.stream.eval.score.Figures;
import io.infinisst.stream.eval.score.Runs;
import io.infinisst.stream.eval.score.SessionScore;
import io.infinisst.stream.protocol.records.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link RunWriter}, {@link SummaryJson}, {@link Charts} and {@link MarkdownReport}. */
class RunWriterTest {
    @TempDir
    Path dir;

    private static List<SessionScore> scores() {
        EvalItem a = Runs.utterance("a", 3, "你好世界", "ciao bel mondo");
        EvalItem b = Runs.utterance("b", 2, "谢谢", "grazie mille");
        List<SessionScore> s = new ArrayList<>();
        s.add(SessionScore.of(Runs.run(0, a, "English -> Chinese", Runs.T0, 120, "[diag] chunk 0", "[diag] chunk 1",
                "[diag] chunk 2")));
        s.add(SessionScore.of(Runs.run(1, b, "English -> Italian", Runs.T0 + 700, 90, "[diag] chunk 0",
                "[diag] chunk 1")));
        s.add(SessionScore.of(Runs.run(2, a, "English -> Italian", Runs.T0 + 1500, 300, "[diag] chunk 0",
                "[diag] chunk 1", "[diag] chunk 2")));
        return s;
    }

    private static RunReport report(String mode, List<BatchSweep.Point> points) {
        return new RunReport("r1", mode, "http://127.0.0.1:8000", 42, Map.of("num_users", 3), "test set", Runs.T0,
                Runs.T0 + 5000, scores(), List.of(), points,
                List.of(new StatsSampler.Sample(Runs.T0, 3L, 2.0, 2), new StatsSampler.Sample(Runs.T0 + 2000, 7L, 3, 3)),
                Map.of("pipeline", Map.of("chunks", 8)));
    }

    @Test
    void shouldWriteTheSummaryWithOverallPerPairAndSessionFigures() throws Exception {
        RunWriter.write(report("full", List.of()), dir);
        JsonNode j = Json.MAPPER.readTree(dir.resolve(RunWriter.SUMMARY).toFile());

        assertThat(j.path("run_id").asText()).isEqualTo("r1");
        assertThat(j.path("mode").asText()).isEqualTo("full");
        assertThat(j.path("passed").asBoolean()).isTrue();
        assertThat(j.path("model").asText()).startsWith("diagnostic");
        JsonNode overall = j.path("overall");
        assertThat(overall.path("sessions").asInt()).isEqualTo(3);
        assertThat(overall.path("chunks").asInt()).isEqualTo(8);
        assertThat(overall.path("success_rate").asDouble()).isEqualTo(1.0);
        assertThat(overall.path("chunk_latency_ms").path("p50").asLong()).isEqualTo(120);
        assertThat(overall.path("chunk_latency_ms").path("p99").asLong()).isEqualTo(300);
        assertThat(overall.path("peak_concurrent_sessions").asInt()).isEqualTo(3);
        assertThat(overall.has("AL")).isTrue();
        assertThat(overall.path("BLEU").isNull()).as("no BLEU across pairs").isTrue();
        assertThat(j.path("per_pair").fieldNames()).toIterable()
                .containsExactly("English -> Chinese", "English -> Italian");
        JsonNode zh = j.path("per_pair").path("English -> Chinese");
        assertThat(zh.path("BLEU").isNumber()).isTrue();
        assertThat(zh.path("bleu_signature").asText()).contains("tok:zh");
        assertThat(j.path("per_pair").path("English -> Italian").path("bleu_signature").asText()).contains("tok:13a");
        assertThat(j.path("kafka_lag").path("max").asLong()).isEqualTo(7);
        assertThat(j.path("sessions")).hasSize(3);
        assertThat(j.path("sessions").get(0).path("session_id").asText()).isEqualTo("s-0-a");
        assertThat(j.path("final_stats").path("pipeline").path("chunks").asInt()).isEqualTo(8);
    }

    @Test
    void shouldDrawNonEmptyPngChartsAndEmbedThemInTheReadme() throws Exception {
        List<BatchSweep.Point> points = new ArrayList<>();
        for (int size : List.of(1, 4)) {
            for (long timeout : List.of(50L, 100L)) {
                List<SessionScore> s = scores();
                points.add(new BatchSweep.Point(size, timeout, Figures.of(s), size == 1 ? 1.0 : Double.NaN, s));
            }
        }
        List<Path> files = RunWriter.write(report("batch", points), dir);
        for (String png : List.of(RunWriter.USER_CHARTS, RunWriter.LATENCY_CDF, RunWriter.HEATMAPS)) {
            Path f = dir.resolve(png);
            assertThat(files).contains(f);
            assertThat(Files.size(f)).as(png).isGreaterThan(5_000);
            assertThat(ImageIO.read(f.toFile())).as(png).isNotNull()
                    .satisfies(img -> assertThat(img.getWidth()).isGreaterThan(600));
        }
        String md = Files.readString(dir.resolve(RunWriter.README));
        assertThat(md).contains("![batch_test_heatmaps.png](batch_test_heatmaps.png)")
                .contains("![user_test_charts.png](user_test_charts.png)")
                .contains("![latency_cdf.png](latency_cdf.png)")
                .contains("## Batching sweep").contains("| 4 | 100 |").contains("diagnostic");
        JsonNode grid = Json.MAPPER.readTree(dir.resolve(RunWriter.SUMMARY).toFile()).path("batch_grid");
        assertThat(grid).hasSize(4);
        assertThat(grid.get(0).path("max_batch_size").asInt()).isEqualTo(1);
        assertThat(grid.get(0).path("mean_batch_size").asDouble()).isEqualTo(1.0);
        assertThat(grid.get(2).path("mean_batch_size").isNull()).isTrue();
    }

    @Test
    void shouldRecordTheStreamedSessionsForReplay() throws Exception {
        RunWriter.write(report("basic", List.of()), dir);
        List<SessionsLog.Entry> entries = SessionsLog.read(dir.resolve(SessionsLog.FILE));
        assertThat(entries).extracting(SessionsLog.Entry::sessionId).containsExactly("s-0-a", "s-1-b", "s-2-a");
        SessionsLog.Entry e = entries.get(1);
        assertThat(e.languagePair()).isEqualTo("English -> Italian");
        assertThat(e.item().references()).containsEntry("it", "grazie mille").containsEntry("zh", "谢谢");
        assertThat(e.item().wav()).isEqualTo(Path.of("/data/b.wav"));
        assertThat(Files.readAllLines(dir.resolve("chunks.csv"))).hasSize(1 + 8);
        assertThat(dir.resolve("instances.en-zh.log")).exists();
        assertThat(Files.readAllLines(dir.resolve("instances.en-it.log"))).hasSize(2);
    }
}
