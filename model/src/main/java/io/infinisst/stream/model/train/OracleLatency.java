package io.infinisst.stream.model.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.infinisst.stream.model.corpus.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The latency of a perfect policy, as a floor for the real one: for every sentence with prefix material
 * ({@code prefixes.jsonl}, {@code corpus/PrefixCli}), each target unit is said the moment the words that determine it
 * have been heard — at the end of the word after which every sentence of the grammar that starts that way agrees on
 * it — with no model, no computation and no mistakes. LAAL is computed as {@link StreamCheck} does (characters for
 * Chinese, words for Italian, against the clip's length), for text said at once and for text said at the end of the
 * chunk (0.96 s × multiplier) in which its word ends; the {@code +pause} rows also hold the words of the sentence's
 * last word back until the pause that ends a segment ({@code --end-silence-ms}, 320) has been heard, as a policy that
 * does not know the grammar must. Whatever a served model does beyond this floor is the model's cost: its guesses,
 * its waiting for confidence, its mistakes.
 *
 * <pre>java ... io.infinisst.stream.model.train.OracleLatency --corpus .sst/corpus [--end-silence-ms 320]</pre>
 */
public final class OracleLatency {
    static final double BASE_CHUNK_S = 0.96;

    private OracleLatency() {}

    /** One sentence: where each word ends (s), its clip's length (s), and what may be said after k words. */
    record Sentence(double[] wordEnds, double seconds, List<String> heard) {}

    public static void main(String[] args) throws IOException {
        Path corpus = null;
        double endSilence = 0.32;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--corpus" -> corpus = Path.of(args[i + 1]);
                case "--end-silence-ms" -> endSilence = Integer.parseInt(args[i + 1]) / 1000.0;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (corpus == null || !Files.isRegularFile(corpus.resolve("prefixes.jsonl"))) {
            System.err.println("usage: OracleLatency --corpus DIR [--end-silence-ms 320]   (DIR/prefixes.jsonl: scripts/sst prefixes)");
            System.exit(2);
        }
        Map<String, Double> seconds = new HashMap<>();
        for (JsonObject j : Manifest.read(corpus.resolve("manifest.jsonl"))) {
            seconds.put(j.get("id").getAsString(), j.get("duration").getAsDouble());
        }
        List<JsonObject> prefixes = Manifest.read(corpus.resolve("prefixes.jsonl"));
        for (String lang : List.of("zh", "it")) {
            boolean words = lang.equals("it");
            List<Sentence> sentences = new ArrayList<>();
            for (JsonObject j : prefixes) {
                JsonArray ends = j.getAsJsonArray("ends_ms");
                double[] e = new double[ends.size()];
                for (int k = 0; k < e.length; k++) {
                    e[k] = ends.get(k).getAsDouble() / 1000;
                }
                List<String> heard = new ArrayList<>();
                j.getAsJsonArray(lang).forEach(s -> heard.add(s.getAsString()));
                sentences.add(new Sentence(e, seconds.get(j.get("id").getAsString()), heard));
            }
            System.out.printf(Locale.ROOT, "%s: %d sentences (%s), LAAL of saying each %s when its words are heard%n", lang,
                    sentences.size(), corpus.resolve("prefixes.jsonl"), words ? "word" : "character");
            System.out.printf(Locale.ROOT, "  %-28s %.2f s%n", "at once", mean(sentences, words, 0, 0));
            for (int m = 1; m <= 2; m++) {
                System.out.printf(Locale.ROOT, "  %-28s %.2f s%n", "multiplier " + m + " (chunk end)",
                        mean(sentences, words, BASE_CHUNK_S * m, 0));
                System.out.printf(Locale.ROOT, "  %-28s %.2f s%n", "multiplier " + m + " +pause",
                        mean(sentences, words, BASE_CHUNK_S * m, endSilence));
            }
        }
    }

    static double mean(List<Sentence> sentences, boolean words, double chunk, double endSilence) {
        double sum = 0;
        for (Sentence s : sentences) {
            sum += StreamCheck.laal(times(s, words, chunk, endSilence), s.seconds(), StreamCheck.units(s.heard().get(s.heard().size() - 1), words));
        }
        return sentences.isEmpty() ? 0 : sum / sentences.size();
    }

    /**
     * When each unit of the sentence's translation is said: the end of the first word after which it is determined,
     * the sentence's last increment {@code endSilence} later, then the end of the chunk that holds that moment (but
     * no later than the clip's end, when a stream's last, partial chunk arrives). {@code chunk} 0: at once.
     */
    static List<Double> times(Sentence s, boolean words, double chunk, double endSilence) {
        int n = s.heard().size() - 1;
        int[] said = new int[n + 1];
        for (int k = 0; k <= n; k++) {
            said[k] = StreamCheck.units(s.heard().get(k), words);
        }
        List<Double> times = new ArrayList<>();
        int k = 0;
        for (int unit = 0; unit < said[n]; unit++) {
            while (said[k] <= unit) {
                k++;
            }
            double t = k == 0 ? 0 : s.wordEnds()[k - 1] + (k == n ? endSilence : 0);
            if (chunk > 0) {
                t = Math.min(Math.ceil(t / chunk - 1e-9) * chunk, s.seconds());
            }
            times.add(t);
        }
        return times;
    }
}
