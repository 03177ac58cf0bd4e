package io.infinisst.stream.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infinisst.stream.eval.data.EvalItem;
import io.infinisst.stream.eval.score.Runs;
import io.infinisst.stream.eval.score.SessionScore;
import io.infinisst.stream.protocol.records.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link InstancesLog}. */
class InstancesLogTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteOneSimulEvalInstancePerLineWithItsKeysFirst() throws Exception {
        EvalItem a = Runs.utterance("a", 2, "你好世界", "ciao mondo");
        List<SessionScore> scores = List.of(
                SessionScore.of(Runs.run(0, a, "English -> Chinese", Runs.T0, 100, "你好", "世界")),
                SessionScore.of(Runs.run(1, a, "English -> Italian", Runs.T0, 100, "ciao ", "mondo")));
        Path f = dir.resolve("instances.log");
        InstancesLog.write(f, scores);

        List<String> lines = Files.readAllLines(f);
        assertThat(lines).hasSize(2);
        JsonNode zh = Json.MAPPER.readTree(lines.get(0));
        List<String> keys = new ArrayList<>();
        zh.fieldNames().forEachRemaining(keys::add);
        assertThat(keys.subList(0, 8)).containsExactly("index", "prediction", "delays", "elapsed",
                "prediction_length", "reference", "source", "source_length");
        assertThat(zh.path("index").asInt()).isZero();
        assertThat(zh.path("prediction").asText()).isEqualTo("你好世界"); // characters joined directly
        assertThat(zh.path("prediction_length").asInt()).isEqualTo(4);
        assertThat(zh.path("delays")).extracting(JsonNode::asDouble).containsExactly(1000.0, 1000.0, 2000.0, 2000.0);
        assertThat(zh.path("elapsed")).extracting(JsonNode::asDouble).containsExactly(1000.0, 1000.0, 2000.0, 2000.0);
        assertThat(zh.path("reference").asText()).isEqualTo("你好世界");
        assertThat(zh.path("source").get(0).asText()).isEqualTo("/data/a.wav");
        assertThat(zh.path("source_length").asDouble()).isEqualTo(2000.0);
        JsonNode it = Json.MAPPER.readTree(lines.get(1));
        assertThat(it.path("index").asInt()).isEqualTo(1);
        assertThat(it.path("prediction").asText()).isEqualTo("ciao mondo"); // words joined with spaces
        assertThat(it.path("reference").asText()).isEqualTo("ciao mondo");
        assertThat(it.path("language_pair").asText()).isEqualTo("English -> Italian");
    }
}
