package io.infinisst.stream.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infinisst.stream.protocol.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link IngressApp}'s command line. */
class IngressAppTest {

    @Test
    void shouldLoadTheNamedConfigOrTheDefaults(@TempDir Path dir) throws Exception {
        assertThat(IngressApp.loadConfig().serving.port).isEqualTo(8000);
        Path file = dir.resolve("sst.json");
        Files.writeString(file, "{\"serving\": {\"port\": 9123}}");
        assertThat(IngressApp.loadConfig("--config", file.toString()).serving.port).isEqualTo(9123);
        assertThat(IngressApp.loadConfig("--config=" + file).serving.port).isEqualTo(9123);
    }

    @Test
    void shouldNameTheBadOption(@TempDir Path dir) {
        assertThatThrownBy(() -> IngressApp.loadConfig("--port", "1"))
                .hasMessage("unknown option '--port'; known: --config FILE");
        assertThatThrownBy(() -> IngressApp.loadConfig("--config")).hasMessage("option --config needs a file");
        assertThatThrownBy(() -> IngressApp.loadConfig("--config", dir.resolve("missing.json").toString()))
                .isInstanceOf(ConfigException.class);
    }
}
