package io.infinisst.stream.model.nn;

import com.google.gson.JsonObject;

/**
 * The network's sizes, written to and read from a model's manifest.
 *
 * @param melBins log-mel bins per 10 ms frame
 * @param stack consecutive frames stacked into one encoder step (4: 40 ms per step)
 * @param encoderDim projection width and encoder LSTM state size
 * @param encoderLayers encoder LSTM layers
 * @param embedDim target token embedding width
 * @param decoderDim decoder LSTM state size
 * @param vocabSize output tokens, specials included
 * @param bidirectional encoder layers read each segment both ways (each direction {@code encoderDim / 2} wide):
 *     the segment is encoded when it closes; otherwise one unidirectional LSTM whose state is carried across chunks
 */
public record Architecture(int melBins, int stack, int encoderDim, int encoderLayers, int embedDim, int decoderDim,
                           int vocabSize, boolean bidirectional) {
    public Architecture {
        if (bidirectional && encoderDim % 2 != 0) {
            throw new IllegalArgumentException("a bidirectional encoder needs an even width, got " + encoderDim);
        }
        for (int v : new int[] {melBins, stack, encoderDim, encoderLayers, embedDim, decoderDim, vocabSize}) {
            if (v <= 0) {
                throw new IllegalArgumentException("architecture sizes must be positive: " + this);
            }
        }
    }

    /** The size trained for the bundled models (≈ 2.6 M parameters with 700 Chinese characters). */
    public static Architecture standard(int melBins, int vocabSize) {
        return new Architecture(melBins, 4, 384, 2, 128, 256, vocabSize, true);
    }

    /** Width of one stacked encoder input step. */
    public int stackedDim() {
        return melBins * stack;
    }

    public JsonObject toJson() {
        JsonObject j = new JsonObject();
        j.addProperty("type", bidirectional ? "stacked-bilstm-encoder/attention-lstm-decoder"
                : "stacked-lstm-encoder/attention-lstm-decoder");
        j.addProperty("bidirectional", bidirectional);
        j.addProperty("mel_bins", melBins);
        j.addProperty("stack", stack);
        j.addProperty("encoder_dim", encoderDim);
        j.addProperty("encoder_layers", encoderLayers);
        j.addProperty("embed_dim", embedDim);
        j.addProperty("decoder_dim", decoderDim);
        j.addProperty("vocab_size", vocabSize);
        return j;
    }

    public static Architecture fromJson(JsonObject j) {
        return new Architecture(j.get("mel_bins").getAsInt(), j.get("stack").getAsInt(), j.get("encoder_dim").getAsInt(),
                j.get("encoder_layers").getAsInt(), j.get("embed_dim").getAsInt(), j.get("decoder_dim").getAsInt(),
                j.get("vocab_size").getAsInt(), j.has("bidirectional") && j.get("bidirectional").getAsBoolean());
    }
}
