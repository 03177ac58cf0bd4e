package io.infinisst.stream.model.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.infinisst.stream.model.StepInput;
import io.infinisst.stream.model.StepOutput;
import io.infinisst.stream.model.nn.TrainedModel;
import io.infinisst.stream.model.train.SpeechTrainer;
import io.infinisst.stream.model.train.ToneCorpus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link SpeechTranslator}. */
class SpeechTranslatorTest {
    private static final int CHUNK = 15_360; // 0.96 s
    private static final List<int[]> SEQS = List.of(new int[] {0, 1, 2}, new int[] {2, 1}, new int[] {1, 0, 2});
    private static final String SAID = "一二三三二二一三";

    @TempDir
    static Path tmp;
    private static Path modelDir;
    private final List<SpeechTranslator> open = new ArrayList<>();

    @BeforeAll
    static void trainToneModel() throws Exception {
        ToneCorpus.write(tmp.resolve("corpus"));
        modelDir = tmp.resolve("model");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        new SpeechTrainer(ToneCorpus.options(tmp.resolve("corpus"), modelDir, 60, false), quiet, quiet).run();
    }

    @AfterEach
    void closeModels() {
        open.forEach(SpeechTranslator::close);
    }

    private SpeechTranslator model(boolean agreement) throws Exception {
        return model(StreamingPolicy.defaults().withAgreement(agreement));
    }

    private SpeechTranslator model(StreamingPolicy policy) throws Exception {
        SpeechTranslator t = new SpeechTranslator(TrainedModel.load(modelDir, Device.cpu()), policy, "tones");
        open.add(t);
        return t;
    }

    /** Tone sequences with pauses of 0.6 s, as one stream. */
    private static float[] stream(List<int[]> seqs, long seed) {
        Random random = new Random(seed);
        float[] out = new float[0];
        for (int[] s : seqs) {
            float[] a = ToneCorpus.audio(s, random);
            int at = out.length;
            out = Arrays.copyOf(out, at + a.length + ToneCorpus.RATE * 6 / 10);
            System.arraycopy(a, 0, out, at, a.length);
        }
        return out;
    }

    private static List<float[]> chunks(float[] audio) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < audio.length; i += CHUNK) {
            out.add(Arrays.copyOfRange(audio, i, Math.min(audio.length, i + CHUNK)));
        }
        return out;
    }

    private static String run(SpeechTranslator t, String id, List<float[]> cs) {
        t.open(id);
        StringBuilder said = new StringBuilder();
        for (int i = 0; i < cs.size(); i++) {
            said.append(t.step(List.of(new StepInput(id, i, cs.get(i), i == cs.size() - 1))).get(0).text());
        }
        return said.toString();
    }

    @Test
    void aStreamOfSeveralSentencesIsTranslatedSegmentBySegmentBeforeItEnds() throws Exception {
        SpeechTranslator t = model(false);
        List<float[]> cs = chunks(stream(SEQS, 1));
        t.open("s");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < cs.size(); i++) {
            texts.add(t.step(List.of(new StepInput("s", i, cs.get(i), i == cs.size() - 1))).get(0).text());
        }
        assertThat(String.join("", texts)).isEqualTo(SAID);
        // The first sentence is out before the stream's last chunk: segments end at pauses, not at the end.
        assertThat(texts.subList(0, 3)).anyMatch(s -> s.startsWith("一二三"));
    }

    /** The tone stream in chunks of 0.24 s, so that open sentences are decoded while they are spoken. */
    private static List<float[]> quarterChunks() {
        float[] audio = stream(SEQS, 1);
        List<float[]> cs = new ArrayList<>();
        for (int i = 0; i < audio.length; i += CHUNK / 4) {
            cs.add(Arrays.copyOfRange(audio, i, Math.min(audio.length, i + CHUNK / 4)));
        }
        return cs;
    }

    @Test
    void theAgreementPolicyCommitsBeforeTheSegmentEndsAndContinuesWhatItCommitted() throws Exception {
        List<float[]> cs = quarterChunks();
        List<String> early = texts(model(true), cs);
        List<String> atEnd = texts(model(false), cs);
        assertThat(firstSaid(early)).isLessThan(firstSaid(atEnd));
        // A segment's final decoding is forced through what was committed, so nothing is said twice. (The tone
        // model never saw partial audio, so its early commits can still be wrong in the middle: docs/model.md.)
        assertThat(String.join("", early)).startsWith("一二三").endsWith("二一三").hasSizeLessThanOrEqualTo(SAID.length() + 2);
    }

    @Test
    void theCommitProbabilityPolicyCommitsWhatTheModelIsSureOfBeforeTheSegmentEnds() throws Exception {
        List<float[]> cs = quarterChunks();
        // The tone model is sure of its first tone too soon below 0.8 (it says 一一 after 0.24 s: it never saw a
        // cut-off sequence); at 0.9 it waits for what it has heard.
        List<String> early = texts(model(StreamingPolicy.defaults().withCommitProbability(0.9f)), cs);
        List<String> atEnd = texts(model(false), cs);
        assertThat(firstSaid(early)).isLessThan(firstSaid(atEnd));
        assertThat(String.join("", early)).isEqualTo(SAID);
        // Both conditions at once commit no sooner than either alone.
        List<String> both = texts(model(StreamingPolicy.defaults().withAgreement(true).withCommitProbability(0.9f)), cs);
        assertThat(firstSaid(both)).isGreaterThanOrEqualTo(firstSaid(early))
                .isGreaterThanOrEqualTo(firstSaid(texts(model(true), cs)));
    }

    @Test
    void probableKeepsTheLongestPrefixWhoseProbabilityReachesTheThreshold() {
        int[] tokens = {7, 8, 9};
        float[] p = {0.9f, 0.9f, 0.5f};
        assertThat(SpeechTranslator.probable(tokens, p, 0.8f)).containsExactly(7, 8); // 0.81 >= 0.8
        assertThat(SpeechTranslator.probable(tokens, p, 0.85f)).containsExactly(7);
        assertThat(SpeechTranslator.probable(tokens, p, 0.95f)).isEmpty();
        assertThat(SpeechTranslator.probable(tokens, p, 0.3f)).containsExactly(7, 8, 9);
        assertThat(SpeechTranslator.probable(new int[0], new float[0], 0.5f)).isEmpty();
    }

    @Test
    void aPolicyRejectsACommitProbabilityOutsideZeroToOne() {
        assertThatThrownBy(() -> StreamingPolicy.defaults().withCommitProbability(1f))
                .hasMessageContaining("commit_probability").hasMessageContaining("1.0");
        assertThatThrownBy(() -> StreamingPolicy.defaults().withCommitProbability(-0.1f)).hasMessageContaining("[0, 1)");
        StreamingPolicy p = StreamingPolicy.defaults().withCommitProbability(0.7f).withSplitPauseSteps(5);
        assertThat(StreamingPolicy.fromJson(p.toJson())).isEqualTo(p);
        assertThatThrownBy(() -> StreamingPolicy.defaults().withSplitPauseSteps(-1)).hasMessageContaining("split_pause_steps");
        assertThat(p.commitsEarly()).isTrue();
        assertThat(StreamingPolicy.defaults().commitsEarly()).isFalse();
    }

    private static List<String> texts(SpeechTranslator t, List<float[]> cs) {
        t.open("s");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < cs.size(); i++) {
            out.add(t.step(List.of(new StepInput("s", i, cs.get(i), i == cs.size() - 1))).get(0).text());
        }
        return out;
    }

    private static int firstSaid(List<String> texts) {
        for (int i = 0; i < texts.size(); i++) {
            if (!texts.get(i).isEmpty()) {
                return i;
            }
        }
        return texts.size();
    }

    @Test
    void aBatchedStepGivesEachSessionWhatItWouldGetAlone() throws Exception {
        batchedEqualsAlone(StreamingPolicy.defaults());
        assertThat(run(model(false), "s", chunks(stream(SEQS, 1)))).isEqualTo(SAID);
    }

    @Test
    void aBatchedStepWithEarlyCommitsGivesEachSessionWhatItWouldGetAlone() throws Exception {
        // Open segments are decoded with their tokens' probabilities, rows leaving the batch as they finish.
        batchedEqualsAlone(StreamingPolicy.defaults().withCommitProbability(0.5f));
        batchedEqualsAlone(StreamingPolicy.defaults().withAgreement(true).withCommitProbability(0.5f));
        // Closing segments with a pause of 4 steps inside are also decoded as two halves, in the same batch.
        batchedEqualsAlone(StreamingPolicy.defaults().withCommitProbability(0.5f).withSplitPauseSteps(4));
        // Open segments decoded from the prefix marker and closing ones from BOS, in one batch.
        batchedEqualsAlone(StreamingPolicy.defaults().withCommitProbability(0.5f).withOpenMarker(true));
    }

    @Test
    void theOpenMarkerRoundTripsThroughJsonAndIsOffUnlessNamed() {
        StreamingPolicy p = StreamingPolicy.defaults().withCommitProbability(0.8f).withOpenMarker(true);
        assertThat(StreamingPolicy.fromJson(p.toJson())).isEqualTo(p);
        assertThat(p.toJson().get("open_marker").getAsBoolean()).isTrue();
        assertThat(StreamingPolicy.fromJson(new com.google.gson.JsonObject()).openMarker()).isFalse();
    }

    @Test
    void closingSegmentsAreAlsoReadWarpedAndTheSurestReadingIsSent() throws Exception {
        StreamingPolicy warped = StreamingPolicy.defaults().withClosingWarps(List.of(0.95, 1.05));
        // The tone model is surest of the tones as they were played: warping moves their pitch.
        assertThat(run(model(warped), "s", chunks(stream(SEQS, 1)))).isEqualTo(SAID);
        batchedEqualsAlone(warped);
        batchedEqualsAlone(warped.withCommitProbability(0.5f).withSplitPauseSteps(4));
    }

    @Test
    void theSurestReadingOfAClosingSegmentIsChosenPerToken() {
        SpeechTranslator.Job heard = new SpeechTranslator.Job(0, null, new int[0], true);
        SpeechTranslator.Job low = new SpeechTranslator.Job(1, null, new int[0], true);
        SpeechTranslator.Job high = new SpeechTranslator.Job(2, null, new int[0], true);
        SpeechTranslator.Job first = new SpeechTranslator.Job(3, null, new int[0], true);
        SpeechTranslator.Job second = new SpeechTranslator.Job(4, null, new int[0], true);
        int[][] tokens = {{5, 6}, {5}, {5, 6, 7}, {5}, {6}};
        float[][] p = {{0.8f, 0.8f}, {0.5f}, {0.9f, 0.9f, 0.9f}, {0.85f}, {0.85f}};
        TrainedModel.Greedy decoded = new TrainedModel.Greedy(tokens, p);
        assertThat(SpeechTranslator.chosen(new SpeechTranslator.Closing(heard, List.of(low), null, null), decoded))
                .containsExactly(heard);
        assertThat(SpeechTranslator.chosen(new SpeechTranslator.Closing(heard, List.of(low, high), null, null), decoded))
                .as("a higher mean log probability, whatever the length").containsExactly(high);
        // The halves (0.85 per token) beat the reading as heard (0.8) but not the warped one (0.9).
        assertThat(SpeechTranslator.chosen(new SpeechTranslator.Closing(heard, List.of(), first, second), decoded))
                .containsExactly(first, second);
        assertThat(SpeechTranslator.chosen(new SpeechTranslator.Closing(heard, List.of(high), first, second), decoded))
                .containsExactly(high);
        // Nothing new as heard (all of it committed): nothing new is sent, whatever a warped reading says.
        TrainedModel.Greedy committed = new TrainedModel.Greedy(new int[][] {{}, {5}, {5, 6, 7}},
                new float[][] {{}, {0.5f}, {0.9f, 0.9f, 0.9f}});
        assertThat(SpeechTranslator.chosen(new SpeechTranslator.Closing(heard, List.of(high), null, null), committed))
                .containsExactly(heard);
    }

    @Test
    void closingWarpsAreFactorsNearOneAndRoundTripThroughJson() throws Exception {
        StreamingPolicy p = StreamingPolicy.defaults().withClosingWarps(List.of(0.9, 1.1));
        assertThat(StreamingPolicy.fromJson(p.toJson())).isEqualTo(p);
        assertThat(p.toJson().get("closing_warps").toString()).isEqualTo("[0.9,1.1]");
        assertThatThrownBy(() -> StreamingPolicy.defaults().withClosingWarps(List.of(1.0)))
                .hasMessageContaining("closing_warps").hasMessageContaining("other than 1");
        assertThatThrownBy(() -> StreamingPolicy.defaults().withClosingWarps(List.of(1.5)))
                .hasMessageContaining("[0.7, 1.3]").hasMessageContaining("1.5");
        com.google.gson.JsonObject j = new com.google.gson.JsonObject();
        j.addProperty("closing_warps", 1.1);
        assertThatThrownBy(() -> StreamingPolicy.fromJson(j)).hasMessageContaining("closing_warps must be an array");
        assertThat(StreamingPolicy.fromJson(new com.google.gson.JsonObject()).closingWarps()).isEmpty();
    }

    @Test
    void innerPauseIsTheMiddleOfTheLongestSilentRunBetweenSpeech() {
        List<Boolean> speech = new ArrayList<>();
        for (String c : "__SS___SSSS_____SS__".split("")) {
            speech.add(c.equals("S"));
        }
        // runs between speech: 3 steps (4-6) and 5 steps (11-15); the leading and trailing silence do not count
        assertThat(SpeechTranslator.innerPause(speech, 3)).isEqualTo(13);
        assertThat(SpeechTranslator.innerPause(speech, 5)).isEqualTo(13);
        assertThat(SpeechTranslator.innerPause(speech, 6)).isEqualTo(-1);
        assertThat(SpeechTranslator.innerPause(List.of(false, false), 1)).as("no speech").isEqualTo(-1);
        assertThat(SpeechTranslator.innerPause(List.of(true, false, false, true), 2)).isEqualTo(2);
    }

    private void batchedEqualsAlone(StreamingPolicy policy) throws Exception {
        List<List<float[]>> streams = List.of(chunks(stream(SEQS, 1)), chunks(stream(List.of(new int[] {2, 2, 0}), 2)),
                chunks(stream(List.of(new int[] {0, 2}, new int[] {1, 1}), 3)));
        SpeechTranslator alone = model(policy);
        List<String> expected = new ArrayList<>();
        for (int s = 0; s < streams.size(); s++) {
            expected.add(run(alone, "s" + s, streams.get(s)));
        }
        SpeechTranslator batched = model(policy);
        String[] said = {"", "", ""};
        for (int s = 0; s < 3; s++) {
            batched.open("s" + s);
        }
        int longest = streams.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            List<StepInput> batch = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                if (i < streams.get(s).size()) {
                    batch.add(new StepInput("s" + s, i, streams.get(s).get(i), i == streams.get(s).size() - 1));
                }
            }
            for (StepOutput o : batched.step(batch)) {
                int s = o.sessionId().charAt(1) - '0';
                said[s] += o.text();
            }
        }
        assertThat(said).as("policy %s", policy).containsExactly(expected.toArray(new String[0]));
    }

    @Test
    void featuresComputedInParallelGiveEverySessionWhatItGetsSequentially() throws Exception {
        // Twelve sessions (the pool is used from eight), each a different tone stream, stepped together.
        List<List<float[]>> streams = new ArrayList<>();
        for (int s = 0; s < 12; s++) {
            streams.add(chunks(stream(List.of(SEQS.get(s % 3), SEQS.get((s + 1) % 3)), 10 + s)));
        }
        ForkJoinPool pool = new ForkJoinPool(4);
        try {
            SpeechTranslator parallel = new SpeechTranslator(TrainedModel.load(modelDir, Device.cpu()),
                    StreamingPolicy.defaults(), "tones", pool);
            open.add(parallel);
            assertThat(together(parallel, streams)).containsExactly(together(model(false), streams));
            // Real work was compared: the streams say their tones, and on the pool's threads.
            assertThat(together(model(false), streams)[0]).isEqualTo("一二三三二");
            assertThat(pool.getStealCount() + pool.getQueuedSubmissionCount() + pool.getPoolSize()).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void featureThreadsDefaultToTheSpareCoresAndANamedCountIsChecked() {
        assertThat(SpeechTranslator.featureThreads(null, 2)).isEqualTo(1);
        assertThat(SpeechTranslator.featureThreads(null, 16)).isEqualTo(8);
        assertThat(SpeechTranslator.featureThreads(" 3 ", 16)).isEqualTo(3);
        assertThat(SpeechTranslator.featureThreads("0", 16)).isZero();
        assertThatThrownBy(() -> SpeechTranslator.featureThreads("-2", 16))
                .hasMessageContaining("sst.model.feature_threads").hasMessageContaining("'-2'");
        assertThatThrownBy(() -> SpeechTranslator.featureThreads("many", 16)).hasMessageContaining("'many'");
    }

    /** Steps the streams as one batch per chunk (sessions s0, s1, ...); returns what each session said. */
    private static String[] together(SpeechTranslator t, List<List<float[]>> streams) {
        String[] said = new String[streams.size()];
        Arrays.fill(said, "");
        for (int s = 0; s < streams.size(); s++) {
            t.open("s" + s);
        }
        int longest = streams.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            List<StepInput> batch = new ArrayList<>();
            for (int s = 0; s < streams.size(); s++) {
                if (i < streams.get(s).size()) {
                    batch.add(new StepInput("s" + s, i, streams.get(s).get(i), i == streams.get(s).size() - 1));
                }
            }
            for (StepOutput o : t.step(batch)) {
                int s = Integer.parseInt(o.sessionId().substring(1));
                said[s] += o.text();
            }
        }
        return said;
    }

    @Test
    void afterAnyPauseTheOpenSegmentHoldsTheSameLeadingSilence() throws Exception {
        SpeechTranslator t = model(false);
        int expected = StreamingPolicy.defaults().maxLeadingSteps() - 1;
        for (int ms : new int[] {960, 1200, 2000}) {
            String id = "pause" + ms;
            t.open(id);
            t.step(List.of(new StepInput(id, 0, new float[ms * 16], false)));
            // What stays is the pause's last steps (plus under one step of frames): not its length modulo the cap.
            assertThat(t.heldSteps(id)).as("after %d ms", ms).isBetween(expected, expected + 3);
            t.close(id);
        }
    }

    @Test
    void aLongSessionHoldsBoundedStateAndLeaksNoArrays() throws Exception {
        SpeechTranslator t = model(false);
        t.open("long");
        Random random = new Random(9);
        float[] speechWithoutPauses = new float[CHUNK];
        for (int i = 0; i < CHUNK; i++) {
            speechWithoutPauses[i] = (float) (0.3 * Math.sin(2 * Math.PI * ToneCorpus.RATE / 16.0 * i / ToneCorpus.RATE));
        }
        int arrays = -1;
        for (int i = 0; i < 40; i++) {
            float[] chunk = i % 10 < 7 ? speechWithoutPauses : ToneCorpus.audio(new int[] {random.nextInt(3)}, random);
            t.step(List.of(new StepInput("long", i, chunk, false)));
            assertThat(t.heldSteps("long")).isLessThanOrEqualTo(t.policy().maxSegmentSteps() + 4);
            assertThat(t.heldSamples("long")).isLessThan(400);
            if (i == 1) {
                arrays = t.liveArrays();
            }
        }
        assertThat(t.liveArrays()).isEqualTo(arrays);
        assertThat(t.openSessions()).isEqualTo(1);
        t.close("long");
        assertThat(t.openSessions()).isZero();
    }

    @Test
    void unopenedOrRepeatedSessionsAreRejected() throws Exception {
        SpeechTranslator t = model(false);
        assertThatThrownBy(() -> t.step(List.of(new StepInput("x", 0, new float[10], false)))).hasMessageContaining("'x' is not open");
        t.open("x");
        assertThatThrownBy(() -> t.step(List.of(new StepInput("x", 0, new float[10], false), new StepInput("x", 1, new float[10], false))))
                .hasMessageContaining("more than once");
    }
}
