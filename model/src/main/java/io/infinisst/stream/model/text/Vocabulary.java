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

/**
 * A character vocabulary: every Unicode code point of the target text (Chinese characters and punctuation;
 * Italian letters, apostrophes and the space) is one token. Characters keep the vocabulary small (≈ 700 for
 * Chinese, ≈ 60 for Italian) and can spell any word of the corpus, which word pieces learned from 3,000
 * sentences could not promise for held-out slot values.
 *
 * <p>Ids 0–3 are {@code <pad>}, {@code <s>}, {@code </s>}, {@code <unk>}; the rest follow in code-point
 * order, so the same text always gives the same vocabulary. Immutable.
 *
 * <p>File format ({@code vocab.json}): {@code {"type":"char","tokens":["<pad>","<s>","</s>","<unk>","a",...]}},
 * a token's id being its index.
 */
public final class Vocabulary {
    public static final int PAD = 0;
    public static final int BOS = 1;
    public static final int EOS = 2;
    public static final int UNK = 3;
    private static final List<String> SPECIALS = List.of("<pad>", "<s>", "</s>", "<unk>");

    private final List<String> tokens;
    private final Map<Integer, Integer> ids = new HashMap<>();

    private Vocabulary(List<String> tokens) {
        if (tokens.size() < SPECIALS.size() || !tokens.subList(0, SPECIALS.size()).equals(SPECIALS)) {
            throw new IllegalArgumentException("vocabulary must start with " + SPECIALS + ", got " + tokens.subList(0, Math.min(4, tokens.size())));
        }
        this.tokens = List.copyOf(tokens);
        for (int i = SPECIALS.size(); i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.codePointCount(0, t.length()) != 1) {
                throw new IllegalArgumentException("vocabulary token " + i + " is not one character: '" + t + "'");
            }
            ids.put(t.codePointAt(0), i);
        }
    }

    /** The vocabulary of every character in {@code texts}. */
    public static Vocabulary build(Collection<String> texts) {
        TreeMap<Integer, Boolean> chars = new TreeMap<>();
        for (String t : texts) {
            t.codePoints().forEach(cp -> chars.put(cp, true));
        }
        List<String> tokens = new ArrayList<>(SPECIALS);
        for (int cp : chars.keySet()) {
            tokens.add(new String(Character.toChars(cp)));
        }
        return new Vocabulary(tokens);
    }

    public int size() {
        return tokens.size();
    }

    /** Token ids of {@code text}, without {@code <s>}/{@code </s>}; unknown characters become {@link #UNK}. */
    public int[] encode(String text) {
        return text.codePoints().map(cp -> ids.getOrDefault(cp, UNK)).toArray();
    }

    /** The text of {@code ids}, skipping special tokens. */
    public String decode(int[] tokenIds) {
        StringBuilder sb = new StringBuilder();
        for (int id : tokenIds) {
            if (id >= SPECIALS.size() && id < tokens.size()) {
                sb.append(tokens.get(id));
            }
        }
        return sb.toString();
    }

    public void save(Path file) throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("type", "char");
        JsonArray array = new JsonArray();
        tokens.forEach(array::add);
        json.add("tokens", array);
        Files.writeString(file, new GsonBuilder().disableHtmlEscaping().create().toJson(json) + "\n", StandardCharsets.UTF_8);
    }

    public static Vocabulary load(Path file) throws IOException {
        JsonObject json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        String type = json.has("type") ? json.get("type").getAsString() : "";
        if (!"char".equals(type)) {
            throw new IOException(file + ": vocabulary type must be \"char\", got \"" + type + "\"");
        }
        List<String> tokens = new ArrayList<>();
        json.getAsJsonArray("tokens").forEach(e -> tokens.add(e.getAsString()));
        return new Vocabulary(tokens);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && v.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }
}
