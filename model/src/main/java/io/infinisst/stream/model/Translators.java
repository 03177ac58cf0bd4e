package io.infinisst.stream.model;

import io.infinisst.stream.model.streaming.SpeechTranslator;
import io.infinisst.stream.model.train.TrainOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Creates the {@link StreamingTranslator} a {@link ModelSpec} names. */
public final class Translators {
    /** System property naming the folder of the bundled models (default {@code models}, relative to the working directory). */
    public static final String MODELS_DIR_PROPERTY = "sst.models.dir";

    private Translators() {}

    /**
     * Builds the model.
     *
     * <ul>
     *   <li>{@code diagnostic}: the pipeline-measuring model, no translation;
     *   <li>{@code st}: a trained speech-translation model directory ({@code model_path}, see docs/model.md);
     *   <li>{@code bundled}: the trained model shipped for the language pair, {@code models/en-zh} or
     *       {@code models/en-it} under {@value #MODELS_DIR_PROPERTY} (or {@code model_path} when given).
     * </ul>
     *
     * @throws IllegalArgumentException for an unknown type, a missing path or an unsupported pair
     * @throws UncheckedIOException when a model directory cannot be read
     */
    public static StreamingTranslator create(ModelSpec spec) {
        return switch (spec.type()) {
            case "diagnostic" -> new DiagnosticTranslator(spec);
            case "st" -> {
                if (spec.modelPath() == null || spec.modelPath().isBlank()) {
                    throw new IllegalArgumentException("model_config.model_path: model type 'st' needs a model directory");
                }
                yield load(Path.of(spec.modelPath()), spec);
            }
            case "bundled" -> load(spec.modelPath() == null || spec.modelPath().isBlank()
                    ? bundledDir(spec.languagePair()) : Path.of(spec.modelPath()), spec);
            default -> throw new IllegalArgumentException("unknown model type '" + spec.type() + "'");
        };
    }

    /** The bundled model directory of a language pair, e.g. {@code models/en-zh}. */
    public static Path bundledDir(String languagePair) {
        String target;
        try {
            target = TrainOptions.targetOf(languagePair);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("no bundled model for language pair '" + languagePair
                    + "': bundled models are English -> Chinese and English -> Italian", e);
        }
        return Path.of(System.getProperty(MODELS_DIR_PROPERTY, "models")).resolve("en-" + target);
    }

    private static StreamingTranslator load(Path dir, ModelSpec spec) {
        try {
            return SpeechTranslator.load(dir, Devices.parse(spec.device()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load model for '" + spec.languagePair() + "' from " + dir + ": " + e.getMessage(), e);
        }
    }
}
