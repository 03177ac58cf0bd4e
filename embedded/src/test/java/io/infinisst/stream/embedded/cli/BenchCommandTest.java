package io.infinisst.stream.embedded.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Tests for {@link BenchCommand}'s configuration (the benchmarks themselves run in {@code scripts/sst bench}). */
class BenchCommandTest {
    @TempDir
    Path dir;

    private BenchCommand parsed(Map<String, String> env, String... args) {
        BenchCommand bench = new BenchCommand(env);
        new CommandLine(bench).parseArgs(args);
        return bench;
    }

    @Test
    void shouldRunTheDirectServerWhereTheConfigPutsThePairsFirstSlot() throws IOException {
        Path file = dir.resolve("gpu.json");
        Files.writeString(file, "{\"serving\": {\"gpu_language_map\": {\"3\": \"English -> Chinese\", "
                + "\"cpu:1\": \"English -> Chinese\", \"cpu:2\": \"English -> Italian\"}}}");

        BenchCommand bench = parsed(Map.of(), "--mode", "capacity", "--config", file.toString());

        assertThat(bench.resolveConfigured().slotsOf("English -> Chinese")).containsExactly("3", "cpu:1");
        assertThat(bench.directServerDevice()).isEqualTo("3");
    }

    @Test
    void shouldRunTheDirectServerOnTheDefaultCpuSlotWithoutAConfig() {
        BenchCommand bench = parsed(Map.of(), "--language-pair", "English -> Italian");
        bench.resolveConfigured();
        assertThat(bench.directServerDevice()).isEqualTo("cpu:1");
    }

    @Test
    void shouldApplyTheEnvironmentOverTheConfigFile() throws IOException {
        Path file = dir.resolve("sst.json");
        Files.writeString(file, "{\"serving\": {\"max_batch_size\": 8}}");
        BenchCommand bench = parsed(Map.of("MAX_BATCH_SIZE", "64"), "--config", file.toString());
        assertThat(bench.resolveConfigured().serving.maxBatchSize).isEqualTo(64);
    }

    @Test
    void shouldRefuseAPairThatNoSlotServes() throws IOException {
        Path file = dir.resolve("zh-only.json");
        Files.writeString(file, "{\"serving\": {\"gpu_language_map\": {\"0\": \"English -> Chinese\"}}}");
        BenchCommand bench = parsed(Map.of(), "--config", file.toString(), "--language-pair", "English -> Italian");

        assertThatThrownBy(bench::resolveConfigured).isInstanceOf(ParameterException.class)
                .hasMessage("--language-pair 'English -> Italian': no slot of serving.gpu_language_map serves it "
                        + "(slots: {0=English -> Chinese})");
    }

    @Test
    void shouldRefuseAPairTheConfigDoesNotDefine() {
        BenchCommand bench = parsed(Map.of(), "--language-pair", "English -> German");
        assertThatThrownBy(bench::resolveConfigured).isInstanceOf(ParameterException.class)
                .hasMessageStartingWith("--language-pair 'English -> German' is not defined in the configuration");
    }
}
