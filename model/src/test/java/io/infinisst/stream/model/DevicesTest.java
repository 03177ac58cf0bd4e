package io.infinisst.stream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

/** Tests for {@link Devices}. */
class DevicesTest {

    @Test
    void cpuNamesMapToTheCpu() {
        assertThat(Devices.parse("cpu", () -> 0)).isEqualTo(Device.cpu());
        assertThat(Devices.parse("cpu:3", () -> 0)).isEqualTo(Device.cpu());
    }

    @Test
    void gpuIndexMapsToThatGpuWhenPresent() {
        assertThat(Devices.parse("1", () -> 2)).isEqualTo(Device.gpu(1));
    }

    @Test
    void absentGpuIsRejectedNamingTheDevice() {
        assertThatThrownBy(() -> Devices.parse("2", () -> 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("device '2'")
                .hasMessageContaining("GPU 2 is not present")
                .hasMessageContaining("sees 2 usable GPUs");
    }

    @Test
    void noGpuOnTheCpuBuildOfPytorch() {
        assertThatThrownBy(() -> Devices.parse("0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GPU 0 is not present");
    }

    @Test
    void malformedNamesAreRejectedNamingTheValue() {
        for (String bad : new String[] {"tpu", "-1", "cpu:x", "cpu:-2", "", "gpu0"}) {
            assertThatThrownBy(() -> Devices.parse(bad, () -> 8))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("device '" + bad + "': must be cpu, cpu:N or a GPU index (N >= 0)");
        }
        assertThatThrownBy(() -> Devices.parse(null, () -> 8)).isInstanceOf(IllegalArgumentException.class);
    }
}
