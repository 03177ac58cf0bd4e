package io.infinisst.stream.model.streaming;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.infinisst.stream.model.StepInput;
import io.infinisst.stream.model.StepOutput;
import io.infinisst.stream.model.SessionTranslator;
import io.infinisst.stream.model.features.LogMel;
import io.infinisst.stream.model.features.LogMelStream;
import io.infinisst.stream.model.features.MelWarp;
import io.infinisst.stream.model.nn.Architecture;
import io.infinisst.stream.model.nn.TrainedModel;
import io.infinisst.stream.model.text.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * A trained model ({@link TrainedModel}) serving streams: each session's audio becomes log-mel frames
 * incrementally, 40 ms encoder steps, and segments cut at pauses by {@link Segmenter}. A segment is encoded as
 * its chunks arrive (the unidirectional LSTM's state carried between steps, so no frame is encoded twice) and
 * translated when it ends. A policy that {@linkplain StreamingPolicy#commitsEarly() commits early} also decodes
 * the open segment at every step and sends the part of its hypothesis the policy trusts — what two consecutive
 * hypotheses agree on ({@link StreamingPolicy#agreement()}), the prefix the model itself gives enough probability
 * ({@link StreamingPolicy#commitProbability()}), or both — and the segment's later hypotheses and final
 * translation are forced to continue what was sent. Text once sent is never changed.
 *
 * <p>One {@link #step} encodes all sessions' new audio in one LSTM call per distinct piece length (pieces of
 * equal length share a call; with uniform chunks that is one or two calls) and decodes every segment that
 * needs decoding, from all sessions, in one greedy batch.
 *
 * <p>With a bidirectional encoder ({@link Architecture#bidirectional()}) a segment's stacked features are kept
 * and the segment is encoded whole when it is decoded — at its end, or at every step when the policy commits
 * early — in the same batch as the other sessions' segments.
 *
 * <p>Sessions' features (log-mel frames and segmentation) are computed apart from the model, per session, and do
 * not batch; on a machine with cores to spare ({@link #FEATURE_THREADS}) a step computes them for its sessions in
 * parallel: on a GPU they are most of a large step (docs/gpu.md).
 *
 * <p>A session holds at most {@link StreamingPolicy#maxSegmentSteps()} encoder outputs, the LSTM state, fewer
 * than four frames and one window of samples: bounded however long it runs.
 */
public final class SpeechTranslator extends SessionTranslator<SpeechTranslator.Session> {
    /**
     * Threads of the pool every translator in the JVM shares for features: all cores but one (which the slot's own
     * thread and the pipeline use), at most 8; none (sequential) on a machine with two cores or fewer. The JVM
     * property {@code sst.model.feature_threads} overrides it (0 or 1: sequential).
     */
    static final int FEATURE_THREADS = featureThreads(System.getProperty("sst.model.feature_threads"),
            Runtime.getRuntime().availableProcessors());
    private static final ForkJoinPool SHARED_FEATURE_POOL = FEATURE_THREADS >= 2 ? new ForkJoinPool(FEATURE_THREADS) : null;
    /** Below this many sessions a step computes features on its own thread: handing them out costs more. */
    private static final int PARALLEL_FROM = 8;

    private final TrainedModel model;
    private final ForkJoinPool featurePool;
    private final StreamingPolicy policy;
    private final String name;
    private final String segmentSeparator;
    private final List<MelWarp> warps;
    /** Whether decoding reports its tokens' probabilities: early commits and the choice among readings need them. */
    private final boolean probabilities;

    /** Per-session context. */
    final class Session {
        final LogMelStream mel = new LogMelStream();
        final Segmenter segmenter = new Segmenter(policy);
        final List<float[]> pendingFrames = new ArrayList<>();
        final List<Float> pendingDb = new ArrayList<>();
        /** Encoder outputs of the open segment (its stacked features with a bidirectional encoder). */
        final List<float[]> segment = new ArrayList<>();
        /** Whether each of {@link #segment}'s steps was speech (bidirectional encoder only). */
        final List<Boolean> segmentSpeech = new ArrayList<>();
        /** LSTM state after the open segment, [layers * dim] each; null when the segment is empty. */
        float[] h;
        float[] c;
        /** Tokens of the open segment already sent (early commits). */
        int[] committed = new int[0];
        /** The previous hypothesis's continuation after {@link #committed}. */
        int[] previous;
        boolean spoke;

        void resetSegment() {
            segment.clear();
            segmentSpeech.clear();
            h = null;
            c = null;
            committed = new int[0];
            previous = null;
        }
    }

    /** A run of new encoder steps belonging to one segment. */
    private static final class Piece {
        final Session session;
        final List<float[]> steps = new ArrayList<>();
        /** Whether each step was speech, as the segmenter judged it. */
        final List<Boolean> speech = new ArrayList<>();
        final boolean continues;
        Segmenter.Action end = Segmenter.Action.KEEP;
        float[][] encoded;
        float[] h;
        float[] c;

        Piece(Session session, boolean continues) {
            this.session = session;
            this.continues = continues;
        }
    }

    /** A segment to decode: closed (final) or open (a hypothesis for early commits). */
    record Job(int row, float[][] enc, int[] forced, boolean last) {}

    /**
     * A closing segment's readings: as heard, at each of the policy's warps, and — when it has a long enough inner
     * pause — as the two halves split there (else null); the reading the model is surest of is sent ({@link #chosen}).
     */
    record Closing(Job whole, List<Job> warped, Job first, Job second) {}

    public SpeechTranslator(TrainedModel model, StreamingPolicy policy, String name) {
        this(model, policy, name, SHARED_FEATURE_POOL);
    }

    /** As above with the pool that computes sessions' features ({@code null}: the step's own thread). */
    SpeechTranslator(TrainedModel model, StreamingPolicy policy, String name, ForkJoinPool featurePool) {
        this.model = model;
        this.featurePool = featurePool;
        this.policy = policy;
        this.name = name;
        this.segmentSeparator = model.vocabulary().spacesWords() ? " " : "";
        if (!policy.closingWarps().isEmpty()
                && (!model.architecture().bidirectional() || model.architecture().melBins() != LogMel.BINS)) {
            throw new IllegalArgumentException("closing_warps need a bidirectional model of " + LogMel.BINS
                    + " mel bins (a segment's steps are its features), got " + model.architecture());
        }
        this.warps = policy.closingWarps().stream().map(MelWarp::new).toList();
        this.probabilities = policy.commitProbability() > 0 || policy.splitPauseSteps() > 0 || !warps.isEmpty();
    }

    /** Loads a model directory (its manifest's {@code policy}, when present, overrides the defaults). */
    public static SpeechTranslator load(Path dir, Device device) throws IOException {
        return load(dir, device, UnaryOperator.identity());
    }

    /** As {@link #load(Path, Device)} with the manifest's policy changed by {@code change}. */
    public static SpeechTranslator load(Path dir, Device device, UnaryOperator<StreamingPolicy> change)
            throws IOException {
        StreamingPolicy policy = StreamingPolicy.fromJson(TrainedModel.readManifest(dir).getAsJsonObject("policy"));
        return new SpeechTranslator(TrainedModel.load(dir, device), change.apply(policy), "st(" + dir.getFileName() + ")");
    }

    @Override
    public int sampleRate() {
        return io.infinisst.stream.model.features.LogMel.SAMPLE_RATE;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected Session newContext() {
        return new Session();
    }

    @Override
    protected List<StepOutput> step(List<StepInput> batch, List<Session> contexts) {
        // 1. Features and segmentation (level only), per session.
        List<List<Piece>> pieces = features(batch, contexts);
        // 2. Encode every piece that is kept, one LSTM call per length.
        encode(pieces);
        // 3. Decide what to decode, then decode it all in one batch.
        List<Job> jobs = new ArrayList<>();
        List<List<Object>> plan = new ArrayList<>(batch.size()); // per session: its closings and open-segment jobs, in order
        for (int i = 0; i < batch.size(); i++) {
            Session s = contexts.get(i);
            List<Object> order = new ArrayList<>();
            for (Piece p : pieces.get(i)) {
                if (!p.continues) {
                    s.resetSegment();
                }
                if (p.end == Segmenter.Action.DROP) {
                    // Only the last steps stay, as leading context of the segment that follows (Segmenter).
                    if (p.encoded != null) {
                        s.segment.addAll(Arrays.asList(p.encoded));
                        s.segmentSpeech.addAll(p.speech);
                    }
                    int size = s.segment.size();
                    int from = Math.max(0, size - s.segmenter.kept());
                    boolean keepLead = model.architecture().bidirectional(); // a carried LSTM state cannot keep steps
                    List<float[]> lead = keepLead ? List.copyOf(s.segment.subList(from, size)) : List.of();
                    List<Boolean> leadSpeech = keepLead && s.segmentSpeech.size() == size
                            ? List.copyOf(s.segmentSpeech.subList(from, size)) : List.of();
                    s.resetSegment();
                    s.segment.addAll(lead);
                    s.segmentSpeech.addAll(leadSpeech);
                    continue;
                }
                if (p.encoded != null) {
                    s.segment.addAll(Arrays.asList(p.encoded));
                    s.segmentSpeech.addAll(p.speech);
                    s.h = p.h;
                    s.c = p.c;
                }
                boolean closes = p.end == Segmenter.Action.CLOSE;
                if (closes && !s.segment.isEmpty()) {
                    order.add(closing(s, jobs));
                    s.resetSegment();
                }
            }
            StepInput in = batch.get(i);
            if (in.last() && !s.segment.isEmpty() && s.segmenter.hasSpeech()) {
                order.add(closing(s, jobs));
                s.resetSegment();
            } else if (policy.commitsEarly() && !in.last() && !s.segment.isEmpty() && s.segmenter.hasSpeech()) {
                Job job = new Job(jobs.size(), s.segment.toArray(new float[0][]), s.committed, false);
                jobs.add(job);
                order.add(job);
            }
            plan.add(order);
        }
        TrainedModel.Greedy decoded = decode(jobs);

        List<StepOutput> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Session s = contexts.get(i);
            StringBuilder text = new StringBuilder();
            List<Job> said = new ArrayList<>();
            for (Object o : plan.get(i)) {
                if (o instanceof Closing closing) {
                    said.addAll(chosen(closing, decoded));
                } else {
                    said.add((Job) o);
                }
            }
            for (Job job : said) {
                int[] tokens = decoded.tokens()[job.row()];
                int[] emit;
                if (job.last()) {
                    emit = tokens;
                } else {
                    emit = policy.agreement() ? agreed(s.previous, tokens) : tokens;
                    if (policy.commitProbability() > 0) {
                        emit = probable(emit, decoded.probabilities()[job.row()], policy.commitProbability());
                    }
                    s.previous = Arrays.copyOfRange(tokens, emit.length, tokens.length);
                    int[] all = Arrays.copyOf(s.committed, s.committed.length + emit.length);
                    System.arraycopy(emit, 0, all, s.committed.length, emit.length);
                    s.committed = all;
                }
                boolean startsSegment = job.forced().length == 0;
                String piece = model.vocabulary().decode(emit);
                if (startsSegment) {
                    piece = piece.stripLeading(); // a word-piece vocabulary starts every word with a space
                }
                if (piece.isEmpty()) {
                    continue;
                }
                if (startsSegment && s.spoke && !segmentSeparator.isEmpty()) {
                    text.append(segmentSeparator);
                }
                text.append(piece);
                s.spoke = true;
            }
            out.add(new StepOutput(batch.get(i).sessionId(), text.toString()));
            if (batch.get(i).last()) {
                reset(batch.get(i).sessionId()); // the stream has ended: whatever follows under this id starts anew
            }
        }
        return out;
    }

    /**
     * The jobs that decode a closing segment: the segment as heard, at each of {@link StreamingPolicy#closingWarps()},
     * and — with {@link StreamingPolicy#splitPauseSteps()} and an inner pause that long — its two halves split in the
     * middle of its longest inner pause.
     */
    private Closing closing(Session s, List<Job> jobs) {
        float[][] enc = s.segment.toArray(new float[0][]);
        Job whole = new Job(jobs.size(), enc, s.committed, true);
        jobs.add(whole);
        List<Job> warped = new ArrayList<>(warps.size());
        for (MelWarp w : warps) {
            Job job = new Job(jobs.size(), warped(enc, w), s.committed, true);
            jobs.add(job);
            warped.add(job);
        }
        // Only a bidirectional encoder's segment is its stacked steps, which can be cut and encoded apart.
        int cut = policy.splitPauseSteps() > 0 && model.architecture().bidirectional() && s.segmentSpeech.size() == enc.length
                ? innerPause(s.segmentSpeech, policy.splitPauseSteps()) : -1;
        if (cut < 0) {
            return new Closing(whole, warped, null, null);
        }
        Job first = new Job(jobs.size(), Arrays.copyOfRange(enc, 0, cut), s.committed, true);
        jobs.add(first);
        Job second = new Job(jobs.size(), Arrays.copyOfRange(enc, cut, enc.length), new int[0], true);
        jobs.add(second);
        return new Closing(whole, warped, first, second);
    }

    /** Stacked normalized steps with each of their frames warped along frequency. */
    private float[][] warped(float[][] steps, MelWarp warp) {
        int bins = model.architecture().melBins();
        int stack = model.architecture().stack();
        float[][] frames = new float[steps.length * stack][];
        for (int t = 0; t < steps.length; t++) {
            for (int k = 0; k < stack; k++) {
                frames[t * stack + k] = Arrays.copyOfRange(steps[t], k * bins, (k + 1) * bins);
            }
        }
        return TrainedModel.stack(warp.applyNormalized(frames, model.featureNorm()), stack);
    }

    /**
     * The middle of the longest run of at least {@code min} silent steps with speech before and after it, or -1.
     */
    static int innerPause(List<Boolean> speech, int min) {
        int best = -1;
        int bestLength = 0;
        int firstSpeech = speech.indexOf(Boolean.TRUE);
        int lastSpeech = speech.lastIndexOf(Boolean.TRUE);
        int run = 0;
        for (int t = Math.max(0, firstSpeech); t <= lastSpeech; t++) {
            if (speech.get(t)) {
                if (run >= min && run > bestLength) {
                    bestLength = run;
                    best = t - (run + 1) / 2;
                }
                run = 0;
            } else {
                run++;
            }
        }
        return firstSpeech < 0 ? -1 : best;
    }

    /**
     * The reading of a closing segment to send. First the surest whole reading: the segment as heard, or one of its
     * warped readings when that has a higher mean log probability per new token (an empty reading as heard is kept:
     * all of it was committed). Then its halves instead, when the model is surer of them than of that reading — a
     * higher mean log probability over their tokens — and neither is empty.
     */
    static List<Job> chosen(Closing closing, TrainedModel.Greedy decoded) {
        float[][] p = decoded.probabilities();
        int[][] t = decoded.tokens();
        Job whole = closing.whole();
        for (Job w : closing.warped()) {
            if (t[whole.row()].length > 0 && t[w.row()].length > 0 && meanLog(p[w.row()]) > meanLog(p[whole.row()])) {
                whole = w;
            }
        }
        if (closing.first() == null || t[closing.first().row()].length == 0 || t[closing.second().row()].length == 0) {
            return List.of(whole);
        }
        float[] wholeP = p[whole.row()];
        float[] first = p[closing.first().row()];
        float[] second = p[closing.second().row()];
        double halves = (sumLog(first) + sumLog(second)) / (first.length + second.length);
        return wholeP.length == 0 || halves > meanLog(wholeP)
                ? List.of(closing.first(), closing.second()) : List.of(whole);
    }

    private static double meanLog(float[] probabilities) {
        return sumLog(probabilities) / probabilities.length;
    }

    private static double sumLog(float[] probabilities) {
        double sum = 0;
        for (float q : probabilities) {
            sum += Math.log(Math.max(q, 1e-12));
        }
        return sum;
    }

    /** The feature pool's size from the property's value (null: not set) and the machine's cores. */
    static int featureThreads(String property, int cores) {
        if (property == null) {
            return Math.min(8, cores - 1);
        }
        try {
            int n = Integer.parseInt(property.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        throw new IllegalArgumentException("sst.model.feature_threads: must be a whole number >= 0, got '" + property + "'");
    }

    /** Each session's new encoder-step pieces; sessions are independent, so a pool may compute them at once. */
    private List<List<Piece>> features(List<StepInput> batch, List<Session> contexts) {
        if (featurePool == null || batch.size() < PARALLEL_FROM) {
            List<List<Piece>> pieces = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                pieces.add(cut(contexts.get(i), batch.get(i)));
            }
            return pieces;
        }
        try {
            return featurePool.submit(() -> IntStream.range(0, batch.size()).parallel()
                    .mapToObj(i -> cut(contexts.get(i), batch.get(i))).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing features", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The prefix two consecutive hypotheses share (none when there is no previous one). */
    private static int[] agreed(int[] previous, int[] current) {
        if (previous == null) {
            return new int[0];
        }
        int n = 0;
        while (n < previous.length && n < current.length && previous[n] == current[n]) {
            n++;
        }
        return Arrays.copyOf(current, n);
    }

    /**
     * The longest prefix of {@code tokens} whose probability, the product of its tokens' ({@code probabilities},
     * aligned with the hypothesis {@code tokens} starts), is at least {@code threshold}. A model trained on whole
     * sentences completes a cut-off one with a guess; the guess is where its confidence falls (docs/model.md).
     */
    static int[] probable(int[] tokens, float[] probabilities, float threshold) {
        double p = 1;
        int n = 0;
        while (n < tokens.length && (p *= probabilities[n]) >= threshold) {
            n++;
        }
        return Arrays.copyOf(tokens, n);
    }

    /** Turns a chunk into encoder-step pieces cut where the segmenter ends or drops a segment. */
    private List<Piece> cut(Session s, StepInput in) {
        LogMelStream.Frames f = s.mel.push(in.audio());
        model.featureNorm().apply(f.mel());
        for (int i = 0; i < f.mel().length; i++) {
            s.pendingFrames.add(f.mel()[i]);
            s.pendingDb.add(f.dbfs()[i]);
        }
        int stack = model.architecture().stack();
        List<Piece> out = new ArrayList<>();
        Piece current = new Piece(s, true);
        out.add(current);
        while (s.pendingFrames.size() >= stack) {
            float[] step = new float[model.architecture().stackedDim()];
            float db = -Float.MAX_VALUE;
            int bins = model.architecture().melBins();
            for (int k = 0; k < stack; k++) {
                System.arraycopy(s.pendingFrames.get(k), 0, step, k * bins, bins);
                db = Math.max(db, s.pendingDb.get(k));
            }
            s.pendingFrames.subList(0, stack).clear();
            s.pendingDb.subList(0, stack).clear();
            current.steps.add(step);
            Segmenter.Action action = s.segmenter.add(db);
            current.speech.add(s.segmenter.lastWasSpeech());
            if (action != Segmenter.Action.KEEP) {
                current.end = action;
                // After a drop the segment goes on from the steps it kept; after a close a new one starts.
                current = new Piece(s, action == Segmenter.Action.DROP);
                out.add(current);
            }
        }
        return out;
    }

    /**
     * Encodes the kept pieces, batching those of equal length into one LSTM call. A bidirectional encoder
     * keeps the stacked features instead: the segment is encoded whole when it is decoded.
     */
    private void encode(List<List<Piece>> all) {
        if (model.architecture().bidirectional()) {
            for (List<Piece> ps : all) {
                for (Piece p : ps) {
                    p.encoded = p.steps.isEmpty() ? null : p.steps.toArray(new float[0][]);
                }
            }
            return;
        }
        Map<Integer, List<Piece>> byLength = new LinkedHashMap<>();
        for (List<Piece> ps : all) {
            for (Piece p : ps) {
                if (!p.steps.isEmpty() && p.end != Segmenter.Action.DROP) {
                    byLength.computeIfAbsent(p.steps.size(), k -> new ArrayList<>()).add(p);
                }
            }
        }
        Architecture a = model.architecture();
        int stateLen = a.encoderLayers() * a.encoderDim();
        for (Map.Entry<Integer, List<Piece>> e : byLength.entrySet()) {
            List<Piece> group = e.getValue();
            int n = group.size();
            int t = e.getKey();
            float[] h = new float[n * stateLen];
            float[] c = new float[n * stateLen];
            List<float[][]> inputs = new ArrayList<>(n);
            for (int b = 0; b < n; b++) {
                Piece p = group.get(b);
                inputs.add(p.steps.toArray(new float[0][]));
                Session s = p.session;
                if (p.continues && s.h != null) {
                    // state layout [layers, B, dim]: row b of each layer
                    for (int l = 0; l < a.encoderLayers(); l++) {
                        System.arraycopy(s.h, l * a.encoderDim(), h, (l * n + b) * a.encoderDim(), a.encoderDim());
                        System.arraycopy(s.c, l * a.encoderDim(), c, (l * n + b) * a.encoderDim(), a.encoderDim());
                    }
                }
            }
            try (NDManager m = model.manager().newSubManager()) {
                NDArray x = TrainedModel.padded(m, inputs, a.stackedDim());
                Shape stateShape = new Shape(a.encoderLayers(), n, a.encoderDim());
                NDList r = model.net().encode(model.inferenceStore(), x, m.create(h, stateShape), m.create(c, stateShape), false);
                float[] enc = r.get(0).toFloatArray();
                float[] hOut = r.get(1).toFloatArray();
                float[] cOut = r.get(2).toFloatArray();
                for (int b = 0; b < n; b++) {
                    Piece p = group.get(b);
                    p.encoded = new float[t][];
                    for (int i = 0; i < t; i++) {
                        p.encoded[i] = Arrays.copyOfRange(enc, (b * t + i) * a.encoderDim(), (b * t + i + 1) * a.encoderDim());
                    }
                    p.h = new float[stateLen];
                    p.c = new float[stateLen];
                    for (int l = 0; l < a.encoderLayers(); l++) {
                        System.arraycopy(hOut, (l * n + b) * a.encoderDim(), p.h, l * a.encoderDim(), a.encoderDim());
                        System.arraycopy(cOut, (l * n + b) * a.encoderDim(), p.c, l * a.encoderDim(), a.encoderDim());
                    }
                }
            }
        }
    }

    /** Decodes all jobs in one greedy batch. */
    private TrainedModel.Greedy decode(List<Job> jobs) {
        if (jobs.isEmpty()) {
            return new TrainedModel.Greedy(new int[0][], new float[0][]);
        }
        List<float[][]> encs = new ArrayList<>(jobs.size());
        int[] lengths = new int[jobs.size()];
        int[][] forced = new int[jobs.size()][];
        int[] starts = new int[jobs.size()];
        for (Job j : jobs) {
            encs.add(j.enc());
            lengths[j.row()] = j.enc().length;
            forced[j.row()] = j.forced();
            starts[j.row()] = policy.openMarker() && !j.last() ? Vocabulary.OPEN : Vocabulary.BOS;
        }
        try (NDManager m = model.manager().newSubManager()) {
            Architecture a = model.architecture();
            NDArray enc = a.bidirectional()
                    ? model.encodeSegments(m, encs)
                    : TrainedModel.padded(m, encs, a.encoderDim());
            NDArray mask = TrainedModel.maskBias(m, lengths, (int) enc.getShape().get(1));
            return model.greedy(enc, mask, lengths, forced, starts, probabilities);
        }
    }

    /** Encoder outputs a session holds (its open segment), for tests of bounded memory. */
    int heldSteps(String sessionId) {
        Session s = context(sessionId);
        return s == null ? 0 : s.segment.size() + s.pendingFrames.size();
    }

    /** Samples a session holds for its next frame. */
    int heldSamples(String sessionId) {
        Session s = context(sessionId);
        return s == null ? 0 : s.mel.heldSamples();
    }

    /** Arrays the model's manager holds: constant between steps unless a step leaks. */
    int liveArrays() {
        return ((ai.djl.ndarray.BaseNDManager) model.manager()).getManagedArrays().size();
    }

    public StreamingPolicy policy() {
        return policy;
    }

    @Override
    protected void release() {
        model.close();
    }
}
