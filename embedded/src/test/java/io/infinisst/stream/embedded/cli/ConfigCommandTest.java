package io.infinisst.stream.embedded.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.infinisst.stream.model.ModelSpec;
import io.infinisst.stream.model.StreamingTranslator;
import io.infinisst.stream.model.Translators;
import io.infinisst.stream.protocol.config.ConfigLoader;
import io.infinisst.stream.protocol.config.SstConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Tests for {@link ConfigCommand}. */
class ConfigCommandTest {
    @TempDir
    Path dir;

    /** One in-process run of {@code sst config ...}: exit code and what it printed. */
    private record Run(int exitCode, String out, String err) {}

    private static Run run(Map<String, String> env, String... args) {
        return run(env, Translators::create, args);
    }

    private static Run run(Map<String, String> env, Function<ModelSpec, StreamingTranslator> models,
            String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new ConfigCommand(env, models));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int rc = cmd.execute(args);
        return new Run(rc, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void shouldWriteTheDefaultsAndRefuseToOverwriteWithoutForce() throws IOException {
        Path file = dir.resolve("conf/sst.json");

        Run created = run("--create-default", "--config", file.toString());
        assertThat(created.exitCode()).isZero();
        assertThat(ConfigLoader.toJson(ConfigLoader.load(file))).isEqualTo(ConfigLoader.toJson(ConfigLoader.defaults()));

        Files.writeString(file, "{\"serving\": {\"port\": 9000}}");
        Run refused = run("--create-default", "--config", file.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains(file + " exists; add --force to overwrite it");
        assertThat(ConfigLoader.load(file).serving.port).isEqualTo(9000);

        assertThat(run("--create-default", "--force", "--config", file.toString()).exitCode()).isZero();
        assertThat(ConfigLoader.load(file).serving.port).isEqualTo(8000);
    }

    @Test
    void shouldAnswerUsageErrorsWithExitCodeTwo() {
        assertThat(run().exitCode()).isEqualTo(2);
        assertThat(run("--show", "--validate").exitCode()).isEqualTo(2);
        assertThat(run("--show", "--force").exitCode()).isEqualTo(2);
        Run noFile = run("--create-default");
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.err()).contains("--create-default needs --config <file>");
    }

    @Test
    void shouldShowTheEffectiveConfigWithEachValuesSource() throws IOException {
        Path file = write("{\"serving\": {\"port\": 9100, \"max_batch_size\": 8}}");
        Run shown = run(Map.of("MAX_BATCH_SIZE", "16", "SST_JOB_PARALLELISM", "2"),
                "--show", "--config", file.toString());

        assertThat(shown.exitCode()).isZero();
        String json = shown.out().substring(0, shown.out().indexOf("\n\n"));
        SstConfig effective = ConfigLoader.parse(json);
        assertThat(effective.serving.port).isEqualTo(9100);
        assertThat(effective.serving.maxBatchSize).isEqualTo(16);
        assertThat(effective.job.parallelism).isEqualTo(2);
        assertThat(shown.out()).contains(
                "serving.port = 9100  (file " + file + ")",
                "serving.max_batch_size = 16  (env MAX_BATCH_SIZE)",
                "job.parallelism = 2  (env SST_JOB_PARALLELISM)",
                "serving.batch_timeout_ms = 100  (default)",
                "serving.load_balance_strategy = \"least_loaded\"  (default)");
    }

    @Test
    void shouldNotShowAConfigWithProblems() {
        Run shown = run(Map.of("BATCH_TIMEOUT_MS", "soon"), "--show");
        assertThat(shown.exitCode()).isEqualTo(1);
        assertThat(shown.out()).isEmpty();
        assertThat(shown.err()).contains("environment variable BATCH_TIMEOUT_MS: 'soon' is not a whole number");
    }

    @Test
    void shouldValidateTheDefaultsByLoadingEveryLanguagesModel() {
        Run valid = run("--validate");
        assertThat(valid.exitCode()).as(valid.err()).isZero();
        assertThat(valid.out()).contains("default configuration is valid: 2 language pairs, 2 slots; models load on CPU"
                + " for English -> Chinese, English -> Italian");
    }

    @Test
    void shouldPrintEveryProblemOnItsOwnLineAndExitOne() throws IOException {
        Path missing = dir.resolve("no-such-model.pt");
        Path file = write("""
                {"serving": {"max_batchsize": 8, "gpu_language_map": {"cpu:0": "English -> Chinese",
                                                                      "cpu:1": "English -> German"}},
                 "languages": {"English -> Chinese": {"source_lang": "English", "target_lang": "Chinese",
                     "src_code": "en", "tgt_code": "zh", "model_config": {"model_path": "%s"}}}}"""
                .formatted(missing));
        Run checked = run(Map.of("MAX_BATCH_SIZE", "0"), "--validate", "--config", file.toString());

        assertThat(checked.exitCode()).isEqualTo(1);
        assertThat(checked.out().lines()).containsExactlyInAnyOrder(
                "unknown key serving.max_batchsize",
                "serving.max_batch_size: must be in [1, 1024], got 0 (from env MAX_BATCH_SIZE)",
                "serving.gpu_language_map.cpu:1: language pair 'English -> German' is not defined under languages",
                "languages.English -> Chinese.model_config.model_path: " + missing + " does not exist");
        assertThat(checked.err()).contains(file + ": 4 problems");
    }

    @Test
    void shouldNameTheLanguageWhoseModelDoesNotLoad() {
        Function<ModelSpec, StreamingTranslator> italianBroken = spec -> {
            if (spec.languagePair().equals(SstConfig.ENGLISH_ITALIAN)) {
                throw new IllegalStateException("weights are corrupt");
            }
            return Translators.create(spec);
        };
        Run checked = run(Map.of(), italianBroken, "--validate");
        assertThat(checked.exitCode()).isEqualTo(1);
        assertThat(checked.out().lines()).containsExactly("languages.English -> Italian: model does not load: "
                + "java.lang.IllegalStateException: weights are corrupt");
    }

    @Test
    void shouldReportAMissingConfigFile() {
        Path absent = dir.resolve("absent.json");
        Run checked = run("--validate", "--config", absent.toString());
        assertThat(checked.exitCode()).isEqualTo(1);
        assertThat(checked.out().lines()).containsExactly("config file " + absent + " does not exist");
    }

    private Path write(String json) throws IOException {
        Path file = Files.createTempFile(dir, "sst", ".json");
        Files.writeString(file, json);
        return file;
    }
}
