package io.infinisst.stream.model.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.infinisst.stream.model.features.FeatureNorm;
import io.infinisst.stream.model.features.LogMel;
import io.infinisst.stream.model.features.MelEq;
import io.infinisst.stream.model.features.MelWarp;
import io.infinisst.stream.model.nn.Architecture;
import io.infinisst.stream.model.nn.TrainedModel;
import io.infinisst.stream.model.streaming.StreamingPolicy;
import io.infinisst.stream.model.text.Vocabulary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Trains a {@link TrainedModel} on a corpus: teacher-forced cross-entropy with label smoothing (computed
 * here, as DJL's masked loss has none), Adam, batches bucketed by length (DJL's LSTM takes no lengths, so
 * similar lengths keep padding small). Every epoch: dev BLEU, a checkpoint, and — when dev BLEU improved —
 * the model directory. At the end the best parameters are scored on the test split (held-out voices).
 *
 * <p>Deterministic from the seed: initialization draws from the engine's generator seeded first, and
 * shuffling and augmentation from {@code Random(seed, epoch)}, so a resumed run sees the same batches as an
 * uninterrupted one (Adam's moments restart on resume: DJL cannot save optimizer state).
 */
public final class SpeechTrainer {
    static final float LABEL_SMOOTHING = 0.1f;
    /** Training utterances used to fit the feature statistics. */
    static final int NORM_SAMPLE = 400;

    private final TrainOptions o;
    private final PrintStream out;
    private final PrintStream progress;
    private int trainCount;
    /** The feature statistics training examples were normalized with (the warp works on un-normalized frames). */
    private FeatureNorm norm;
    /** The manifest's streaming policy: the defaults, or a resumed model directory's own (how it is served). */
    private StreamingPolicy policy = StreamingPolicy.defaults();
    /** Word ends and what they give, for the training examples that have them (with {@code --prefixes}). */
    private final Map<Example, PrefixPoints> prefixPoints = new IdentityHashMap<>();

    /** What one finished epoch measured. */
    public record EpochResult(int epoch, double loss, double devBleu, double seconds, double utterancesPerSecond) {}

    public SpeechTrainer(TrainOptions options, PrintStream out, PrintStream progress) {
        this.o = options;
        this.out = out;
        this.progress = progress;
    }

    /** An utterance's features and target ids, held in memory for the whole run. */
    record Example(Utterance u, float[][] frames, long[] tokens) {}

    /** Runs the training; returns every epoch's result, those of a resumed run's earlier epochs included. */
    public List<EpochResult> run() throws IOException {
        String target = o.target();
        List<Utterance> train = CorpusData.read(o.corpus(), "train", target, true);
        List<Utterance> devAll = CorpusData.read(o.corpus(), "dev", target, false);
        List<Utterance> testAll = CorpusData.read(o.corpus(), "test", target, false);
        List<Utterance> dev = limit(devAll, o.evalLimit());
        List<Utterance> test = limit(testAll, o.evalLimit());
        if (train.isEmpty() || dev.isEmpty()) {
            throw new IOException(o.corpus() + ": needs train and dev utterances, has " + train.size() + " and " + dev.size());
        }
        train = new ArrayList<>(train);
        int ownTrain = train.size(); // --corpus's own, which its prefixes.jsonl describes; extras come after
        Set<String> heldOut = new HashSet<>();
        devAll.forEach(u -> heldOut.add(u.target()));
        testAll.forEach(u -> heldOut.add(u.target()));
        for (Path extra : o.extraTrain()) {
            List<Utterance> more = CorpusData.read(extra, "train", target, true);
            for (Utterance u : more) {
                // Only a corpus of the same seed shares the main one's held-out sentences; any other could
                // put a dev or test sentence into training.
                if (heldOut.contains(u.target())) {
                    throw new IOException("--extra-train " + extra + ": training utterance " + u.id() + " is a dev or test "
                            + "sentence of " + o.corpus() + " (generate it with the same corpus seed)");
                }
            }
            out.printf(Locale.ROOT, "%s: %d more training utterances%n", extra, more.size());
            train.addAll(more);
        }
        Files.createDirectories(o.out());
        Files.createDirectories(o.checkpoint());
        // The model directory's manifest as it was before this run rewrites it (a resumed run's only).
        JsonObject served = o.resume() && Files.isRegularFile(o.out().resolve(TrainedModel.MANIFEST))
                ? TrainedModel.readManifest(o.out()) : null;
        // A fine-tune of a served model keeps how it is served (early commits, closing warps, ...); a new model gets
        // the defaults, to be tuned after training.
        if (served != null && served.has("policy")) {
            policy = StreamingPolicy.fromJson(served.getAsJsonObject("policy"));
        }
        Path stateFile = o.checkpoint().resolve("state.json");
        JsonObject state = o.resume() && Files.isRegularFile(stateFile)
                ? JsonParser.parseString(Files.readString(stateFile)).getAsJsonObject() : null;
        // Where a resumed run's vocabulary and parameters come from: the checkpoint, or else (a checkpoint does not
        // travel with the repository) the model directory itself, whose parameters are its best epoch's.
        Path resumeFrom = o.checkpoint();
        if (o.resume() && state == null) {
            if (served != null && Files.isRegularFile(o.out().resolve(TrainedModel.PARAMS))) {
                state = stateOf(served);
                resumeFrom = o.out();
                out.println("no checkpoint in " + o.checkpoint() + ": resuming from the model in " + o.out()
                        + " (its best parameters)");
            } else {
                out.println("no checkpoint in " + o.checkpoint() + ": starting from scratch");
            }
        }

        Vocabulary vocab;
        List<float[][]> rawTrain = features(train, "features train");
        if (state != null) {
            vocab = Vocabulary.load(resumeFrom.resolve(TrainedModel.VOCAB));
            norm = FeatureNorm.fromJson(state.getAsJsonObject("features"));
        } else {
            List<String> targets = train.stream().map(Utterance::target).toList();
            vocab = o.bpeMerges() > 0 ? Vocabulary.bpe(targets, o.bpeMerges()) : Vocabulary.build(targets);
            norm = FeatureNorm.fit(rawTrain.subList(0, Math.min(NORM_SAMPLE, rawTrain.size())), LogMel.BINS);
        }
        vocab.save(o.checkpoint().resolve(TrainedModel.VOCAB));
        Architecture arch = new Architecture(LogMel.BINS, 4, o.encoderDim(), o.encoderLayers(), 128, o.decoderDim(), vocab.size(),
                o.bidirectional());
        List<Example> trainEx = examples(train, rawTrain, norm, vocab, arch);
        trainCount = trainEx.size();
        if (o.prefixes() > 0) {
            // a prefix-trained model's open segments are decoded from the marker its prefixes were trained with
            policy = policy.withOpenMarker(true);
            Map<String, PrefixPoints> byId = PrefixPoints.read(o.corpus(), target, vocab);
            for (Example e : trainEx.subList(0, ownTrain)) {
                PrefixPoints p = e.u().endMs() < 0 ? byId.get(e.u().id()) : null;
                if (p != null) {
                    prefixPoints.put(e, p);
                }
            }
            out.printf(Locale.ROOT, "prefix material for %d of %d training utterances (%s)%n", prefixPoints.size(),
                    trainEx.size(), o.corpus().resolve(PrefixPoints.FILE));
        }
        List<Example> devEx = examples(dev, features(dev, "features dev"), norm, vocab, arch);

        Engine.getInstance().setRandomSeed((int) o.seed());
        List<EpochResult> history = new ArrayList<>();
        try (Model djl = Model.newInstance("st", Device.cpu(), "PyTorch")) {
            TrainedModel model = new TrainedModel(arch, vocab, norm, djl.getNDManager());
            djl.setBlock(model.net());
            model.net().setDropout((float) o.dropout());
            int firstEpoch = 1;
            double best = -1;
            if (state != null) {
                model.loadParameters(resumeFrom.resolve(TrainedModel.PARAMS));
                for (Pair<String, Parameter> p : model.net().getParameters()) {
                    p.getValue().getArray().setRequiresGradient(true); // loading does not mark them trainable
                }
                firstEpoch = state.get("epoch").getAsInt() + 1;
                best = state.get("best_dev_bleu").getAsDouble();
                for (var e : state.getAsJsonArray("history")) {
                    JsonObject h = e.getAsJsonObject();
                    history.add(new EpochResult(h.get("epoch").getAsInt(), h.get("loss").getAsDouble(),
                            h.get("dev_bleu").getAsDouble(), h.get("seconds").getAsDouble(), h.get("utterances_per_second").getAsDouble()));
                }
                out.printf(Locale.ROOT, "resuming after epoch %d (best dev BLEU %.2f)%n", firstEpoch - 1, best);
            }
            out.printf(Locale.ROOT, "%s: %d train / %d dev / %d test utterances, %d tokens, %,d parameters%n",
                    o.languagePair(), trainEx.size(), devEx.size(), test.size(), vocab.size(), model.parameterCount());
            EpochCosineSchedule schedule = new EpochCosineSchedule(o.learningRate(), o.finalLearningRate(), o.epochs());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(schedule).optClipGrad(1f).build())
                    .optDevices(new Device[] {Device.cpu()});
            long start = System.nanoTime();
            try (Trainer trainer = djl.newTrainer(config)) {
                for (int epoch = firstEpoch; epoch <= o.epochs(); epoch++) {
                    schedule.startEpoch(epoch);
                    if (o.dropout() > 0) {
                        // dropout masks come from the engine's generator, whose state a checkpoint cannot hold:
                        // seeding it per epoch gives a resumed run the masks an uninterrupted one draws
                        Engine.getInstance().setRandomSeed((int) (o.seed() * 1_000_003L + epoch));
                    }
                    EpochResult r = epoch(trainer, model, trainEx, devEx, epoch);
                    history.add(r);
                    // Ties go to the later epoch: its loss is lower, and BLEU is flat at 0 on sentences under four tokens.
                    boolean improved = o.keepLast() || r.devBleu() >= best;
                    if (improved) {
                        best = r.devBleu();
                        model.saveParameters(o.out().resolve(TrainedModel.PARAMS));
                        vocab.save(o.out().resolve(TrainedModel.VOCAB));
                        TrainedModel.writeManifest(o.out(), manifest(model, history, best, null));
                    }
                    model.saveParameters(o.checkpoint().resolve(TrainedModel.PARAMS));
                    writeState(stateFile, epoch, best, norm, history);
                    out.printf(Locale.ROOT, "epoch %d/%d  loss %.4f  dev BLEU %.2f%s  %.1f s  %.0f utt/s%n", epoch, o.epochs(),
                            r.loss(), r.devBleu(), improved ? (o.keepLast() ? " (saved)" : " (best, saved)") : "", r.seconds(), r.utterancesPerSecond());
                    if (o.maxMinutes() > 0 && (System.nanoTime() - start) / 6e10 >= o.maxMinutes()) {
                        out.printf(Locale.ROOT, "time limit of %.1f min reached after epoch %d%n", o.maxMinutes(), epoch);
                        break;
                    }
                }
            }
            if (o.keepLast() && !history.isEmpty() && firstEpoch > o.epochs()
                    && Files.isRegularFile(o.checkpoint().resolve(TrainedModel.PARAMS))) {
                // Nothing left to train: the checkpoint (the last epoch) becomes the model directory, to be scored.
                model.loadParameters(o.checkpoint().resolve(TrainedModel.PARAMS));
                model.saveParameters(o.out().resolve(TrainedModel.PARAMS));
                vocab.save(o.out().resolve(TrainedModel.VOCAB));
                best = history.get(history.size() - 1).devBleu();
            }
            if (best >= 0 && !test.isEmpty()) {
                model.loadParameters(o.out().resolve(TrainedModel.PARAMS));
                JsonObject scores = heldOut(model, test, norm, vocab, arch);
                TrainedModel.writeManifest(o.out(), manifest(model, history, best, scores));
                out.println("held-out test (offline, whole utterances): " + scores);
            }
        }
        return history;
    }

    private static <T> List<T> limit(List<T> list, int n) {
        return n > 0 && list.size() > n ? list.subList(0, n) : list;
    }

    private List<float[][]> features(List<Utterance> us, String label) throws IOException {
        List<float[][]> out = new ArrayList<>(us.size());
        ProgressLine bar = new ProgressLine(progress, label, us.size());
        for (Utterance u : us) {
            out.add(CorpusData.features(u));
            bar.advance("");
        }
        bar.finish();
        return out;
    }

    private static List<Example> examples(List<Utterance> us, List<float[][]> raw, FeatureNorm norm, Vocabulary vocab,
                                          Architecture arch) {
        List<Example> out = new ArrayList<>(us.size());
        for (int i = 0; i < us.size(); i++) {
            float[][] frames = copy(raw.get(i));
            norm.apply(frames);
            out.add(new Example(us.get(i), frames, framed(Vocabulary.BOS, vocab.encode(us.get(i).target()))));
        }
        return out;
    }

    /** A target as the decoder trains on it: {@code start} (BOS, or the open marker of a prefix), the ids, EOS. */
    static long[] framed(int start, int[] ids) {
        long[] tokens = new long[ids.length + 2];
        tokens[0] = start;
        for (int k = 0; k < ids.length; k++) {
            tokens[k + 1] = ids[k];
        }
        tokens[ids.length + 1] = Vocabulary.EOS;
        return tokens;
    }

    /**
     * Two utterances in a row as one: {@code a}'s frames then {@code b}'s and {@code a}'s target tokens then
     * {@code b}'s, between one BOS and one EOS. The corpus's clips end and start with 0.2–0.5 s of silence each, more
     * than the segmenter lets through inside a segment (a pause of 320 ms ends one), so the quiet frames at {@code a}'s
     * end and {@code b}'s start ({@link #quietEdge}) are cut to {@code keepA} and {@code keepB} frames (10 ms each).
     * Frame rows are shared, not copied: training never writes to them.
     */
    static Example followedBy(Example a, Example b, int keepA, int keepB) {
        int endA = a.frames().length - Math.max(0, quietEdge(a.frames(), false) - keepA);
        int startB = Math.max(0, quietEdge(b.frames(), true) - keepB);
        float[][] frames = Arrays.copyOf(a.frames(), endA + b.frames().length - startB);
        System.arraycopy(b.frames(), startB, frames, endA, b.frames().length - startB);
        long[] tokens = Arrays.copyOf(a.tokens(), a.tokens().length - 1 + b.tokens().length - 1);
        System.arraycopy(b.tokens(), 1, tokens, a.tokens().length - 1, b.tokens().length - 1);
        return new Example(a.u(), frames, tokens);
    }

    /**
     * How many frames at the start ({@code leading}) or end of an utterance are quiet: their mean over the bands below
     * a quarter of the way from the utterance's quietest frame to its loudest (the noise floor, whatever it is).
     */
    static int quietEdge(float[][] frames, boolean leading) {
        if (frames.length == 0) {
            return 0;
        }
        double[] level = new double[frames.length];
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (int t = 0; t < frames.length; t++) {
            double sum = 0;
            for (float v : frames[t]) {
                sum += v;
            }
            level[t] = sum / Math.max(1, frames[t].length);
            lo = Math.min(lo, level[t]);
            hi = Math.max(hi, level[t]);
        }
        double quiet = lo + 0.25 * (hi - lo);
        int n = 0;
        while (n < frames.length && level[leading ? n : frames.length - 1 - n] < quiet) {
            n++;
        }
        return n;
    }

    private static float[][] copy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private EpochResult epoch(Trainer trainer, TrainedModel model, List<Example> train, List<Example> dev, int epoch) {
        long t0 = System.nanoTime();
        Random random = new Random(o.seed() * 1_000_003L + epoch);
        List<List<Example>> batches = batches(train, random);
        ProgressLine bar = new ProgressLine(progress, "epoch " + epoch + "/" + o.epochs(), batches.size());
        double lossSum = 0;
        int seen = 0;
        Architecture arch = model.architecture();
        for (List<Example> batch : batches) {
            try (NDManager m = trainer.getManager().newSubManager()) {
                List<float[][]> xs = new ArrayList<>(batch.size());
                int[] lengths = new int[batch.size()];
                int u = 0;
                for (Example e : batch) {
                    u = Math.max(u, e.tokens().length - 1);
                }
                long[] in = new long[batch.size() * u];
                long[] label = new long[batch.size() * u];
                for (int b = 0; b < batch.size(); b++) {
                    Example e = batch.get(b);
                    float[][] frames = o.augment() ? augment(e.frames(), random) : e.frames();
                    if (o.phaseShift() && frames.length > arch.stack()) {
                        frames = Arrays.copyOfRange(frames, random.nextInt(arch.stack()), frames.length);
                    }
                    float[][] x = TrainedModel.stack(frames, arch.stack());
                    xs.add(x);
                    lengths[b] = x.length;
                    for (int k = 0; k + 1 < e.tokens().length; k++) {
                        in[b * u + k] = e.tokens()[k];
                        label[b * u + k] = e.tokens()[k + 1];
                    }
                }
                NDArray x = TrainedModel.padded(m, xs, arch.stackedDim());
                NDArray mask = TrainedModel.maskBias(m, lengths, (int) x.getShape().get(1));
                NDArray tokIn = m.create(in, new Shape(batch.size(), u));
                NDArray labels = m.create(label, new Shape(batch.size(), u));
                float loss;
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDArray logits = trainer.forward(new NDList(x, mask, tokIn)).head();
                    NDArray l = loss(logits, labels, arch.vocabSize());
                    gc.backward(l);
                    loss = l.getFloat();
                }
                trainer.step();
                lossSum += loss * batch.size();
                seen += batch.size();
                bar.advance(String.format(Locale.ROOT, "loss %.3f", loss));
            }
        }
        bar.finish();
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        double bleu = devBleu(model, dev);
        return new EpochResult(epoch, lossSum / Math.max(1, seen), bleu, (System.nanoTime() - t0) / 1e9, seen / trainSeconds);
    }

    /** Masked, label-smoothed cross-entropy per target token (padding labels are {@link Vocabulary#PAD}). */
    static NDArray loss(NDArray logits, NDArray labels, int vocab) {
        NDArray logp = logits.logSoftmax(2);
        NDArray nll = logp.mul(labels.oneHot(vocab)).sum(new int[] {2}).neg();
        NDArray smooth = logp.mean(new int[] {2}).neg();
        NDArray perToken = nll.mul(1 - LABEL_SMOOTHING).add(smooth.mul(LABEL_SMOOTHING));
        NDArray mask = labels.neq(Vocabulary.PAD).toType(DataType.FLOAT32, false);
        return perToken.mul(mask).sum().div(mask.sum().maximum(1f));
    }

    /**
     * Buckets by length (jittered each epoch, so batches vary) and shuffles the batch order. With
     * {@link TrainOptions#concat()} a share of the utterances is first replaced by the utterance followed by a random
     * other one ({@link #followedBy}); with {@link TrainOptions#prefixes()} a share of those with prefix material by a
     * prefix ({@link PrefixPoints#prefixOf}).
     */
    private List<List<Example>> batches(List<Example> train, Random random) {
        List<Example> epoch = train;
        if (o.concat() > 0 && train.size() > 1) {
            epoch = new ArrayList<>(train.size());
            for (Example e : train) {
                if (random.nextDouble() < o.concat()) {
                    // 50-250 ms of each one's silence: 0.1-0.5 s between them, mostly under the segmenter's 320 ms
                    Example next = train.get(random.nextInt(train.size()));
                    epoch.add(followedBy(e, next, 5 + random.nextInt(21), 5 + random.nextInt(21)));
                } else {
                    epoch.add(e);
                }
            }
        }
        if (!prefixPoints.isEmpty()) {
            List<Example> cut = new ArrayList<>(epoch.size());
            for (Example e : epoch) {
                PrefixPoints p = prefixPoints.get(e);
                cut.add(p != null && random.nextDouble() < o.prefixes() ? p.prefixOf(e, random) : e);
            }
            epoch = cut;
        }
        List<Map.Entry<Double, Example>> keyed = new ArrayList<>();
        for (Example e : epoch) {
            keyed.add(Map.entry(e.frames().length * (0.9 + 0.2 * random.nextDouble()), e));
        }
        keyed.sort(Comparator.comparingDouble(Map.Entry::getKey));
        List<List<Example>> out = new ArrayList<>();
        for (int i = 0; i < keyed.size(); i += o.batchSize()) {
            List<Example> b = new ArrayList<>();
            for (int k = i; k < Math.min(keyed.size(), i + o.batchSize()); k++) {
                b.add(keyed.get(k).getValue());
            }
            out.add(b);
        }
        Collections.shuffle(out, random);
        return out;
    }

    /**
     * A frequency warp by a factor in {@code [1 - warp, 1 + warp]} (when {@code warp > 0}), a random equalizer curve
     * (when {@code eq > 0}), then {@code freqMasks} bands of up to 10 mel bins and {@code timeMasks} spans of up to 10
     * frames set to the mean (0 once normalized).
     */
    private float[][] augment(float[][] frames, Random random) {
        float[][] a = o.warp() > 0 ? new MelWarp(1 + o.warp() * (2 * random.nextDouble() - 1)).applyNormalized(frames, norm)
                : copy(frames);
        if (o.eq() > 0) {
            MelEq.random(o.eq(), random).applyNormalized(a, norm);
        }
        int bins = a.length == 0 ? 0 : a[0].length;
        for (int k = 0; k < o.freqMasks() && bins > 10; k++) {
            int w = random.nextInt(11);
            int f0 = random.nextInt(bins - w);
            for (float[] f : a) {
                Arrays.fill(f, f0, f0 + w, 0f);
            }
        }
        for (int k = 0; k < o.timeMasks() && a.length > 20; k++) {
            int w = random.nextInt(11);
            int t0 = random.nextInt(a.length - w);
            for (int t = t0; t < t0 + w; t++) {
                Arrays.fill(a[t], 0f);
            }
        }
        return a;
    }

    private double devBleu(TrainedModel model, List<Example> dev) {
        List<String> hyps = translate(model, dev);
        return Bleu.corpus(hyps, dev.stream().map(e -> e.u().target()).toList(), Bleu.forLanguage(o.target()));
    }

    /** Translates whole utterances offline, in batches of similar length. */
    static List<String> translate(TrainedModel model, List<Example> examples) {
        Integer[] order = new Integer[examples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> examples.get(i).frames().length));
        String[] out = new String[examples.size()];
        int stack = model.architecture().stack();
        for (int i = 0; i < order.length; i += 32) {
            List<float[][]> xs = new ArrayList<>();
            for (int k = i; k < Math.min(order.length, i + 32); k++) {
                xs.add(TrainedModel.stack(examples.get(order[k]).frames(), stack));
            }
            int[][] ids = model.translate(xs);
            for (int k = 0; k < ids.length; k++) {
                out[order[i + k]] = model.vocabulary().decode(ids[k]).strip();
            }
        }
        return List.of(out);
    }

    /** BLEU on the test split: all, clean, noisy, and per voice; exact-match rate. */
    private JsonObject heldOut(TrainedModel model, List<Utterance> test, FeatureNorm norm, Vocabulary vocab,
                               Architecture arch) throws IOException {
        List<Example> ex = examples(test, features(test, "features test"), norm, vocab, arch);
        List<String> hyps = translate(model, ex);
        Bleu.Tokenization tok = Bleu.forLanguage(o.target());
        JsonObject s = new JsonObject();
        s.addProperty("utterances", ex.size());
        s.addProperty("bleu", round(bleuWhere(ex, hyps, tok, e -> true)));
        s.addProperty("bleu_clean", round(bleuWhere(ex, hyps, tok, e -> !e.u().noisy())));
        s.addProperty("bleu_noisy", round(bleuWhere(ex, hyps, tok, e -> e.u().noisy())));
        long exact = 0;
        for (int i = 0; i < ex.size(); i++) {
            exact += hyps.get(i).equals(ex.get(i).u().target()) ? 1 : 0;
        }
        s.addProperty("exact_match", round(100.0 * exact / Math.max(1, ex.size())));
        JsonObject bySynth = new JsonObject();
        Map<String, Boolean> synths = new LinkedHashMap<>();
        ex.forEach(e -> synths.put(e.u().voice().split(":")[0], true));
        for (String synth : synths.keySet()) {
            bySynth.addProperty(synth, round(bleuWhere(ex, hyps, tok, e -> e.u().voice().startsWith(synth + ":"))));
        }
        s.add("bleu_by_synth", bySynth);
        return s;
    }

    private static double bleuWhere(List<Example> ex, List<String> hyps, Bleu.Tokenization tok,
                                    java.util.function.Predicate<Example> keep) {
        List<String> h = new ArrayList<>();
        List<String> r = new ArrayList<>();
        for (int i = 0; i < ex.size(); i++) {
            if (keep.test(ex.get(i))) {
                h.add(hyps.get(i));
                r.add(ex.get(i).u().target());
            }
        }
        return h.isEmpty() ? Double.NaN : Bleu.corpus(h, r, tok);
    }

    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 100) / 100.0;
    }

    private JsonObject manifest(TrainedModel model, List<EpochResult> history, double best, JsonObject heldOut) {
        JsonObject m = model.baseManifest();
        m.addProperty("language_pair", o.languagePair());
        m.addProperty("target", o.target());
        m.addProperty("chunk_ms", 960);
        m.add("policy", policy.toJson());
        JsonObject corpus = new JsonObject();
        corpus.addProperty("dir", o.corpus().toString());
        corpus.addProperty("seed", o.corpusSeed());
        corpus.addProperty("generator", "CorpusCli (docs/corpus.md)");
        if (!o.extraTrain().isEmpty()) {
            JsonArray extra = new JsonArray();
            o.extraTrain().forEach(d -> extra.add(d.toString()));
            corpus.add("extra_train_dirs", extra);
        }
        corpus.addProperty("train_utterances", trainCount);
        m.add("corpus", corpus);
        JsonObject t = new JsonObject();
        t.addProperty("seed", o.seed());
        t.addProperty("epochs", history.size());
        t.addProperty("batch_size", o.batchSize());
        t.addProperty("learning_rate", o.learningRate());
        t.addProperty("final_learning_rate", o.finalLearningRate());
        t.addProperty("bpe_merges", o.bpeMerges());
        t.addProperty("label_smoothing", LABEL_SMOOTHING);
        t.addProperty("augment", o.augment());
        t.addProperty("warp", o.augment() ? o.warp() : 0);
        t.addProperty("eq_db", o.augment() ? o.eq() : 0);
        t.addProperty("freq_masks", o.augment() ? o.freqMasks() : 0);
        t.addProperty("time_masks", o.augment() ? o.timeMasks() : 0);
        t.addProperty("concat", o.concat());
        t.addProperty("dropout", o.dropout());
        t.addProperty("phase_shift", o.phaseShift());
        t.addProperty("prefixes", o.prefixes());
        t.addProperty("kept", o.keepLast() ? "last epoch" : "best dev BLEU");
        JsonArray h = new JsonArray();
        history.forEach(r -> h.add(epochJson(r)));
        t.add("history", h);
        m.add("training", t);
        JsonObject scores = new JsonObject();
        scores.addProperty("dev_bleu", round(best));
        scores.addProperty("bleu_tokenization", Bleu.forLanguage(o.target()) == Bleu.Tokenization.CHARS ? "characters" : "words");
        if (heldOut != null) {
            scores.add("test", heldOut);
        }
        m.add("scores", scores);
        return m;
    }

    private static JsonObject epochJson(EpochResult r) {
        JsonObject j = new JsonObject();
        j.addProperty("epoch", r.epoch());
        j.addProperty("loss", Math.round(r.loss() * 10000) / 10000.0);
        j.addProperty("dev_bleu", round(r.devBleu()));
        j.addProperty("seconds", Math.round(r.seconds() * 10) / 10.0);
        j.addProperty("utterances_per_second", Math.round(r.utterancesPerSecond()));
        return j;
    }

    /** A checkpoint state built from a model directory's manifest: its history, best dev BLEU and features. */
    private static JsonObject stateOf(JsonObject manifest) {
        JsonArray history = manifest.getAsJsonObject("training").getAsJsonArray("history");
        JsonObject s = new JsonObject();
        s.addProperty("epoch", history.isEmpty() ? 0 : history.get(history.size() - 1).getAsJsonObject().get("epoch").getAsInt());
        s.addProperty("best_dev_bleu", manifest.getAsJsonObject("scores").get("dev_bleu").getAsDouble());
        s.add("features", manifest.getAsJsonObject("features"));
        s.add("history", history);
        return s;
    }

    private static void writeState(Path file, int epoch, double best, FeatureNorm norm, List<EpochResult> history) throws IOException {
        JsonObject s = new JsonObject();
        s.addProperty("epoch", epoch);
        s.addProperty("best_dev_bleu", best);
        s.add("features", norm.toJson());
        JsonArray h = new JsonArray();
        history.forEach(r -> h.add(epochJson(r)));
        s.add("history", h);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create().toJson(s) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
