package io.infinisst.stream.protocol.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tests for {@link ConfigLoader}. */
class ConfigLoaderTest {

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
                        "languages.English -> Chinese.model_config.model_type: 'gpt' is not one of [bundled, diagnostic, st]",
                        "languages.English -> Chinese.model_config.latency_multiplier: must be in [1, 4], got 9"));
    }

    @Test
    void shouldReportANullSectionInsteadOfFailingOnIt() {
        assertThatThrownBy(() -> ConfigLoader.parse("{\"serving\": null, \"job\": {\"parallelism\": 2}}"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "serving: must be an object, got null"));
    }
}
