package io.infinisst.stream.model.torchscript;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.training.ParameterStore;
import io.infinisst.stream.model.Devices;
import io.infinisst.stream.model.SessionTranslator;
import io.infinisst.stream.model.StepInput;
import io.infinisst.stream.model.StepOutput;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's own speech-translation model: a TorchScript file run by DJL's PyTorch engine, its token ids
 * turned into text by a HuggingFace {@code tokenizer.json} (model type {@code torchscript}).
 *
 * <p>The module must have (docs/model.md, "Your own TorchScript model"):
 *
 * <pre>
 * sample_rate() -&gt; int      the audio sample rate it expects (the pipeline resamples to it)
 * state_size() -&gt; int       S, the length of one session's state vector; a new session's state is zeros
 * forward(audio:   float32[B, N],   B sessions' chunks, mono in [-1, 1], zero-padded to the longest
 *         lengths: int64[B],        samples of each chunk that are audio (0 for an empty chunk)
 *         state:   float32[B, S],   each session's state as the previous forward returned it
 *         last:    bool[B])         true for a session's last chunk: say everything still held
 *     -&gt; (tokens: int64[B, K],      each session's new token ids, left-aligned
 *         counts: int64[B],         how many of the K columns each session uses (0..K)
 *         state:  float32[B, S])    each session's next state
 * </pre>
 *
 * <p>{@code forward} must be a function of its inputs only: everything a session remembers between chunks
 * goes in its state row, which this class keeps (on the Java side, S floats per session) and passes back,
 * so that the sessions of one step can be any mix, in one batched call. Token ids must be in the
 * tokenizer's vocabulary; ids emitted are never taken back. Every output is checked (count, type, shape,
 * counts and ids in range) before any session moves on; a violation fails the step with an
 * {@link IllegalStateException} naming the model file, and changes no session.
 *
 * <p>The text of each step is what its new ids add to what the session has said ({@link IncrementalText}),
 * special tokens left out. Loading calls {@code forward} once on 0.1 s of silence to check the signature.
 */
public final class TorchScriptTranslator extends SessionTranslator<TorchScriptTranslator.Session> {
    /** The tokenizer file read from the model file's folder unless another is named. */
    public static final String TOKENIZER_FILE = "tokenizer.json";

    private static final Logger LOG = LoggerFactory.getLogger(TorchScriptTranslator.class);

    private final Path file;
    private final Model model;
    private final PtSymbolBlock module;
    private final TokenDecoder decoder;
    private final int sampleRate;
    private final int stateSize;

    /** What this class remembers of a session: its state row and the tail of what it said. */
    static final class Session {
        float[] state;
        final IncrementalText text = new IncrementalText();

        Session(int stateSize) {
            state = new float[stateSize];
        }
    }

    /** What one forward call gave back for the whole batch, checked. */
    private record Result(List<long[]> ids, float[][] states) {}

    private TorchScriptTranslator(Path file, Model model, PtSymbolBlock module, TokenDecoder decoder,
            int sampleRate, int stateSize) {
        this.file = file;
        this.model = model;
        this.module = module;
        this.decoder = decoder;
        this.sampleRate = sampleRate;
        this.stateSize = stateSize;
    }

    /**
     * Loads a TorchScript model and its tokenizer onto {@code device}, and checks the module against the
     * contract with one forward call.
     *
     * @param modelFile the {@code .pt} file ({@code torch.jit.script(module).save(...)})
     * @param tokenizerFile a HuggingFace {@code tokenizer.json}
     * @throws IOException naming the file when a file is missing, is not TorchScript or not a tokenizer, or
     *     the module does not have the methods and signature above
     */
    public static TorchScriptTranslator load(Path modelFile, Path tokenizerFile, Device device) throws IOException {
        if (!Files.isRegularFile(modelFile)) {
            throw new FileNotFoundException(
                    "TorchScript model " + modelFile + (Files.isDirectory(modelFile) ? " is a directory, not a file" : " does not exist"));
        }
        TokenDecoder decoder = TokenDecoder.load(tokenizerFile);
        Model model = null;
        try {
            model = Model.newInstance("torchscript", device, Devices.ENGINE);
            // mapLocation: tensors saved on another device (a GPU export) load onto this one.
            model.load(modelFile, null, Map.of("mapLocation", "true"));
            PtSymbolBlock module = (PtSymbolBlock) model.getBlock();
            int rate = intMethod(modelFile, module, "sample_rate", 1);
            int state = intMethod(modelFile, module, "state_size", 0);
            TorchScriptTranslator t = new TorchScriptTranslator(modelFile, model, module, decoder, rate, state);
            t.probe();
            LOG.info("TorchScript model {} on {}: {} Hz, state of {} floats, tokenizer {} ({} ids)",
                    modelFile, device, rate, state, tokenizerFile, decoder.vocabularySize());
            return t;
        } catch (MalformedModelException | EngineException | IllegalStateException e) {
            close(model, decoder);
            throw new IOException(e instanceof IllegalStateException ? e.getMessage()
                    : "TorchScript model " + modelFile + " does not load: " + e.getMessage(), e);
        } catch (IOException | RuntimeException | Error e) {
            close(model, decoder);
            throw e;
        }
    }

    /** Calls a method of the module that takes nothing and returns an int of at least {@code min}. */
    private static int intMethod(Path file, PtSymbolBlock module, String method, int min) {
        long value;
        try (IValue v = IValueUtils.runMethod(module, method)) {
            if (!v.isLong()) {
                throw new IllegalStateException(contract(file, method + "() must return an int, got " + v.getType()));
            }
            value = v.toLong();
        } catch (EngineException e) {
            throw new IllegalStateException(contract(file, "it has no method " + method + "() -> int, or calling it failed: "
                    + firstLine(e.getMessage())), e);
        }
        if (value < min || value > Integer.MAX_VALUE) {
            throw new IllegalStateException(contract(file, method + "() must be at least " + min + ", got " + value));
        }
        return (int) value;
    }

    /** Runs forward once on a short silence, so that a wrong signature shows when the model loads. */
    private void probe() {
        Session s = new Session(stateSize);
        forward(List.of(new StepInput("probe", 0, new float[Math.max(1, sampleRate / 10)], false)), List.of(s));
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public String name() {
        return "torchscript(" + file.getFileName() + ")";
    }

    /** The model file. */
    public Path file() {
        return file;
    }

    /** Length of each session's state vector ({@code state_size()}). */
    public int stateSize() {
        return stateSize;
    }

    @Override
    protected Session newContext() {
        return new Session(stateSize);
    }

    @Override
    protected List<StepOutput> step(List<StepInput> batch, List<Session> contexts) {
        // No session changes until the model's outputs have passed their checks too.
        if (batch.isEmpty()) {
            return List.of();
        }
        Result r = forward(batch, contexts);
        boolean[] last = new boolean[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            contexts.get(i).state = r.states()[i];
            last[i] = batch.get(i).last();
        }
        List<String> texts = IncrementalText.advance(decoder, contexts.stream().map(s -> s.text).toList(), r.ids(), last);
        List<StepOutput> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            out.add(new StepOutput(batch.get(i).sessionId(), texts.get(i)));
        }
        return out;
    }

    /** One forward call for the whole batch; checks what comes back and changes no session. */
    private Result forward(List<StepInput> batch, List<Session> contexts) {
        int b = batch.size();
        int n = 1; // at least one column, even when every chunk is empty
        for (StepInput in : batch) {
            n = Math.max(n, in.audio().length);
        }
        float[] audio = new float[b * n];
        long[] lengths = new long[b];
        float[] state = new float[b * stateSize];
        boolean[] last = new boolean[b];
        for (int i = 0; i < b; i++) {
            float[] a = batch.get(i).audio();
            System.arraycopy(a, 0, audio, i * n, a.length);
            lengths[i] = a.length;
            System.arraycopy(contexts.get(i).state, 0, state, i * stateSize, stateSize);
            last[i] = batch.get(i).last();
        }
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDList in = new NDList(
                    m.create(audio, new Shape(b, n)), m.create(lengths), m.create(state, new Shape(b, stateSize)), m.create(last));
            NDList out;
            try {
                out = module.forward(new ParameterStore(m, false), in, false);
            } catch (EngineException e) {
                throw new IllegalStateException("TorchScript model " + file + ": forward(audio, lengths, state, last) failed on a"
                        + " batch of " + b + " × " + n + " samples (the contract is in docs/model.md): " + firstLine(e.getMessage()), e);
            }
            return check(out, b);
        }
    }

    private Result check(NDList out, int b) {
        if (out.size() != 3) {
            throw new IllegalStateException(contract(file, "forward must return (tokens, counts, state), got "
                    + out.size() + (out.size() == 1 ? " tensor" : " tensors")));
        }
        NDArray tokens = expect(out.get(0), "tokens", DataType.INT64, "[" + b + ", K]", s -> s.dimension() == 2 && s.get(0) == b);
        NDArray counts = expect(out.get(1), "counts", DataType.INT64, "[" + b + "]", s -> s.equals(new Shape(b)));
        NDArray next = expect(out.get(2), "state", DataType.FLOAT32, "[" + b + ", " + stateSize + "]",
                s -> s.equals(new Shape(b, stateSize)));
        int k = (int) tokens.getShape().get(1);
        long[] ids = tokens.toLongArray();
        long[] used = counts.toLongArray();
        float[] flat = next.toFloatArray();
        List<long[]> perSession = new ArrayList<>(b);
        float[][] states = new float[b][];
        for (int i = 0; i < b; i++) {
            if (used[i] < 0 || used[i] > k) {
                throw new IllegalStateException(contract(file, "counts[" + i + "] = " + used[i] + " is not in [0, K = " + k + "]"));
            }
            long[] row = Arrays.copyOfRange(ids, i * k, i * k + (int) used[i]);
            for (int j = 0; j < row.length; j++) {
                if (row[j] < 0 || row[j] >= decoder.vocabularySize()) {
                    throw new IllegalStateException(contract(file, "tokens[" + i + ", " + j + "] = " + row[j]
                            + " is not an id of tokenizer " + decoder.file() + " (0.." + (decoder.vocabularySize() - 1) + ")"));
                }
            }
            perSession.add(row);
            states[i] = Arrays.copyOfRange(flat, i * stateSize, (i + 1) * stateSize);
        }
        return new Result(perSession, states);
    }

    private NDArray expect(NDArray a, String what, DataType type, String shape, Predicate<Shape> fits) {
        if (a.getDataType() != type || !fits.test(a.getShape())) {
            throw new IllegalStateException(contract(file, what + " must be " + type.name().toLowerCase(Locale.ROOT)
                    + shape + ", got " + a.getDataType().name().toLowerCase(Locale.ROOT) + Arrays.toString(a.getShape().getShape())));
        }
        return a;
    }

    private static String contract(Path file, String problem) {
        return "TorchScript model " + file + " does not follow the torchscript model contract (docs/model.md): " + problem;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Arrays the model holds between steps; a test uses it to show steps leave nothing behind. */
    int liveArrays() {
        return ((BaseNDManager) model.getNDManager()).getManagedArrays().size();
    }

    @Override
    protected void release() {
        close(model, decoder);
    }

    private static void close(Model model, TokenDecoder decoder) {
        try {
            if (model != null) {
                model.close();
            }
        } finally {
            decoder.close();
        }
    }
}
