package io.infinisst.stream.model.torchscript;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a TorchScript model's token ids into text with a HuggingFace {@code tokenizer.json} (the file that
 * the {@code tokenizers} library writes with {@code Tokenizer.save}), through DJL's tokenizers binding.
 * Special tokens ({@code added_tokens} marked {@code "special": true}) are left out of the text.
 *
 * <p>The size of the vocabulary is read from the file (the highest id in {@code model.vocab} and
 * {@code added_tokens}, plus one) so that ids a model returns can be checked: the tokenizer itself drops
 * an unknown id without a word.
 */
final class TokenDecoder implements AutoCloseable {
    private final Path file;
    private final HuggingFaceTokenizer tokenizer;
    private final long vocabularySize;

    private TokenDecoder(Path file, HuggingFaceTokenizer tokenizer, long vocabularySize) {
        this.file = file;
        this.tokenizer = tokenizer;
        this.vocabularySize = vocabularySize;
    }

    /**
     * Loads {@code tokenizer.json}.
     *
     * @throws IOException naming the file when it is missing, not JSON, or not a tokenizer the library reads
     */
    static TokenDecoder load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException(
                    "tokenizer " + file + (Files.isDirectory(file) ? " is a directory, not a file" : " does not exist")
                            + " (a HuggingFace tokenizer.json is needed to decode the model's token ids)");
        }
        long size = vocabularySize(file);
        HuggingFaceTokenizer tokenizer;
        try {
            // Only decoding is done here: no truncation or padding (which would also warn about a missing maxLength).
            tokenizer = HuggingFaceTokenizer.newInstance(file, Map.of("truncation", "false", "padding", "false"));
        } catch (RuntimeException e) {
            throw new IOException("tokenizer " + file + " is not a HuggingFace tokenizer.json: " + e.getMessage(), e);
        }
        return new TokenDecoder(file, tokenizer, size);
    }

    /** Number of ids the tokenizer knows: valid ids are {@code 0 .. size - 1}. */
    long vocabularySize() {
        return vocabularySize;
    }

    Path file() {
        return file;
    }

    /** The text of each id sequence, special tokens left out; one native call for all of them. */
    List<String> decode(List<long[]> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return new ArrayList<>(List.of(tokenizer.batchDecode(ids.toArray(long[][]::new), true)));
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    private static long vocabularySize(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return vocabularySize(JsonParser.parseReader(r).getAsJsonObject());
        } catch (RuntimeException e) { // not JSON, not an object, an id that is not a number
            throw new IOException("tokenizer " + file + " is not a HuggingFace tokenizer.json: " + e.getMessage(), e);
        }
    }

    private static long vocabularySize(JsonObject root) {
        long max = -1;
        JsonElement model = root.get("model");
        JsonElement vocab = model != null && model.isJsonObject() ? model.getAsJsonObject().get("vocab") : null;
        if (vocab != null && vocab.isJsonObject()) {
            // WordLevel, WordPiece, BPE: {"token": id, ...}
            for (Map.Entry<String, JsonElement> t : vocab.getAsJsonObject().entrySet()) {
                max = Math.max(max, t.getValue().getAsLong());
            }
        } else if (vocab != null && vocab.isJsonArray()) {
            // Unigram: [["piece", score], ...], the id being the index
            max = vocab.getAsJsonArray().size() - 1L;
        } else {
            throw new IllegalArgumentException("it has no model.vocab");
        }
        JsonElement added = root.get("added_tokens");
        if (added != null && added.isJsonArray()) {
            for (JsonElement t : added.getAsJsonArray()) {
                JsonElement id = t.isJsonObject() ? t.getAsJsonObject().get("id") : null;
                if (id != null) {
                    max = Math.max(max, id.getAsLong());
                }
            }
        }
        return max + 1;
    }
}
