package io.infinisst.stream.job.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.infinisst.stream.protocol.config.SstConfig;
import io.infinisst.stream.protocol.records.ControlRecord;
import org.junit.jupiter.api.Test;

/** Tests for {@link ServingSettings}. */
class ServingSettingsTest {

    @Test
    void shouldStartFromTheConfigurationFilesValues() {
        SstConfig config = new SstConfig();
        config.serving.maxBatchSize = 7;
        config.serving.batchTimeoutMs = 40;
        config.serving.enableDynamicBatching = false;
        config.serving.loadBalanceStrategy = "round_robin";

        assertThat(ServingSettings.of(config)).isEqualTo(new ServingSettings(0, 7, 40, false, "round_robin"));
    }

    @Test
    void shouldChangeOnlyTheFieldsARecordGives() {
        ServingSettings s = new ServingSettings(0, 32, 100, true, "least_loaded");

        assertThat(s.apply(new ControlRecord(5, 8, null, null, null)))
                .isEqualTo(new ServingSettings(5, 8, 100, true, "least_loaded"));
        assertThat(s.apply(new ControlRecord(6, null, 0L, false, "gpu_memory")))
                .isEqualTo(new ServingSettings(6, 32, 0, false, "gpu_memory"));
    }
}
