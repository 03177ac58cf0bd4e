package io.infinisst.stream.model.train;

import ai.djl.Device;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.infinisst.stream.model.StepInput;
import io.infinisst.stream.model.StepOutput;
import io.infinisst.stream.model.corpus.Wav;
import io.infinisst.stream.model.nn.TrainedModel;
import io.infinisst.stream.model.streaming.SpeechTranslator;
import io.infinisst.stream.model.streaming.StreamingPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A quick check of a trained model as it is served: streams a split's WAVs through {@link SpeechTranslator}
 * in chunks of 0.96 s × multiplier, {@code --batch} sessions per step, and prints BLEU (this module's
 * {@link Bleu}) for single sentences and multi-sentence streams, how long after the audio ended the last
 * text came (in stream time, chunk-granular), the sentences' mean LAAL in stream time (text counted at the end of
 * the chunk that produced it; characters for Chinese, words for Italian; the pipeline's own figures come from
 * {@code eval}), and the real-time factor of the steps. {@code --agreement true|false} and {@code --commit-probability P}
 * override the model's streaming policy, to compare policies on one model. {@code --repeat N} streams each clean sentence N times with
 * {@code --gap-ms} of silence between (default 600) and counts the copies translated as the first. {@code --cut-streams true}
 * streams each multi-sentence stream's sentences apart instead ({@code cut} items: the same audio as the stream, cut
 * at the sentence times its manifest records). {@code --join-ms P} streams each clean sentence followed by another with
 * a pause of P ms ({@code pair} items: two sentences the segmenter may keep as one segment). {@code --closing-warps}
 * sets the policy's warp factors (comma-separated; {@code none}: none). The project's reported
 * figures (sacreBLEU, StreamLAAL through the running pipeline) come from {@code eval}.
 *
 * <pre>java ... io.infinisst.stream.model.train.StreamCheck --model models/en-zh --corpus .sst/corpus [--split test] [--multiplier 1] [--batch 16] [--limit N] [--out hyps.jsonl] [--agreement true|false] [--commit-probability P] [--repeat N [--gap-ms 600]] [--cut-streams true] [--join-ms P] [--closing-warps W,W...]</pre>
 */
public final class StreamCheck {
    private StreamCheck() {}

    /**
     * One clip to stream; {@code fromMs}/{@code toMs} cut a part of its WAV (-1: the whole file); {@code then}, when
     * set, is another clip said right after this one, {@code pauseMs} apart (see {@link #joined}).
     */
    record Item(String id, String kind, boolean noisy, String synth, Path wav, String target, int fromMs, int toMs,
                Item then, int pauseMs) {
        Item(String id, String kind, boolean noisy, String synth, Path wav, String target) {
            this(id, kind, noisy, synth, wav, target, -1, -1, null, 0);
        }

        Item(String id, String kind, boolean noisy, String synth, Path wav, String target, int fromMs, int toMs) {
            this(id, kind, noisy, synth, wav, target, fromMs, toMs, null, 0);
        }

        float[] audio() throws IOException {
            float[] a = Wav.read(wav).samples();
            a = fromMs < 0 ? a : java.util.Arrays.copyOfRange(a, Math.min(a.length, fromMs * 16), Math.min(a.length, toMs * 16));
            return then == null ? a : joined(a, pauseMs * 16, then.audio());
        }
    }

    public static void main(String[] args) throws IOException {
        Path model = null;
        Path corpus = null;
        String split = "test";
        int multiplier = 1;
        int batch = 16;
        int limit = 0;
        Path hypsFile = null;
        Boolean agreement = null;
        Float commitProbability = null;
        int repeat = 1;
        boolean cutStreams = false;
        int joinMs = -1;
        int gapMs = 600;
        List<Double> closingWarps = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--model" -> model = Path.of(args[i + 1]);
                case "--corpus" -> corpus = Path.of(args[i + 1]);
                case "--split" -> split = args[i + 1];
                case "--multiplier" -> multiplier = Integer.parseInt(args[i + 1]);
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                case "--limit" -> limit = Integer.parseInt(args[i + 1]);
                case "--out" -> hypsFile = Path.of(args[i + 1]);
                case "--agreement" -> agreement = Boolean.parseBoolean(args[i + 1]);
                case "--commit-probability" -> commitProbability = Float.parseFloat(args[i + 1]);
                case "--repeat" -> repeat = Integer.parseInt(args[i + 1]);
                case "--cut-streams" -> cutStreams = Boolean.parseBoolean(args[i + 1]);
                case "--join-ms" -> joinMs = Integer.parseInt(args[i + 1]);
                case "--gap-ms" -> gapMs = Integer.parseInt(args[i + 1]);
                case "--closing-warps" -> closingWarps = "none".equals(args[i + 1]) ? List.of()
                        : java.util.Arrays.stream(args[i + 1].split(",")).map(Double::valueOf).toList();
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        if (model == null || corpus == null) {
            throw new IllegalArgumentException("usage: StreamCheck --model DIR --corpus DIR [--split test] [--multiplier 1] [--batch 16] [--limit N] [--agreement true|false] [--commit-probability P] [--repeat N [--gap-ms 600]] [--cut-streams true] [--join-ms P] [--closing-warps W,W...]");
        }
        String target = TrainedModel.readManifest(model).get("target").getAsString();
        List<Item> items = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(corpus.resolve("manifest.jsonl"), StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonObject j = JsonParser.parseString(line).getAsJsonObject();
                if (j.get("split").getAsString().equals(split)) {
                    items.addAll(cutStreams ? cut(j, corpus, target) : List.of(item(j, corpus, target)));
                }
            }
        }
        if (limit > 0 && items.size() > limit) {
            items = items.subList(0, limit);
        }
        boolean words = !"zh".equals(target);
        if (repeat > 1) {
            // Each clean sentence said `repeat` times with pauses: the same audio as a stream, so whatever differs
            // between its copies is the stream's doing (what came before a segment), not the sentence's.
            int n = repeat;
            items = items.stream().filter(it -> it.kind().equals("sentence") && !it.noisy())
                    .map(it -> new Item(it.id() + "-x" + n, "stream", false, it.synth(), it.wav(),
                            String.join(words ? " " : "", java.util.Collections.nCopies(n, it.target()))))
                    .toList();
        }
        if (joinMs >= 0) {
            // Two sentences with a short pause, as people say them: the segmenter keeps them one segment when the pause
            // is under its end silence. Each clean sentence is followed by the next clean one of its synthesizer.
            List<Item> clean = items.stream().filter(it -> it.kind().equals("sentence") && !it.noisy()).toList();
            List<Item> pairs = new ArrayList<>();
            for (int k = 0; k < clean.size(); k++) {
                Item a = clean.get(k);
                for (int d = 1; d < clean.size(); d++) {
                    Item b = clean.get((k + d) % clean.size());
                    if (b.synth().equals(a.synth())) {
                        pairs.add(new Item(a.id() + "+" + b.id(), "pair", false, a.synth(), a.wav(),
                                a.target() + (words ? " " : "") + b.target(), -1, -1, b, joinMs));
                        break;
                    }
                }
            }
            items = pairs;
        }
        int chunk = 15_360 * multiplier;
        List<String> hyps = new ArrayList<>();
        double delaySum = 0;
        long stepNanos = 0;
        double audioSeconds = 0;
        double laalSum = 0;
        int laalCount = 0;
        Boolean agree = agreement;
        Float probability = commitProbability;
        List<Double> warps = closingWarps;
        try (SpeechTranslator t = SpeechTranslator.load(model, Device.cpu(), p -> {
            StreamingPolicy q = p.overriddenBy(agree, probability);
            return warps == null ? q : q.withClosingWarps(warps);
        })) {
            System.out.println("policy: " + t.policy());
            for (int from = 0; from < items.size(); from += batch) {
                List<Item> group = items.subList(from, Math.min(items.size(), from + batch));
                List<float[]> audio = new ArrayList<>();
                StringBuilder[] said = new StringBuilder[group.size()];
                double[] lastTextAt = new double[group.size()];
                List<List<Double>> unitTimes = new ArrayList<>();
                int chunks = 0;
                for (int i = 0; i < group.size(); i++) {
                    float[] a = repeated(group.get(i).audio(), repeat, gapMs * 16);
                    audio.add(a);
                    audioSeconds += a.length / 16_000.0;
                    chunks = Math.max(chunks, (a.length + chunk - 1) / chunk);
                    said[i] = new StringBuilder();
                    unitTimes.add(new ArrayList<>());
                    t.open(group.get(i).id());
                }
                for (int c = 0; c < chunks; c++) {
                    List<StepInput> in = new ArrayList<>();
                    List<Integer> rows = new ArrayList<>();
                    for (int i = 0; i < group.size(); i++) {
                        float[] a = audio.get(i);
                        int start = c * chunk;
                        if (start < a.length || (c == 0)) {
                            int end = Math.min(a.length, start + chunk);
                            in.add(new StepInput(group.get(i).id(), c, java.util.Arrays.copyOfRange(a, Math.min(start, end), end), end >= a.length));
                            rows.add(i);
                        }
                    }
                    long s0 = System.nanoTime();
                    List<StepOutput> out = t.step(in);
                    stepNanos += System.nanoTime() - s0;
                    for (int k = 0; k < out.size(); k++) {
                        int i = rows.get(k);
                        if (!out.get(k).text().isEmpty()) {
                            said[i].append(out.get(k).text());
                            lastTextAt[i] = Math.min((c + 1) * (double) chunk, audio.get(i).length) / 16_000.0;
                            List<Double> times = unitTimes.get(i);
                            for (int u = times.size(); u < units(said[i].toString(), words); u++) {
                                times.add(lastTextAt[i]);
                            }
                        }
                    }
                }
                for (int i = 0; i < group.size(); i++) {
                    t.close(group.get(i).id());
                    hyps.add(said[i].toString());
                    delaySum += lastTextAt[i] - audio.get(i).length / 16_000.0;
                    if (group.get(i).kind().equals("sentence")) {
                        laalSum += laal(unitTimes.get(i), audio.get(i).length / 16_000.0, units(group.get(i).target(), words));
                        laalCount++;
                    }
                }
            }
        }
        Bleu.Tokenization tok = Bleu.forLanguage(target);
        System.out.printf(Locale.ROOT, "%s %s, chunks of %.2f s, batch %d: %d items%n", model, split, chunk / 16_000.0, batch, items.size());
        for (String kind : List.of("sentence", "stream", "cut", "pair")) {
            for (boolean noisy : new boolean[] {false, true}) {
                String label = String.format(Locale.ROOT, "%-8s %-5s", kind, noisy ? "noisy" : "clean");
                printBleu(label, items, hyps, tok, it -> it.kind().equals(kind) && it.noisy() == noisy, false);
            }
        }
        // By voice as well: the test split's streams and sentences mix the held-out voices in different
        // proportions, so a gap between streams and sentences is only read within one synthesizer.
        for (String synth : items.stream().map(Item::synth).distinct().sorted().toList()) {
            printBleu(String.format(Locale.ROOT, "%-14s", synth), items, hyps, tok, it -> it.synth().equals(synth), true);
            for (String kind : List.of("sentence", "stream", "cut", "pair")) {
                printBleu(String.format(Locale.ROOT, "  %-12s", kind), items, hyps, tok,
                        it -> it.synth().equals(synth) && it.kind().equals(kind), false);
            }
        }
        long exact = 0;
        for (int i = 0; i < items.size(); i++) {
            exact += hyps.get(i).equals(items.get(i).target()) ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "  exact %d of %d (%.1f %%)%n", exact, items.size(), 100.0 * exact / Math.max(1, items.size()));
        if (hypsFile != null) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                JsonObject j = new JsonObject();
                Item it = items.get(i);
                j.addProperty("id", it.id());
                j.addProperty("kind", it.kind());
                j.addProperty("noisy", it.noisy());
                j.addProperty("synth", it.synth());
                j.addProperty("ref", it.target());
                j.addProperty("hyp", hyps.get(i));
                lines.add(j.toString());
            }
            Files.write(hypsFile, lines, StandardCharsets.UTF_8);
        }
        System.out.printf(Locale.ROOT, "  all BLEU %.2f; last text %.2f s after the audio ends (mean, negative = before); RTF %.4f%n",
                Bleu.corpus(hyps, items.stream().map(Item::target).toList(), tok), delaySum / items.size(), stepNanos / 1e9 / audioSeconds);
        System.out.printf(Locale.ROOT, "  sentences' LAAL %.2f s (stream time, %s)%n", laalSum / Math.max(1, laalCount),
                words ? "words" : "characters");
        if (repeat > 1) {
            int[] same = new int[repeat];
            for (String h : hyps) {
                String[] said = h.split("(?<=[。？！.?!])\\s*");
                for (int k = 0; k < repeat && k < said.length; k++) {
                    same[k] += said[k].equals(said[0]) ? 1 : 0;
                }
            }
            System.out.println("  copies translated as the first, by position: " + java.util.Arrays.toString(same)
                    + " of " + hyps.size());
        }
        for (int i = 0; i < Math.min(5, items.size()); i++) {
            System.out.println("  " + items.get(i).target() + "  |  " + hyps.get(i));
        }
    }

    /** {@code audio} said {@code n} times with {@code gap} samples of silence between. */
    /** A manifest line as one clip, whole. */
    static Item item(JsonObject j, Path corpus, String target) {
        return new Item(j.get("id").getAsString(), j.get("kind").getAsString(), !"none".equals(j.get("noise").getAsString()),
                j.get("synth").getAsString(), corpus.resolve(j.get("wav").getAsString()), j.get(target).getAsString());
    }

    /**
     * A stream's sentences as sentences, each cut from the stream's audio halfway into the pauses around it and with
     * at most 200 ms of silence either side (as the corpus's single sentences have): the same audio, streamed apart, so
     * that what a stream loses to being one is told from what its sentences would lose anyway. Sentences stay
     * sentences.
     */
    static List<Item> cut(JsonObject j, Path corpus, String target) {
        Item whole = item(j, corpus, target);
        if (!whole.kind().equals("stream")) {
            return List.of(whole);
        }
        var sentences = j.getAsJsonArray("sentences");
        List<Item> out = new ArrayList<>();
        for (int k = 0; k < sentences.size(); k++) {
            JsonObject s = sentences.get(k).getAsJsonObject();
            int from = Math.max(0, s.get("start_ms").getAsInt() - 200);
            int to = s.get("end_ms").getAsInt() + 200;
            if (k > 0) {
                from = Math.max(from, (sentences.get(k - 1).getAsJsonObject().get("end_ms").getAsInt() + s.get("start_ms").getAsInt()) / 2);
            }
            if (k + 1 < sentences.size()) {
                to = Math.min(to, (s.get("end_ms").getAsInt() + sentences.get(k + 1).getAsJsonObject().get("start_ms").getAsInt()) / 2);
            }
            out.add(new Item(whole.id() + "-" + k, "cut", whole.noisy(), whole.synth(), whole.wav(), s.get(target).getAsString(),
                    from, to));
        }
        return out;
    }

    /**
     * Two clips said {@code gap} samples apart: each clip's outer silence trimmed to 50 ms beyond its first and last
     * 10 ms frame above -45 dBFS, 200 ms of silence before the first and after the second.
     */
    static float[] joined(float[] a, int gap, float[] b) {
        float[] x = trimmed(a);
        float[] y = trimmed(b);
        int pad = 3_200;
        float[] out = new float[pad + x.length + gap + y.length + pad];
        System.arraycopy(x, 0, out, pad, x.length);
        System.arraycopy(y, 0, out, pad + x.length + gap, y.length);
        return out;
    }

    /** The clip from 50 ms before its first to 50 ms after its last 10 ms frame above -45 dBFS (all of it when none is). */
    static float[] trimmed(float[] a) {
        int frame = 160;
        int first = -1;
        int last = -1;
        for (int f = 0; (f + 1) * frame <= a.length; f++) {
            double e = 0;
            for (int i = f * frame; i < (f + 1) * frame; i++) {
                e += a[i] * a[i];
            }
            if (10 * Math.log10(e / frame + 1e-12) > -45) {
                first = first < 0 ? f : first;
                last = f;
            }
        }
        if (first < 0) {
            return a;
        }
        return java.util.Arrays.copyOfRange(a, Math.max(0, first * frame - 800), Math.min(a.length, (last + 1) * frame + 800));
    }

    static float[] repeated(float[] audio, int n, int gap) {
        if (n <= 1) {
            return audio;
        }
        float[] out = new float[n * audio.length + (n - 1) * gap];
        for (int k = 0; k < n; k++) {
            System.arraycopy(audio, 0, out, k * (audio.length + gap), audio.length);
        }
        return out;
    }

    /** Latency units in {@code text}: words, or characters other than spaces. */
    static int units(String text, boolean words) {
        String s = text.strip();
        if (s.isEmpty()) {
            return 0;
        }
        return words ? s.split("\\s+").length : (int) s.codePoints().filter(cp -> !Character.isWhitespace(cp)).count();
    }

    /**
     * Length-adaptive average lagging of one sentence: unit k said at {@code times[k]} seconds, against an ideal
     * that says the {@code max(hyp, ref)} units evenly over the source; averaged up to the first unit said once the
     * source had ended.
     */
    static double laal(List<Double> times, double sourceSeconds, int refUnits) {
        if (times.isEmpty()) {
            return sourceSeconds;
        }
        double rate = sourceSeconds / Math.max(times.size(), refUnits);
        double sum = 0;
        int tau = 0;
        for (int k = 0; k < times.size(); k++) {
            sum += times.get(k) - k * rate;
            tau++;
            if (times.get(k) >= sourceSeconds) {
                break;
            }
        }
        return sum / tau;
    }

    /** Prints the BLEU of the items {@code which} selects; an empty selection prints nothing unless asked. */
    private static void printBleu(String label, List<Item> items, List<String> hyps, Bleu.Tokenization tok,
                                  java.util.function.Predicate<Item> which, boolean evenIfEmpty) {
        List<String> h = new ArrayList<>();
        List<String> ref = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (which.test(items.get(i))) {
                h.add(hyps.get(i));
                ref.add(items.get(i).target());
            }
        }
        if (evenIfEmpty || !h.isEmpty()) {
            System.out.printf(Locale.ROOT, "  %s n=%4d  BLEU %6.2f%n", label, h.size(), Bleu.corpus(h, ref, tok));
        }
    }
}
