package io.infinisst.stream.embedded.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.infinisst.stream.protocol.config.ResolvedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Tests for {@link LocalCommand}'s configuration (starting the stack is {@code LocalStackITCase}'s). */
class LocalCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldLayerItsFlagsOverEnvironmentOverFile() throws IOException {
        Path file = dir.resolve("sst.json");
        Files.writeString(file, "{\"serving\": {\"port\": 9100, \"max_batch_size\": 8, \"batch_timeout_ms\": 50}}");
        LocalCommand local = new LocalCommand(Map.of("MAX_BATCH_SIZE", "16", "SST_SERVING_PORT", "9200"));
        new CommandLine(local).parseArgs("--config", file.toString(), "--port", "9300", "--kafka", "broker:9092",
                "--web-ui-port", "18081");

        List<String> problems = new ArrayList<>();
        ResolvedConfig r = local.resolve(problems);

        assertThat(problems).isEmpty();
        assertThat(r.config().serving.port).isEqualTo(9300);
        assertThat(r.sourceOf("serving.port")).isEqualTo("flag --port");
        assertThat(r.config().serving.maxBatchSize).isEqualTo(16);
        assertThat(r.sourceOf("serving.max_batch_size")).isEqualTo("env MAX_BATCH_SIZE");
        assertThat(r.config().serving.batchTimeoutMs).isEqualTo(50);
        assertThat(r.sourceOf("serving.batch_timeout_ms")).isEqualTo("file " + file);
        assertThat(r.config().cluster.embeddedKafka).isFalse();
        assertThat(r.config().cluster.bootstrapServers).isEqualTo("broker:9092");
        assertThat(r.config().cluster.flinkRestAddress).isEqualTo("http://127.0.0.1:18081");
    }

    @Test
    void shouldReportAnOutOfRangeFlagWithItsName() {
        LocalCommand local = new LocalCommand(Map.of());
        new CommandLine(local).parseArgs("--max-batch-size", "5000");
        List<String> problems = new ArrayList<>();
        local.resolve(problems);
        assertThat(problems).containsExactly(
                "serving.max_batch_size: must be in [1, 1024], got 5000 (from flag --max-batch-size)");
    }
}
