package io.infinisst.stream.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Tests for {@link TrainCli}. */
class TrainCliTest {
    @Test
    void parsesTheDocumentedCommand() {
        TrainOptions o = TrainCli.parse(new String[] {"--language-pair", "English -> Italian", "--corpus", "c", "--out", "models/en-it",
            "--epochs", "5", "--seed", "9", "--resume", "--max-minutes", "15"});
        assertThat(o.target()).isEqualTo("it");
        assertThat(o.checkpoint()).isEqualTo(Path.of("models/en-it/checkpoint"));
        assertThat(o.epochs()).isEqualTo(5);
        assertThat(o.seed()).isEqualTo(9);
        assertThat(o.resume()).isTrue();
        assertThat(o.maxMinutes()).isEqualTo(15.0);
        assertThat(o.augment()).isTrue();
    }

    @Test
    void badValuesAreRejectedNamingTheFlagAndValue() {
        assertThatThrownBy(() -> TrainCli.parse(new String[] {"--language-pair", "English -> Klingon", "--corpus", "c", "--out", "o"}))
                .hasMessageContaining("--language-pair").hasMessageContaining("Klingon");
        assertThatThrownBy(() -> TrainCli.parse(new String[] {"--epochs", "zero"})).hasMessageContaining("--epochs").hasMessageContaining("'zero'");
        assertThatThrownBy(() -> TrainCli.parse(new String[] {"--corpus", "c"})).hasMessageContaining("required");
    }
}
