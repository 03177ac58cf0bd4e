package io.infinisst.stream.protocol.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ConfigLoader}. */
class ConfigLoaderTest {
    private static final String AT = "languages.English -> Chinese.model_config.";

    @TempDir
    Path dir;

    @Test
    void shouldAcceptDefaultsAndRoundTripThemThroughJson() {
        SstConfig defaults = ConfigLoader.defaults();
        assertThat(ConfigLoader.validate(defaults)).isEmpty();

        SstConfig back = ConfigLoader.parse(ConfigLoader.toJson(defaults));
        assertThat(ConfigLoader.toJson(back)).isEqualTo(ConfigLoader.toJson(defaults));
        assertThat(back.slotsOf(SstConfig.ENGLISH_CHINESE)).containsExactly("cpu:0");
    }

    @Test
    void shouldOverrideOnlyWhatTheFileNames() {
        SstConfig c = ConfigLoader.parse("{\"serving\": {\"max_batch_size\": 8}}");
        assertThat(c.serving.maxBatchSize).isEqualTo(8);
        assertThat(c.serving.batchTimeoutMs).isEqualTo(100);
        assertThat(c.languages).containsKeys(SstConfig.ENGLISH_CHINESE, SstConfig.ENGLISH_ITALIAN);
    }

    @Test
    void shouldReportEveryUnknownKeyWithItsPath() {
        assertThatThrownBy(() -> ConfigLoader.parse(
                "{\"serving\": {\"max_batchsize\": 8, \"port\": 9000}, \"clusterr\": {}}"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder("unknown key serving.max_batchsize", "unknown key clusterr"));
    }

    @Test
    void shouldNameKeyAndValueOfEveryRangeProblem() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                {"serving": {"max_batch_size": 0, "load_balance_strategy": "fastest one",
                             "gpu_language_map": {"0": "English -> Klingon"}},
                 "job": {"buffer_timeout_ms": 5000}}"""))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "serving.max_batch_size: must be in [1, 1024], got 0",
                        "serving.load_balance_strategy: 'fastest one' is not one of [gpu_memory, least_loaded, round_robin]"
                                + " nor a class name",
                        "serving.gpu_language_map.0: language pair 'English -> Klingon' is not defined under languages",
                        "job.buffer_timeout_ms: must be in [0, 1000], got 5000"));
    }

    @Test
    void shouldAcceptAUsersStrategyClassNameAndCheckDeviceMemory() {
        SstConfig c = ConfigLoader.parse("{\"serving\": {\"load_balance_strategy\": \"com.example.MyStrategy\","
                + " \"device_memory_mb\": {\"cpu:0\": 8192}}}");
        assertThat(c.serving.loadBalanceStrategy).isEqualTo("com.example.MyStrategy");
        assertThatThrownBy(() -> ConfigLoader.parse("{\"serving\": {\"device_memory_mb\": {\"7\": 0}}}"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "serving.device_memory_mb.7: must be >= 1, got 0"));
    }

    @Test
    void shouldNameTheKeyOfAWronglyTypedValue() {
        assertThatThrownBy(() -> ConfigLoader.parse("{\"serving\": {\"max_batch_size\": \"many\"}}"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("serving.max_batch_size: value many"));
    }

    @Test
    void shouldReportLanguageModelProblems() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                {"languages": {"English -> Chinese": {"source_lang": "English", "target_lang": "Chinese",
                   "src_code": "en", "tgt_code": "zh",
                   "model_config": {"model_type": "gpt", "latency_multiplier": 9}}},
                 "serving": {"gpu_language_map": {"cpu:0": "English -> Chinese"}}}"""))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "languages.English -> Chinese.model_config.model_type: 'gpt' is not one of [bundled, diagnostic, st, torchscript]",
                        "languages.English -> Chinese.model_config.latency_multiplier: must be in [1, 4], got 9"));
    }

    @Test
    void shouldTakeTheAgreementSwitchOnlyForTrainedModels() {
        String file = """
                {"languages": {"English -> Chinese": {"source_lang": "English", "target_lang": "Chinese",
                   "src_code": "en", "tgt_code": "zh", "model_config": {"model_type": "%s", "agreement": true}}},
                 "serving": {"gpu_language_map": {"cpu:0": "English -> Chinese"}}}""";
        assertThat(ConfigLoader.parse(file.formatted("bundled")).languages.get(SstConfig.ENGLISH_CHINESE)
                .modelConfig.agreement).isTrue();
        assertThat(ConfigLoader.defaults().languages.get(SstConfig.ENGLISH_CHINESE).modelConfig.agreement).isNull();
        assertThatThrownBy(() -> ConfigLoader.parse(file.formatted("diagnostic")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "languages.English -> Chinese.model_config.agreement: only trained models (st, bundled) have a "
                                + "streaming policy, model type is 'diagnostic'"));
    }

    @Test
    void shouldTakeACommitProbabilityInZeroToOneOnlyForTrainedModels() {
        String file = """
                {"languages": {"English -> Chinese": {"source_lang": "English", "target_lang": "Chinese",
                   "src_code": "en", "tgt_code": "zh", "model_config": {"model_type": "%s", "commit_probability": %s}}},
                 "serving": {"gpu_language_map": {"cpu:0": "English -> Chinese"}}}""";
        assertThat(ConfigLoader.parse(file.formatted("bundled", "0.5")).languages.get(SstConfig.ENGLISH_CHINESE)
                .modelConfig.commitProbability).isEqualTo(0.5);
        assertThat(ConfigLoader.defaults().languages.get(SstConfig.ENGLISH_CHINESE).modelConfig.commitProbability).isNull();
        assertThatThrownBy(() -> ConfigLoader.parse(file.formatted("bundled", "1.5")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "languages.English -> Chinese.model_config.commit_probability: must be in [0, 1), got 1.5"));
        assertThatThrownBy(() -> ConfigLoader.parse(file.formatted("diagnostic", "0.5")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "languages.English -> Chinese.model_config.commit_probability: only trained models (st, bundled) "
                                + "have a streaming policy, model type is 'diagnostic'"));
    }

    @Test
    void shouldReportANullSectionInsteadOfFailingOnIt() {
        assertThatThrownBy(() -> ConfigLoader.parse("{\"serving\": null, \"job\": {\"parallelism\": 2}}"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "serving: must be an object, got null"));
    }

    @Test
    void shouldNeedAModelPathForATorchScriptModel() {
        assertThatThrownBy(() -> ConfigLoader.parse(torchScript(null, null)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        AT + "model_path: model type 'torchscript' needs a TorchScript file (.pt)"));
        assertThat(ConfigLoader.parse(torchScript("/models/mine/model.pt", null)).languages
                .get(SstConfig.ENGLISH_CHINESE).modelConfig.modelType).isEqualTo("torchscript");
    }

    @Test
    void shouldCheckThatATorchScriptModelIsAFileWithItsTokenizerBesideIt() throws IOException {
        Path model = Files.createFile(dir.resolve("model.pt"));
        assertThat(ConfigLoader.validateModelFiles(ConfigLoader.parse(torchScript(model.toString(), null)))).containsExactly(
                AT + "model_path: the tokenizer beside it, " + dir.resolve("tokenizer.json") + ", does not exist (model type"
                        + " 'torchscript' reads tokenizer.json there unless state_dict_path names one)");

        Files.createFile(dir.resolve("tokenizer.json"));
        assertThat(ConfigLoader.validateModelFiles(ConfigLoader.parse(torchScript(model.toString(), null)))).isEmpty();

        assertThat(ConfigLoader.validateModelFiles(ConfigLoader.parse(torchScript(dir.toString(), null)))).containsExactly(
                AT + "model_path: " + dir + " is not a file (model type 'torchscript' needs one)");
        assertThat(ConfigLoader.validateModelFiles(ConfigLoader.parse(torchScript(dir.resolve("absent.pt").toString(), null))))
                .containsExactly(AT + "model_path: " + dir.resolve("absent.pt") + " does not exist");
    }

    @Test
    void shouldTakeATorchScriptModelsStateDictPathAsItsTokenizer() throws IOException {
        Path model = Files.createFile(dir.resolve("model.pt"));
        Path words = Files.createFile(dir.resolve("words.json"));
        assertThat(ConfigLoader.validateModelFiles(ConfigLoader.parse(torchScript(model.toString(), words.toString())))).isEmpty();
        assertThat(ConfigLoader.validateModelFiles(ConfigLoader.parse(torchScript(model.toString(), dir.toString()))))
                .containsExactly(AT + "state_dict_path: " + dir + " is not a file (model type 'torchscript' needs one)");
        assertThat(ConfigLoader.validateModelFiles(ConfigLoader.parse(torchScript(model.toString(), dir.resolve("no.json").toString()))))
                .containsExactly(AT + "state_dict_path: " + dir.resolve("no.json") + " does not exist");
    }

    private static String torchScript(String modelPath, String stateDictPath) {
        return """
                {"languages": {"English -> Chinese": {"source_lang": "English", "target_lang": "Chinese",
                   "src_code": "en", "tgt_code": "zh",
                   "model_config": {"model_type": "torchscript", "model_path": %s, "state_dict_path": %s}}},
                 "serving": {"gpu_language_map": {"cpu:0": "English -> Chinese"}}}"""
                .formatted(quoted(modelPath), quoted(stateDictPath));
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
