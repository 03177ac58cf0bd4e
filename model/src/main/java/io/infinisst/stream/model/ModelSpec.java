package io.infinisst.stream.model;

import java.io.Serializable;
import java.util.Objects;

/**
 * What to load into one slot: model type and its settings, and the device. Mirrors a language's
 * {@code model_config} without depending on the configuration module.
 *
 * @param type {@code diagnostic}, {@code st}, {@code bundled} or {@code torchscript} (see {@link Translators#create})
 * @param languagePair the pair this slot serves, e.g. {@code English -> Chinese}
 * @param device {@code cpu}, {@code cpu:N} or a GPU index
 * @param modelPath model file or directory (unused by the diagnostic model)
 * @param stateDictPath parameter file (unused by the diagnostic model); for {@code torchscript}, the
 *     tokenizer file instead (default: {@code tokenizer.json} beside the model file)
 * @param diagnosticStepMs diagnostic model only: tensor work added to every step, in milliseconds
 * @param agreement trained models only: the streaming policy's agreement mode; null: the model's manifest decides
 * @param commitProbability trained models only: the streaming policy's commit probability (0: off); null: the
 *     model's manifest decides
 */
public record ModelSpec(
        String type, String languagePair, String device, String modelPath, String stateDictPath,
        double diagnosticStepMs, Boolean agreement, Double commitProbability) implements Serializable {
    public ModelSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(languagePair, "languagePair");
        Objects.requireNonNull(device, "device");
    }

    /** A spec that leaves the streaming policy to the model. */
    public ModelSpec(String type, String languagePair, String device, String modelPath, String stateDictPath,
            double diagnosticStepMs) {
        this(type, languagePair, device, modelPath, stateDictPath, diagnosticStepMs, null, null);
    }
}
