package io.infinisst.stream.job.functions;

import io.infinisst.stream.model.ModelSpec;
import io.infinisst.stream.model.StreamingTranslator;
import io.infinisst.stream.model.Translators;
import io.infinisst.stream.protocol.config.SstConfig;
import java.io.Serializable;

/**
 * Creates the model of one slot. Shipped to the task managers with {@link BatchInference}, hence Serializable;
 * tests plug in a fake here instead of loading a model.
 */
@FunctionalInterface
public interface TranslatorFactory extends Serializable {

    StreamingTranslator create(String slot, SstConfig config);

    /** The production factory: the model the slot's language pair configures, through {@link Translators}. */
    static TranslatorFactory fromConfig() {
        return (slot, config) -> Translators.create(specOf(slot, config));
    }

    /** What {@link #fromConfig()} loads for a slot: its pair's {@code model_config}, on the slot's device. */
    static ModelSpec specOf(String slot, SstConfig config) {
        String pair = config.serving.gpuLanguageMap.get(slot);
        if (pair == null) {
            throw new IllegalArgumentException("serving.gpu_language_map has no slot '" + slot + "'");
        }
        SstConfig.Language lang = config.languages.get(pair);
        if (lang == null || lang.modelConfig == null) {
            throw new IllegalArgumentException("languages has no model_config for pair '" + pair + "' of slot '"
                    + slot + "'");
        }
        return specOf(pair, slot, lang.modelConfig);
    }

    /** A language's {@code model_config} as the model module's spec, on {@code device}: the one mapping of the two. */
    static ModelSpec specOf(String pair, String device, SstConfig.ModelConfig m) {
        return new ModelSpec(m.modelType, pair, device, m.modelPath, m.stateDictPath, m.diagnosticStepMs, m.agreement,
                m.commitProbability);
    }
}
