package io.infinisst.stream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infinisst.stream.model.streaming.SpeechTranslator;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link Translators}. */
class TranslatorsTest {
    @TempDir
    Path tmp;

    @Test
    void bundledModelsLiveUnderModelsByTargetLanguage() {
        // The build points sst.models.dir at the repository's models/ folder; "models" is the default.
        Path root = Path.of(System.getProperty(Translators.MODELS_DIR_PROPERTY, "models"));
        assertThat(root.getFileName()).hasToString("models");
        assertThat(Translators.bundledDir("English -> Chinese")).isEqualTo(root.resolve("en-zh"));
        assertThat(Translators.bundledDir("English -> Italian")).isEqualTo(root.resolve("en-it"));
        assertThatThrownBy(() -> Translators.bundledDir("English -> Klingon")).hasMessageContaining("'English -> Klingon'");
    }

    @Test
    void aMissingModelDirectoryIsReportedWithItsPath() {
        Path missing = tmp.resolve("nothing-here");
        assertThatThrownBy(() -> Translators.create(new ModelSpec("st", "English -> Chinese", "cpu", missing.toString(), null, 0)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> Translators.create(new ModelSpec("st", "English -> Chinese", "cpu", null, null, 0)))
                .hasMessageContaining("model_path");
        assertThatThrownBy(() -> Translators.create(new ModelSpec("nope", "English -> Chinese", "cpu", null, null, 0)))
                .hasMessageContaining("'nope'");
    }

    @Test
    void theConfigurationCanTurnTheAgreementPolicyOnOrLeaveItToTheModel() {
        for (Boolean agreement : new Boolean[] {Boolean.TRUE, Boolean.FALSE, null}) {
            try (StreamingTranslator t = Translators.create(
                    new ModelSpec("bundled", "English -> Italian", "cpu", null, null, 0, agreement, null))) {
                assertThat(t).isInstanceOf(SpeechTranslator.class);
                boolean expected = agreement != null && agreement; // the bundled manifests leave it off
                assertThat(((SpeechTranslator) t).policy().agreement()).as("agreement %s", agreement).isEqualTo(expected);
            }
        }
    }

    @Test
    void theConfigurationCanSetTheCommitProbabilityOrLeaveItToTheModel() {
        // The bundled manifests commit prefixes the model gives 0.8 (chosen on the dev split: docs/model.md).
        Double[] given = {null, 0.0, 0.4};
        float[] expected = {0.8f, 0f, 0.4f};
        for (int i = 0; i < given.length; i++) {
            try (StreamingTranslator t = Translators.create(
                    new ModelSpec("bundled", "English -> Chinese", "cpu", null, null, 0, null, given[i]))) {
                assertThat(((SpeechTranslator) t).policy().commitProbability()).as("commit_probability %s", given[i])
                        .isEqualTo(expected[i]);
                assertThat(((SpeechTranslator) t).policy().splitPauseSteps()).as("the manifest's").isEqualTo(6);
                assertThat(((SpeechTranslator) t).policy().closingWarps()).as("the manifest's")
                        .containsExactly(0.9, 1.1);
            }
        }
    }
}
