package io.infinisst.stream.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Encoder–decoder for speech to characters.
 *
 * <p>Encoder: {@link Architecture#stack()} log-mel frames are stacked into one 40 ms step (a stride-4
 * convolution with kernel 4, which needs no left context and so streams trivially), projected with a ReLU,
 * then either
 * <ul>
 *   <li>a unidirectional LSTM: its output at a step depends only on what came before, so a stream can be
 *       encoded chunk by chunk carrying the LSTM state, with the same result as encoding it whole; or
 *   <li>bidirectional layers ({@link Architecture#bidirectional()}), each two one-way LSTMs of half the width,
 *       the backward one reading each sequence reversed <em>within its own length</em> so that padding never
 *       comes first (DJL's bidirectional LSTM fails when input and state sizes differ, and takes no lengths).
 *       A segment is encoded once it is complete; these models learn several times faster (docs/model.md).
 * </ul>
 *
 * <p>Decoder: embedding (a bias-free linear layer over one-hot ids) → LSTM → scaled dot-product attention
 * over the encoder steps (padding masked with an additive −1e9 bias, since DJL's LSTM takes no lengths) →
 * tanh combination of state and context → logits. There is no input feeding, so training runs the whole
 * target in one LSTM call; decoding runs it one token at a time with carried state.
 *
 * <p>Training forward inputs: stacked features [B, T, stack·mel], mask bias [B, 1, T], input tokens [B, U]
 * (int64, starting with {@code <s>}); output: logits [B, U, V].
 */
public final class SpeechTranslationNet extends AbstractBlock {
    private static final byte VERSION = 1;

    private final Architecture arch;
    private final Linear frontend;
    private final LSTM encoder;
    private final LSTM[] forward;
    private final LSTM[] backward;
    private final Linear embed;
    private final LSTM decoder;
    private final Linear query;
    private final Linear combine;
    private final Linear output;
    /** Dropout rate of training forward passes (none at inference): set by the trainer, not part of the architecture. */
    private float dropout;

    public SpeechTranslationNet(Architecture arch) {
        super(VERSION);
        this.arch = arch;
        frontend = addChildBlock("frontend", Linear.builder().setUnits(arch.encoderDim()).build());
        if (arch.bidirectional()) {
            encoder = null;
            forward = new LSTM[arch.encoderLayers()];
            backward = new LSTM[arch.encoderLayers()];
            for (int l = 0; l < arch.encoderLayers(); l++) {
                forward[l] = addChildBlock("forward" + l, oneWay(arch.encoderDim() / 2));
                backward[l] = addChildBlock("backward" + l, oneWay(arch.encoderDim() / 2));
            }
        } else {
            encoder = addChildBlock("encoder", LSTM.builder().setStateSize(arch.encoderDim()).setNumLayers(arch.encoderLayers())
                    .optBatchFirst(true).optReturnState(true).build());
            forward = null;
            backward = null;
        }
        embed = addChildBlock("embed", Linear.builder().setUnits(arch.embedDim()).optBias(false).build());
        decoder = addChildBlock("decoder", LSTM.builder().setStateSize(arch.decoderDim()).setNumLayers(1)
                .optBatchFirst(true).optReturnState(true).build());
        query = addChildBlock("query", Linear.builder().setUnits(arch.encoderDim()).optBias(false).build());
        combine = addChildBlock("combine", Linear.builder().setUnits(arch.decoderDim()).build());
        output = addChildBlock("output", Linear.builder().setUnits(arch.vocabSize()).build());
    }

    private static LSTM oneWay(int size) {
        return LSTM.builder().setStateSize(size).setNumLayers(1).optBatchFirst(true).optReturnState(false).build();
    }

    public Architecture architecture() {
        return arch;
    }

    /**
     * Sets the dropout rate applied in training forward passes — to the encoder's input projection, each encoder
     * layer's output, the target embeddings and the decoder's combined state — and never at inference.
     */
    public void setDropout(float rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + rate);
        }
        dropout = rate;
    }

    private NDArray drop(NDArray x, boolean training) {
        return training && dropout > 0 ? Dropout.dropout(x, dropout, true).head() : x;
    }

    /** Shapes to initialize with: any batch and lengths work afterwards. */
    public Shape[] initShapes() {
        return new Shape[] {new Shape(1, 2, arch.stackedDim()), new Shape(1, 1, 2), new Shape(1, 3)};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray enc = arch.bidirectional()
                ? encodeSegments(ps, inputs.get(0), lengthsOf(inputs.get(1)), training)
                : encode(ps, inputs.get(0), null, null, training).get(0);
        return new NDList(decode(ps, inputs.get(2), null, null, enc, inputs.get(1), training).get(0));
    }

    /**
     * Encodes stacked features.
     *
     * @param stacked [B, T, stack·mel]
     * @param h previous LSTM state [layers, B, encoderDim], or null for a fresh start
     * @param c previous LSTM cell [layers, B, encoderDim], or null
     * @return encoder outputs [B, T, encoderDim], state h, cell c
     */
    public NDList encode(ParameterStore ps, NDArray stacked, NDArray h, NDArray c, boolean training) {
        if (arch.bidirectional()) {
            throw new IllegalStateException("the encoder is bidirectional: use encodeSegments");
        }
        NDArray x = drop(Activation.relu(frontend.forward(ps, new NDList(stacked), training).head()), training);
        NDList in = h == null ? new NDList(x) : new NDList(x, h, c);
        return encoder.forward(ps, in, training);
    }

    /**
     * Encodes complete segments with the bidirectional encoder.
     *
     * @param stacked [B, T, stack·mel], each sequence padded at its end
     * @param lengths [B] int64: real steps of each sequence
     * @return encoder outputs [B, T, encoderDim] (values at padded steps are meaningless and must be masked)
     */
    public NDArray encodeSegments(ParameterStore ps, NDArray stacked, NDArray lengths, boolean training) {
        if (!arch.bidirectional()) {
            throw new IllegalStateException("the encoder is unidirectional: use encode with carried state");
        }
        NDArray x = drop(Activation.relu(frontend.forward(ps, new NDList(stacked), training).head()), training);
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        // reversal within each length: step i < L reads L-1-i, padding stays where it is
        NDArray steps = x.getManager().arange(t).toType(DataType.INT64, false).reshape(1, t);
        NDArray len = lengths.toType(DataType.INT64, false).reshape(b, 1);
        NDArray reversed = NDArrays.where(steps.lt(len), len.sub(1).sub(steps), steps.broadcast(b, t));
        NDArray in = reversed.reshape(b, t, 1).broadcast(b, t, arch.encoderDim());
        NDArray out = reversed.reshape(b, t, 1).broadcast(b, t, arch.encoderDim() / 2);
        for (int l = 0; l < forward.length; l++) {
            NDArray f = forward[l].forward(ps, new NDList(x), training).head();
            NDArray r = backward[l].forward(ps, new NDList(x.gather(in, 1)), training).head().gather(out, 1);
            x = drop(f.concat(r, 2), training);
        }
        return x;
    }

    /** Real steps per sequence from an attention mask bias [B, 1, T] (0 where real). */
    static NDArray lengthsOf(NDArray maskBias) {
        return maskBias.eq(0f).toType(DataType.INT64, false).sum(new int[] {1, 2});
    }

    /**
     * Runs the decoder over input tokens.
     *
     * @param tokens [B, U] int64 ids
     * @param h decoder state [1, B, decoderDim] or null
     * @param c decoder cell or null
     * @param enc encoder outputs [B, T, encoderDim]
     * @param maskBias [B, 1, T]: 0 for real steps, −1e9 for padding
     * @return logits [B, U, V], state h, cell c
     */
    public NDList decode(ParameterStore ps, NDArray tokens, NDArray h, NDArray c, NDArray enc, NDArray maskBias,
                         boolean training) {
        NDArray oneHot = tokens.oneHot(arch.vocabSize());
        NDArray e = drop(embed.forward(ps, new NDList(oneHot), training).head(), training);
        NDList rnn = decoder.forward(ps, h == null ? new NDList(e) : new NDList(e, h, c), training);
        NDArray s = rnn.get(0); // [B, U, D]
        NDArray q = query.forward(ps, new NDList(s), training).head(); // [B, U, E]
        NDArray scores = q.matMul(enc.transpose(0, 2, 1)).div((float) Math.sqrt(arch.encoderDim())).add(maskBias);
        NDArray context = scores.softmax(2).matMul(enc); // [B, U, E]
        NDArray mixed = drop(combine.forward(ps, new NDList(s.concat(context, 2)), training).head().tanh(), training);
        NDArray logits = output.forward(ps, new NDList(mixed), training).head();
        return new NDList(logits, rnn.get(1), rnn.get(2));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[2].get(0), inputShapes[2].get(1), arch.vocabSize())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        long t = inputShapes[0].get(1);
        long u = inputShapes[2].get(1);
        frontend.initialize(manager, dataType, new Shape(b, t, arch.stackedDim()));
        if (arch.bidirectional()) {
            for (int l = 0; l < forward.length; l++) {
                forward[l].initialize(manager, dataType, new Shape(b, t, arch.encoderDim()));
                backward[l].initialize(manager, dataType, new Shape(b, t, arch.encoderDim()));
            }
        } else {
            encoder.initialize(manager, dataType, new Shape(b, t, arch.encoderDim()));
        }
        embed.initialize(manager, dataType, new Shape(b, u, arch.vocabSize()));
        decoder.initialize(manager, dataType, new Shape(b, u, arch.embedDim()));
        query.initialize(manager, dataType, new Shape(b, u, arch.decoderDim()));
        combine.initialize(manager, dataType, new Shape(b, u, arch.decoderDim() + arch.encoderDim()));
        output.initialize(manager, dataType, new Shape(b, u, arch.decoderDim()));
    }
}
