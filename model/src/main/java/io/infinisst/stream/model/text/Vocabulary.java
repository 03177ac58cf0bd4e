package io.infinisst.stream.model.text;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The target vocabulary of a trained model, of one of two types:
 * <ul>
 *   <li>{@code char}: every Unicode code point of the target text is one token. Right for Chinese, whose
 *       characters are already word-sized (≈ 700 of them), and it can spell any held-out slot value.
 *   <li>{@code bpe}: byte-pair-encoding word pieces over characters, for Italian. Characters alone make Italian
 *       targets about 60 tokens long, and a character-level decoder struggles to learn attention over them; a
 *       few hundred learned merges make common words single tokens (≈ 15 tokens a sentence) while rare words,
 *       such as numbers spelled out, are still built from pieces ("cento" "novanta" "tré"). Words are split at
 *       spaces and each begins with {@link #WORD_START}, so decoding restores the spaces.
 * </ul>
 *
 * <p>Ids 0–3 are {@code <pad>}, {@code <s>}, {@code </s>}, {@code <unk>}; then the characters in code-point order,
 * then (bpe) the merged pieces in the order they were learned, so the same text always gives the same vocabulary.
 * Immutable.
 *
 * <p>File format ({@code vocab.json}): {@code {"type":"char","tokens":["<pad>","<s>","</s>","<unk>","a",...]}}, or
 * {@code {"type":"bpe","tokens":[...],"merges":[["▁","i"],["▁i","l"],...]}}; a token's id is its index.
 */
public final class Vocabulary {
    public static final int PAD = 0;
    public static final int BOS = 1;
    public static final int EOS = 2;
    /**
     * The input that starts the decoding of a sentence still being spoken, in a prefix-trained model: EOS, which is
     * never otherwise an input, so that marking the two tasks apart needs no new token (and no new parameters).
     */
    public static final int OPEN = EOS;
    public static final int UNK = 3;
    /** Marks the first piece of a word in a bpe vocabulary (SentencePiece's convention); decodes to a space. */
    public static final String WORD_START = "\u2581";
    private static final List<String> SPECIALS = List.of("<pad>", "<s>", "</s>", "<unk>");

    private final List<String> tokens;
    private final Map<String, Integer> ids = new HashMap<>();
    /** Null for a char vocabulary; else the merges in the order learned. */
    private final List<String[]> merges;
    /** Merge rank by pair ({@code left + '\0' + right}). */
    private final Map<String, Integer> ranks = new HashMap<>();

    private Vocabulary(List<String> tokens, List<String[]> merges) {
        if (tokens.size() < SPECIALS.size() || !tokens.subList(0, SPECIALS.size()).equals(SPECIALS)) {
            throw new IllegalArgumentException("vocabulary must start with " + SPECIALS + ", got " + tokens.subList(0, Math.min(4, tokens.size())));
        }
        this.tokens = List.copyOf(tokens);
        this.merges = merges == null ? null : List.copyOf(merges);
        for (int i = SPECIALS.size(); i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (merges == null && t.codePointCount(0, t.length()) != 1) {
                throw new IllegalArgumentException("vocabulary token " + i + " is not one character: '" + t + "'");
            }
            ids.put(t, i);
        }
        if (merges != null) {
            for (int r = 0; r < merges.size(); r++) {
                String[] m = merges.get(r);
                if (m.length != 2 || !ids.containsKey(m[0] + m[1])) {
                    throw new IllegalArgumentException("merge " + r + " does not make a token of the vocabulary");
                }
                ranks.put(m[0] + '\0' + m[1], r);
            }
        }
    }

    /** The character vocabulary of every character in {@code texts}. */
    public static Vocabulary build(Collection<String> texts) {
        TreeSet<String> chars = new TreeSet<>(Vocabulary::byCodePoint);
        for (String t : texts) {
            t.codePoints().forEach(cp -> chars.add(new String(Character.toChars(cp))));
        }
        List<String> tokens = new ArrayList<>(SPECIALS);
        tokens.addAll(chars);
        return new Vocabulary(tokens, null);
    }

    /**
     * A bpe vocabulary learned from {@code texts}: at most {@code maxMerges} merges, each joining the most frequent
     * adjacent pair of pieces within words (ties to the pair that sorts first), stopping when no pair occurs twice.
     */
    public static Vocabulary bpe(Collection<String> texts, int maxMerges) {
        Map<String, Integer> wordCounts = new TreeMap<>();
        TreeSet<String> chars = new TreeSet<>(Vocabulary::byCodePoint);
        chars.add(WORD_START);
        for (String t : texts) {
            for (String w : words(t)) {
                wordCounts.merge(w, 1, Integer::sum);
                w.codePoints().forEach(cp -> chars.add(new String(Character.toChars(cp))));
            }
        }
        List<List<String>> pieces = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        wordCounts.forEach((w, n) -> {
            pieces.add(split(w));
            counts.add(n);
        });
        List<String> tokens = new ArrayList<>(SPECIALS);
        tokens.addAll(chars);
        List<String[]> merges = new ArrayList<>();
        for (int m = 0; m < maxMerges; m++) {
            Map<String, Integer> pairs = new TreeMap<>();
            for (int w = 0; w < pieces.size(); w++) {
                List<String> p = pieces.get(w);
                for (int i = 0; i + 1 < p.size(); i++) {
                    pairs.merge(p.get(i) + '\0' + p.get(i + 1), counts.get(w), Integer::sum);
                }
            }
            String best = null;
            int bestCount = 1;
            for (Map.Entry<String, Integer> e : pairs.entrySet()) {
                if (e.getValue() > bestCount) {
                    best = e.getKey();
                    bestCount = e.getValue();
                }
            }
            if (best == null) {
                break;
            }
            String[] pair = best.split("\0", 2);
            merges.add(pair);
            tokens.add(pair[0] + pair[1]);
            for (List<String> p : pieces) {
                apply(p, pair[0], pair[1]);
            }
        }
        return new Vocabulary(tokens, merges);
    }

    public int size() {
        return tokens.size();
    }

    /** Whether decoded text has spaces between words (an Italian vocabulary; not a Chinese one). */
    public boolean spacesWords() {
        return merges != null || ids.containsKey(" ");
    }

    /**
     * Token ids of {@code text}, without {@code <s>}/{@code </s>}; unknown characters become {@link #UNK}. A bpe
     * vocabulary ignores runs of spaces and the text's leading and trailing spaces.
     */
    public int[] encode(String text) {
        if (merges == null) {
            return text.codePoints().map(cp -> ids.getOrDefault(new String(Character.toChars(cp)), UNK)).toArray();
        }
        List<Integer> out = new ArrayList<>();
        for (String w : words(text)) {
            List<String> p = split(w);
            while (p.size() > 1) {
                int bestRank = Integer.MAX_VALUE;
                int at = -1;
                for (int i = 0; i + 1 < p.size(); i++) {
                    Integer r = ranks.get(p.get(i) + '\0' + p.get(i + 1));
                    if (r != null && r < bestRank) {
                        bestRank = r;
                        at = i;
                    }
                }
                if (at < 0) {
                    break;
                }
                String[] m = merges.get(bestRank);
                apply(p, m[0], m[1]);
            }
            p.forEach(piece -> out.add(ids.getOrDefault(piece, UNK)));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The text of {@code tokenIds}, skipping special tokens. In a bpe vocabulary every word begins with a space,
     * the first included, so that pieces decoded one after another join correctly: strip the text's start where a
     * sentence begins.
     */
    public String decode(int[] tokenIds) {
        StringBuilder sb = new StringBuilder();
        for (int id : tokenIds) {
            if (id >= SPECIALS.size() && id < tokens.size()) {
                sb.append(tokens.get(id));
            }
        }
        return merges == null ? sb.toString() : sb.toString().replace(WORD_START, " ");
    }

    public void save(Path file) throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("type", merges == null ? "char" : "bpe");
        JsonArray array = new JsonArray();
        tokens.forEach(array::add);
        json.add("tokens", array);
        if (merges != null) {
            JsonArray m = new JsonArray();
            for (String[] pair : merges) {
                JsonArray p = new JsonArray();
                p.add(pair[0]);
                p.add(pair[1]);
                m.add(p);
            }
            json.add("merges", m);
        }
        Files.writeString(file, new GsonBuilder().disableHtmlEscaping().create().toJson(json) + "\n", StandardCharsets.UTF_8);
    }

    public static Vocabulary load(Path file) throws IOException {
        JsonObject json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        String type = json.has("type") ? json.get("type").getAsString() : "";
        if (!"char".equals(type) && !"bpe".equals(type)) {
            throw new IOException(file + ": vocabulary type must be \"char\" or \"bpe\", got \"" + type + "\"");
        }
        List<String> tokens = new ArrayList<>();
        json.getAsJsonArray("tokens").forEach(e -> tokens.add(e.getAsString()));
        List<String[]> merges = null;
        if ("bpe".equals(type)) {
            merges = new ArrayList<>();
            for (var e : json.getAsJsonArray("merges")) {
                JsonArray p = e.getAsJsonArray();
                merges.add(new String[] {p.get(0).getAsString(), p.get(1).getAsString()});
            }
        }
        try {
            return new Vocabulary(tokens, merges);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The words of {@code text} (split at spaces), each prefixed with {@link #WORD_START}. */
    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.split(" ")) {
            if (!w.isEmpty()) {
                out.add(WORD_START + w);
            }
        }
        return out;
    }

    private static List<String> split(String word) {
        List<String> p = new ArrayList<>();
        word.codePoints().forEach(cp -> p.add(new String(Character.toChars(cp))));
        return p;
    }

    /** Joins every adjacent {@code left right} in {@code p}, left to right. */
    private static void apply(List<String> p, String left, String right) {
        for (int i = 0; i + 1 < p.size(); i++) {
            if (p.get(i).equals(left) && p.get(i + 1).equals(right)) {
                p.set(i, left + right);
                p.remove(i + 1);
            }
        }
    }

    private static int byCodePoint(String a, String b) {
        return Integer.compare(a.codePointAt(0), b.codePointAt(0));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && v.tokens.equals(tokens) && (merges == null) == (v.merges == null);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }
}
