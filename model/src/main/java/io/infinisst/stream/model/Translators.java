package io.infinisst.stream.model;

import io.infinisst.stream.model.streaming.SpeechTranslator;
import io.infinisst.stream.model.torchscript.TorchScriptTranslator;
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
     *       {@code models/en-it} under {@value #MODELS_DIR_PROPERTY} (or {@code model_path} when given);
     *   <li>{@code torchscript}: a user's TorchScript file {@code model_path} ({@link TorchScriptTranslator}, contract
     *       in docs/model.md); its HuggingFace tokenizer is {@code tokenizer.json} in the same folder, or the file
     *       {@code state_dict_path} names when given (a TorchScript file holds its own parameters: there is no
     *       separate state dict to load).
     * </ul>
     *
     * @throws IllegalArgumentException for an unknown type, a missing path or an unsupported pair
     * @throws UncheckedIOException when a model directory or file cannot be read or does not fit its contract
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
            case "torchscript" -> torchScript(spec);
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

    /** The tokenizer a {@code torchscript} model is decoded with: {@code state_dict_path}, else {@code tokenizer.json} beside the model. */
    public static Path torchScriptTokenizer(String modelPath, String stateDictPath) {
        return stateDictPath == null || stateDictPath.isBlank()
                ? Path.of(modelPath).resolveSibling(TorchScriptTranslator.TOKENIZER_FILE) : Path.of(stateDictPath);
    }

    private static StreamingTranslator torchScript(ModelSpec spec) {
        if (spec.modelPath() == null || spec.modelPath().isBlank()) {
            throw new IllegalArgumentException("model_config.model_path: model type 'torchscript' needs a TorchScript file (.pt)");
        }
        Path file = Path.of(spec.modelPath());
        try {
            return TorchScriptTranslator.load(file, torchScriptTokenizer(spec.modelPath(), spec.stateDictPath()),
                    Devices.parse(spec.device()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load model for '" + spec.languagePair() + "' from " + file + ": " + e.getMessage(), e);
        }
    }

    private static StreamingTranslator load(Path dir, ModelSpec spec) {
        try {
            Float probability = spec.commitProbability() == null ? null : spec.commitProbability().floatValue();
            return SpeechTranslator.load(dir, Devices.parse(spec.device()),
                    p -> p.overriddenBy(spec.agreement(), probability));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load model for '" + spec.languagePair() + "' from " + dir + ": " + e.getMessage(), e);
        }
    }
}
