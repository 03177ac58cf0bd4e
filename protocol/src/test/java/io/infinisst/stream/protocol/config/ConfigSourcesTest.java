package io.infinisst.stream.protocol.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link ConfigSources}. */
class ConfigSourcesTest {
    @TempDir
    Path dir;

    @Test
    void shouldTakeFlagsOverEnvironmentOverFileOverDefaults() throws IOException {
        Path file = write("{\"serving\": {\"max_batch_size\": 8}}");
        Map<String, String> env = Map.of("MAX_BATCH_SIZE", "16");
        Map<String, String> flags = Map.of("--max-batch-size", "4");
        String key = "serving.max_batch_size";

        ResolvedConfig defaults = ConfigSources.resolve(null, Map.of(), Map.of());
        assertThat(defaults.config().serving.maxBatchSize).isEqualTo(32);
        assertThat(defaults.sourceOf(key)).isEqualTo("default");

        ResolvedConfig fromFile = ConfigSources.resolve(file, Map.of(), Map.of());
        assertThat(fromFile.config().serving.maxBatchSize).isEqualTo(8);
        assertThat(fromFile.sourceOf(key)).isEqualTo("file " + file);

        ResolvedConfig fromEnv = ConfigSources.resolve(file, env, Map.of());
        assertThat(fromEnv.config().serving.maxBatchSize).isEqualTo(16);
        assertThat(fromEnv.sourceOf(key)).isEqualTo("env MAX_BATCH_SIZE");

        ResolvedConfig fromFlag = ConfigSources.resolve(file, env, flags);
        assertThat(fromFlag.config().serving.maxBatchSize).isEqualTo(4);
        assertThat(fromFlag.sourceOf(key)).isEqualTo("flag --max-batch-size");

        ResolvedConfig flagOverDefault = ConfigSources.resolve(null, Map.of(), flags);
        assertThat(flagOverDefault.config().serving.maxBatchSize).isEqualTo(4);
    }

    @Test
    void shouldPreferTheSstVariableOverTheSeedVariableForOneKey() {
        ResolvedConfig r = ConfigSources.resolve(null,
                Map.of("MAX_BATCH_SIZE", "16", "SST_SERVING_MAX_BATCH_SIZE", "24"), Map.of());
        assertThat(r.config().serving.maxBatchSize).isEqualTo(24);
        assertThat(r.sourceOf("serving.max_batch_size")).isEqualTo("env SST_SERVING_MAX_BATCH_SIZE");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "MAX_BATCH_SIZE                | 7              | serving.max_batch_size          | 7",
            "BATCH_TIMEOUT_MS              | 250            | serving.batch_timeout_ms        | 250",
            "CUDA_VISIBLE_DEVICES          | 0,1            | serving.cuda_visible_devices    | 0,1",
            "ENABLE_DYNAMIC_BATCHING       | FALSE          | serving.enable_dynamic_batching | false",
            "ENABLE_DYNAMIC_BATCHING       | 1              | serving.enable_dynamic_batching | true",
            "LOAD_BALANCE_STRATEGY         | round_robin    | serving.load_balance_strategy   | round_robin",
            "SST_SERVING_PORT              | 9000           | serving.port                    | 9000",
            "SST_SERVING_HOST              | 127.0.0.1      | serving.host                    | 127.0.0.1",
            "SST_SERVING_MAX_SESSIONS_PER_SLOT | 8          | serving.max_sessions_per_slot   | 8",
            "SST_SERVING_DEFAULT_DEVICE_MEMORY_MB | 81920   | serving.default_device_memory_mb | 81920",
            "SST_CLUSTER_BOOTSTRAP_SERVERS | kafka:9092     | cluster.bootstrap_servers       | kafka:9092",
            "SST_CLUSTER_EMBEDDED_KAFKA    | false          | cluster.embedded_kafka          | false",
            "SST_CLUSTER_REQUESTS_PARTITIONS | 12           | cluster.requests_partitions     | 12",
            "SST_JOB_PARALLELISM           | 2              | job.parallelism                 | 2",
            "SST_JOB_CONSUMER_GROUP        | blue           | job.consumer_group              | blue",
            "SST_JOB_CHECKPOINT_INTERVAL_MS | 60000         | job.checkpoint_interval_ms      | 60000",
    })
    void shouldSetItsKeyFromEachEnvironmentVariable(String name, String value, String key, String expected) {
        ResolvedConfig r = ConfigSources.resolve(null, Map.of(name, value), Map.of());
        assertThat(ConfigSources.leaves(r.config()).get(key).asText()).isEqualTo(expected);
        assertThat(r.sourceOf(key)).isEqualTo("env " + name);
    }

    @Test
    void shouldHaveAnSstVariableForEveryScalarKeyOfTheSections() {
        Map<String, String> vars = ConfigSources.environmentVariables();
        assertThat(vars).containsKeys(ConfigSources.SEED_ENV.keySet().toArray(String[]::new));
        ConfigSources.leaves(ConfigLoader.defaults()).forEach((key, value) -> {
            boolean sectionScalar = key.matches("(cluster|serving|job)\\.[a-z_]+") && value.isValueNode();
            assertThat(vars.containsKey(ConfigSources.envName(key))).as(key).isEqualTo(sectionScalar);
        });
    }

    @Test
    void shouldKeepAnEmptyCudaVisibleDevicesEmpty() {
        SstConfig c = ConfigSources.resolve(null, Map.of("CUDA_VISIBLE_DEVICES", ""), Map.of()).config();
        assertThat(c.serving.cudaVisibleDevices).isEmpty();
    }

    @Test
    void shouldNameVariableAndValueOfABadEnvironmentValue() {
        assertThatThrownBy(() -> ConfigSources.resolve(null, Map.of("MAX_BATCH_SIZE", "lots",
                "ENABLE_DYNAMIC_BATCHING", "maybe", "SST_SERVING_BATCH_TIMEOUT_MS", "1.5"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "environment variable MAX_BATCH_SIZE: 'lots' is not a whole number (int)"
                                + " (for serving.max_batch_size)",
                        "environment variable ENABLE_DYNAMIC_BATCHING: 'maybe' is not true or false"
                                + " (for serving.enable_dynamic_batching)",
                        "environment variable SST_SERVING_BATCH_TIMEOUT_MS: '1.5' is not a whole number (long)"
                                + " (for serving.batch_timeout_ms)"));
    }

    @Test
    void shouldNameTheVariableBehindAnOutOfRangeValue() {
        assertThatThrownBy(() -> ConfigSources.resolve(null, Map.of("MAX_BATCH_SIZE", "0"),
                Map.of("--port", "70000")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "serving.max_batch_size: must be in [1, 1024], got 0 (from env MAX_BATCH_SIZE)",
                        "serving.port: must be in [0, 65535], got 70000 (from flag --port)"));
    }

    @Test
    void shouldReportAMisspelledSectionVariableButIgnoreOtherSstVariables() {
        assertThatThrownBy(() -> ConfigSources.resolve(null, Map.of("SST_SERVING_PORTT", "9000",
                "SST_SERVING_GPU_LANGUAGE_MAP", "{}", "SST_JAVA_OPTS", "-Xmx1g", "PATH", "/bin"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "environment variable SST_SERVING_GPU_LANGUAGE_MAP: names no scalar key of cluster, serving"
                                + " or job (e.g. SST_SERVING_PORT; maps and languages are set in the file)",
                        "environment variable SST_SERVING_PORTT: names no scalar key of cluster, serving or job"
                                + " (e.g. SST_SERVING_PORT; maps and languages are set in the file)"));
    }

    @Test
    void shouldReportTheSourceOfEveryKey() throws IOException {
        Path file = write("""
                {"serving": {"port": 9100, "gpu_language_map": {"0": "English -> Chinese"}},
                 "languages": {"English -> Chinese": {"source_lang": "English", "target_lang": "Chinese",
                     "src_code": "en", "tgt_code": "zh", "model_config": {"latency_multiplier": 3}}}}""");
        ResolvedConfig r = ConfigSources.resolve(file, Map.of("SST_JOB_PARALLELISM", "2"),
                Map.of("--kafka", "broker:9092", "--web-ui-port", "18081"));
        String fromFile = "file " + file;

        assertThat(r.sourceByKey()).containsEntry("serving.port", fromFile)
                .containsEntry("serving.gpu_language_map.0", fromFile)
                .containsEntry("languages.English -> Chinese.model_config.latency_multiplier", fromFile)
                .containsEntry("languages.English -> Chinese.model_config.model_type", "default")
                .containsEntry("serving.device_memory_mb", "default")
                .containsEntry("serving.max_batch_size", "default")
                .containsEntry("job.parallelism", "env SST_JOB_PARALLELISM")
                .containsEntry("cluster.bootstrap_servers", "flag --kafka")
                .containsEntry("cluster.embedded_kafka", "flag --kafka")
                .containsEntry("cluster.web_ui_port", "flag --web-ui-port")
                .containsEntry("cluster.flink_rest_address", "flag --web-ui-port")
                .doesNotContainKey("languages.English -> Italian.source_lang");
        assertThat(r.config().cluster.embeddedKafka).isFalse();
        assertThat(r.config().cluster.flinkRestAddress).isEqualTo("http://127.0.0.1:18081");
        assertThat(r.describe()).contains("serving.port = 9100  (" + fromFile + ")",
                "cluster.bootstrap_servers = \"broker:9092\"  (flag --kafka)",
                "serving.device_memory_mb = {}  (default)");
        assertThat(r.describe()).hasSameSizeAs(r.sourceByKey().keySet());
    }

    @Test
    void shouldReportProblemsOfEveryLayerTogether() throws IOException {
        Path file = write("{\"serving\": {\"max_batchsize\": 8, \"max_sessions_per_slot\": 0}}");
        List<String> problems = new ArrayList<>();
        ResolvedConfig r = ConfigSources.resolve(file, Map.of("BATCH_TIMEOUT_MS", "soon"),
                Map.of("--port", "eighty"), problems);
        assertThat(r).isNotNull();
        assertThat(problems).containsExactlyInAnyOrder(
                "unknown key serving.max_batchsize",
                "environment variable BATCH_TIMEOUT_MS: 'soon' is not a whole number (long)"
                        + " (for serving.batch_timeout_ms)",
                "flag --port: 'eighty' is not a whole number (int) (for serving.port)",
                "serving.max_sessions_per_slot: must be in [1, 100000], got 0");
    }

    @Test
    void shouldReportAMissingOrMalformedFileWithoutAConfig() throws IOException {
        List<String> problems = new ArrayList<>();
        assertThat(ConfigSources.resolve(dir.resolve("absent.json"), Map.of(), Map.of(), problems)).isNull();
        assertThat(problems).containsExactly("config file " + dir.resolve("absent.json") + " does not exist");

        problems.clear();
        assertThat(ConfigSources.resolve(write("{\"serving\": {\"port\": \"high\"}}"), Map.of("MAX_BATCH_SIZE", "x"),
                Map.of(), problems)).isNull();
        assertThat(problems).hasSize(2).anySatisfy(p -> assertThat(p).startsWith("serving.port: value high"))
                .anySatisfy(p -> assertThat(p).startsWith("environment variable MAX_BATCH_SIZE: 'x'"));
    }

    @Test
    void shouldRejectAFlagItDoesNotKnowAsACallersBug() {
        assertThatThrownBy(() -> ConfigSources.resolve(null, Map.of(), Map.of("--prot", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--prot");
    }

    @Test
    void shouldReportModelFilesThatDoNotExist() throws IOException {
        Path model = Files.createFile(dir.resolve("model.pt"));
        SstConfig c = ConfigSources.resolve(write("""
                {"languages": {"English -> Chinese": {"source_lang": "English", "target_lang": "Chinese",
                     "src_code": "en", "tgt_code": "zh",
                     "model_config": {"model_path": "%s", "state_dict_path": "%s"}}},
                 "serving": {"gpu_language_map": {"cpu:0": "English -> Chinese"}}}"""
                .formatted(model, dir.resolve("missing.pt"))), Map.of(), Map.of()).config();
        assertThat(ConfigLoader.validateModelFiles(c)).containsExactly(
                "languages.English -> Chinese.model_config.state_dict_path: " + dir.resolve("missing.pt")
                        + " does not exist");
    }

    private Path write(String json) throws IOException {
        Path file = Files.createTempFile(dir, "sst", ".json");
        Files.writeString(file, json);
        return file;
    }
}
