package io.infinisst.stream.model.nn;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.infinisst.stream.model.features.FeatureNorm;
import io.infinisst.stream.model.features.LogMel;
import io.infinisst.stream.model.text.Vocabulary;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A trained (or training) speech-translation model: network, vocabulary and feature statistics, and the
 * directory format that holds them.
 *
 * <p>Directory: {@code manifest.json} (see docs/model.md: sample rate, chunk size, features with their
 * statistics, vocabulary file, parameter file, architecture, training and held-out scores),
 * {@code vocab.json} ({@link Vocabulary}) and {@code params.bin} (DJL's block parameter format).
 */
public final class TrainedModel implements AutoCloseable {
    public static final String MANIFEST = "manifest.json";
    public static final String VOCAB = "vocab.json";
    public static final String PARAMS = "params.bin";
    /** Additive attention bias for padded encoder steps. */
    public static final float MASKED = -1e9f;

    private final Architecture arch;
    private final Vocabulary vocab;
    private final FeatureNorm norm;
    private final NDManager manager;
    private final SpeechTranslationNet net;
    private volatile ParameterStore inference;
    /** An LSTM call's fixed cost per time step, in rows' worth of work (see {@link #groupsByLength}). */
    private static final int FIXED_ROWS = 3;

    /**
     * Builds the network on {@code manager} (owned by the caller when {@code ownsManager} is false) and
     * initializes its parameters with the engine's random generator.
     */
    public TrainedModel(Architecture arch, Vocabulary vocab, FeatureNorm norm, NDManager manager) {
        if (arch.vocabSize() != vocab.size()) {
            throw new IllegalArgumentException("architecture has " + arch.vocabSize() + " tokens, vocabulary " + vocab.size());
        }
        if (arch.melBins() != norm.mean().length) {
            throw new IllegalArgumentException("architecture has " + arch.melBins() + " mel bins, feature statistics " + norm.mean().length);
        }
        this.arch = arch;
        this.vocab = vocab;
        this.norm = norm;
        this.manager = manager;
        this.net = new SpeechTranslationNet(arch);
        net.initialize(manager, DataType.FLOAT32, net.initShapes());
        this.inference = new ParameterStore(manager, false);
    }

    /** Loads a model directory onto {@code device}. */
    public static TrainedModel load(Path dir, Device device) throws IOException {
        JsonObject manifest = readManifest(dir);
        Architecture arch = Architecture.fromJson(manifest.getAsJsonObject("architecture"));
        Vocabulary vocab = Vocabulary.load(dir.resolve(manifest.get("vocabulary").getAsString()));
        FeatureNorm norm = FeatureNorm.fromJson(manifest.getAsJsonObject("features"));
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        try {
            TrainedModel model = new TrainedModel(arch, vocab, norm, manager);
            model.loadParameters(dir.resolve(manifest.get("parameters").getAsString()));
            return model;
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public static JsonObject readManifest(Path dir) throws IOException {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no model manifest at " + file);
        }
        return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /** Writes {@code manifest} to {@code dir}/manifest.json (through a temporary file, so readers never see half). */
    public static void writeManifest(Path dir, JsonObject manifest) throws IOException {
        Path tmp = dir.resolve(MANIFEST + ".tmp");
        Files.writeString(tmp, new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create().toJson(manifest) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The manifest fields this class owns: features, vocabulary, parameters, architecture, sample rate. */
    public JsonObject baseManifest() {
        JsonObject m = new JsonObject();
        m.addProperty("format", "infinisst-st/1");
        m.addProperty("sample_rate", LogMel.SAMPLE_RATE);
        JsonObject f = norm.toJson();
        f.addProperty("type", "log-mel");
        f.addProperty("bins", LogMel.BINS);
        f.addProperty("window_ms", 25);
        f.addProperty("hop_ms", 10);
        f.addProperty("fft", LogMel.FFT);
        m.add("features", f);
        m.addProperty("vocabulary", VOCAB);
        m.addProperty("parameters", PARAMS);
        m.add("architecture", arch.toJson());
        m.addProperty("parameter_count", parameterCount());
        return m;
    }

    public void saveParameters(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os))) {
            net.saveParameters(out);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public void loadParameters(Path file) throws IOException {
        try (InputStream is = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
            net.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException("malformed parameters in " + file + ": " + e.getMessage(), e);
        }
        // A parameter store keeps the arrays it handed out and loading replaces them, so a store used before would
        // go on computing with the old parameters (the trainer scored its last epoch instead of its best this way).
        inference = new ParameterStore(manager, false);
    }

    public long parameterCount() {
        long n = 0;
        for (Pair<String, Parameter> p : net.getParameters()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }

    public Architecture architecture() {
        return arch;
    }

    public Vocabulary vocabulary() {
        return vocab;
    }

    public FeatureNorm featureNorm() {
        return norm;
    }

    public SpeechTranslationNet net() {
        return net;
    }

    public NDManager manager() {
        return manager;
    }

    /** A parameter store for inference (no gradients). */
    public ParameterStore inferenceStore() {
        return inference;
    }

    /** Stacks normalized frames into encoder steps, dropping a last incomplete group. */
    public static float[][] stack(float[][] frames, int stack) {
        int steps = frames.length / stack;
        int bins = steps == 0 ? 0 : frames[0].length;
        float[][] out = new float[steps][bins * stack];
        for (int s = 0; s < steps; s++) {
            for (int k = 0; k < stack; k++) {
                System.arraycopy(frames[s * stack + k], 0, out[s], k * bins, bins);
            }
        }
        return out;
    }

    /** Pads sequences of vectors into [B, T, dim] (T at least 1). */
    public static NDArray padded(NDManager m, List<float[][]> seqs, int dim) {
        int t = 1;
        for (float[][] s : seqs) {
            t = Math.max(t, s.length);
        }
        float[] flat = new float[seqs.size() * t * dim];
        for (int b = 0; b < seqs.size(); b++) {
            float[][] s = seqs.get(b);
            for (int i = 0; i < s.length; i++) {
                System.arraycopy(s[i], 0, flat, (b * t + i) * dim, dim);
            }
        }
        return m.create(flat, new Shape(seqs.size(), t, dim));
    }

    /** Attention bias [B, 1, T] for sequences of the given lengths padded to {@code t}. */
    public static NDArray maskBias(NDManager m, int[] lengths, int t) {
        float[] bias = new float[lengths.length * t];
        for (int b = 0; b < lengths.length; b++) {
            for (int i = Math.max(lengths[b], 1); i < t; i++) { // an empty sequence attends to its one padding step
                bias[b * t + i] = MASKED;
            }
        }
        return m.create(bias, new Shape(lengths.length, 1, t));
    }

    /**
     * Translates whole utterances: encodes each from a fresh state and decodes greedily, in one batch.
     *
     * @param stacked each utterance's stacked, normalized encoder steps
     * @return each utterance's token ids (no specials)
     */
    public int[][] translate(List<float[][]> stacked) {
        try (NDManager step = manager.newSubManager()) {
            int[] lengths = stacked.stream().mapToInt(s -> s.length).toArray();
            NDArray enc = arch.bidirectional()
                    ? encodeSegments(step, stacked)
                    : net.encode(inference, padded(step, stacked, arch.stackedDim()), null, null, false).get(0);
            return greedy(enc, maskBias(step, lengths, (int) enc.getShape().get(1)), lengths, null);
        }
    }

    /**
     * Bidirectional encoding of whole segments of any lengths: → [B, T, encoderDim] in the given order, T the
     * longest. Segments of very different lengths are not padded to the longest in one call: they are sorted
     * and cut into groups of similar length, each encoded in its own call, where that costs less by
     * {@link #groupsByLength}'s model of an LSTM call.
     */
    public NDArray encodeSegments(NDManager m, List<float[][]> segments) {
        int b = segments.size();
        if (b == 0) {
            return m.zeros(new Shape(0, 1, arch.encoderDim()));
        }
        Integer[] order = new Integer[b];
        for (int i = 0; i < b; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> segments.get(i).length));
        int[] sorted = new int[b];
        for (int i = 0; i < b; i++) {
            sorted[i] = Math.max(1, segments.get(order[i]).length);
        }
        int longest = sorted[b - 1];
        NDList parts = new NDList();
        int from = 0;
        for (int to : groupsByLength(sorted)) {
            List<float[][]> group = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                group.add(segments.get(order[i]));
            }
            NDArray enc = encodeSegments(m, padded(m, group, arch.stackedDim()),
                    Arrays.copyOfRange(sorted, from, to));
            long t = enc.getShape().get(1);
            if (t < longest) {
                enc = enc.concat(m.zeros(new Shape(to - from, longest - t, arch.encoderDim())), 1);
            }
            parts.add(enc);
            from = to;
        }
        NDArray all = parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 0);
        long[] back = new long[b]; // sorted position of each input row
        for (int i = 0; i < b; i++) {
            back[order[i]] = i;
        }
        return all.get(new NDIndex("{}", m.create(back)));
    }

    /**
     * Where to cut segments sorted by length into encoder calls: the exclusive end of each group. An LSTM
     * call over n sequences padded to T steps costs about T × (FIXED_ROWS + n) row-steps (each time step has a
     * fixed cost of a few rows' worth: measured on the 2-core development CPU, one thread, 16.5 ms for 1
     * sequence of 70 steps and 58.5 ms for 12), so the cut minimizing the sum is found by dynamic programming
     * over the sorted lengths.
     */
    static int[] groupsByLength(int[] sortedLengths) {
        int n = sortedLengths.length;
        double[] best = new double[n + 1];
        int[] cut = new int[n + 1];
        for (int to = 1; to <= n; to++) {
            best[to] = Double.MAX_VALUE;
            for (int from = 0; from < to; from++) {
                double cost = best[from] + sortedLengths[to - 1] * (double) (FIXED_ROWS + to - from);
                if (cost < best[to]) {
                    best[to] = cost;
                    cut[to] = from;
                }
            }
        }
        ArrayDeque<Integer> ends = new ArrayDeque<>();
        for (int to = n; to > 0; to = cut[to]) {
            ends.push(to);
        }
        return ends.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Bidirectional encoding of whole segments: padded stacked steps [B, T, stack·mel] → [B, T, encoderDim]. */
    public NDArray encodeSegments(NDManager m, NDArray padded, int[] lengths) {
        long[] len = new long[lengths.length];
        for (int i = 0; i < len.length; i++) {
            len[i] = Math.max(1, lengths[i]);
        }
        return net.encodeSegments(inference, padded, m.create(len), false);
    }

    /**
     * Greedy decodings: each row's token ids after the forced ones, without specials, and — when asked for — the
     * probability the model gave each of those tokens (null otherwise).
     */
    public record Greedy(int[][] tokens, float[][] probabilities) {}

    /** {@link #greedy(NDArray, NDArray, int[], int[][], boolean)} without the tokens' probabilities. */
    public int[][] greedy(NDArray enc, NDArray maskBias, int[] lengths, int[][] forced) {
        return greedy(enc, maskBias, lengths, forced, false).tokens();
    }

    /**
     * Greedy decoding of a batch of encoded segments.
     *
     * @param enc [B, T, encoderDim]
     * @param maskBias [B, 1, T]
     * @param lengths encoder steps of each segment (bounds the output: at most 4 + 2 per 40 ms step)
     * @param forced for each row, tokens to force first (already committed), or null
     * @param probabilities whether to also return each new token's probability (a softmax per decoder step)
     */
    public Greedy greedy(NDArray enc, NDArray maskBias, int[] lengths, int[][] forced, boolean probabilities) {
        return greedy(enc, maskBias, lengths, forced, null, probabilities);
    }

    /**
     * {@link #greedy(NDArray, NDArray, int[], int[][], boolean)} where each row starts from its own input token
     * ({@code starts}, null: BOS for all): {@link Vocabulary#OPEN} for an unfinished sentence of a prefix-trained model.
     */
    public Greedy greedy(NDArray enc, NDArray maskBias, int[] lengths, int[][] forced, int[] starts, boolean probabilities) {
        int b = lengths.length;
        int[] maxLen = new int[b];
        int longest = 0;
        for (int i = 0; i < b; i++) {
            maxLen[i] = 4 + 2 * lengths[i] + (forced == null ? 0 : forced[i].length);
            longest = Math.max(longest, maxLen[i]);
        }
        int[][] out = new int[b][longest];
        float[][] probs = probabilities ? new float[b][longest] : null;
        int[] count = new int[b];
        boolean[] done = new boolean[b];
        long[] prev = new long[b];
        for (int i = 0; i < b; i++) {
            prev[i] = starts == null ? Vocabulary.BOS : starts[i];
        }
        int[] rows = new int[b]; // batch position -> row: finished rows leave the batch
        for (int i = 0; i < b; i++) {
            rows[i] = i;
        }
        NDManager m = enc.getManager();
        NDArray h = null;
        NDArray c = null;
        for (int t = 0; t < longest && rows.length > 0; t++) {
            long[] inputs = new long[rows.length];
            for (int p = 0; p < rows.length; p++) {
                inputs[p] = prev[rows[p]];
            }
            NDList r = net.decode(inference, m.create(inputs, new Shape(rows.length, 1)), h, c, enc, maskBias, false);
            h = r.get(1);
            c = r.get(2);
            int[] next = r.get(0).argMax(2).toType(DataType.INT32, false).toIntArray();
            float[] best = probabilities ? r.get(0).softmax(2).max(new int[] {2}).toFloatArray() : null;
            int finished = 0;
            for (int p = 0; p < rows.length; p++) {
                int i = rows[p];
                if (done[i]) { // finished, still in the batch until the next compaction
                    finished++;
                    continue;
                }
                int pos = t; // position in the output including forced tokens
                int tok;
                if (forced != null && pos < forced[i].length) {
                    tok = forced[i][pos];
                } else {
                    tok = next[p];
                    if (tok == Vocabulary.EOS || pos >= maxLen[i]) {
                        done[i] = true;
                    } else {
                        if (probs != null) {
                            probs[i][count[i]] = best[p];
                        }
                        out[i][count[i]++] = tok;
                    }
                }
                prev[i] = tok;
                finished += done[i] ? 1 : 0;
            }
            // Rows that finished stop costing compute: a batch's sentences end at different lengths, and a
            // full batch would otherwise run every row to the longest. Compacting is a few gathers, so it
            // waits until a quarter of the batch has finished.
            if (finished == rows.length) {
                break;
            }
            if (finished > 0 && finished * 4 >= rows.length) {
                int[] keep = new int[rows.length - finished];
                long[] positions = new long[keep.length];
                for (int p = 0, k = 0; p < rows.length; p++) {
                    if (!done[rows[p]]) {
                        keep[k] = rows[p];
                        positions[k++] = p;
                    }
                }
                NDArray index = m.create(positions);
                enc = enc.get(new NDIndex("{}", index));
                maskBias = maskBias.get(new NDIndex("{}", index));
                h = h.get(new NDIndex(":, {}", index));
                c = c.get(new NDIndex(":, {}", index));
                rows = keep;
            }
        }
        int[][] result = new int[b][];
        float[][] resultProbs = probs == null ? null : new float[b][];
        for (int i = 0; i < b; i++) {
            result[i] = Arrays.copyOf(out[i], count[i]);
            if (probs != null) {
                resultProbs[i] = Arrays.copyOf(probs[i], count[i]);
            }
        }
        return new Greedy(result, resultProbs);
    }

    @Override
    public void close() {
        manager.close();
    }
}
