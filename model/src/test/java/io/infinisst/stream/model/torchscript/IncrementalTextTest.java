package io.infinisst.stream.model.torchscript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link IncrementalText} and {@link TokenDecoder} on hand-written HuggingFace tokenizer.json files. */
class IncrementalTextTest {
    /** SentencePiece style: ▁ marks a word start; the decoder turns it into a space and drops the first one. */
    private static final String METASPACE = """
            {"version": "1.0", "truncation": null, "padding": null,
             "added_tokens": [{"id": 0, "content": "<unk>", "single_word": false, "lstrip": false, "rstrip": false,
                               "normalized": false, "special": true},
                              {"id": 1, "content": "</s>", "single_word": false, "lstrip": false, "rstrip": false,
                               "normalized": false, "special": true}],
             "normalizer": null,
             "pre_tokenizer": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": true},
             "post_processor": null,
             "decoder": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": true},
             "model": {"type": "WordLevel", "unk_token": "<unk>",
                       "vocab": {"<unk>": 0, "</s>": 1, "\u2581good": 2, "\u2581morn": 3, "ing": 4, "\u2581to": 5, "\u2581all": 6}}}
            """;
    /**
     * GPT-2 style byte-level: one token per byte, {@code 你} (E4 BD A0) being {@code ä ½ ł}. The decoder turns
     * tokens back into bytes and the bytes into text, so a character cut between tokens decodes to U+FFFD.
     */
    private static final String BYTE_LEVEL = """
            {"version": "1.0", "truncation": null, "padding": null, "added_tokens": [], "normalizer": null,
             "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true},
             "post_processor": null,
             "decoder": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true},
             "model": {"type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": null,
                       "end_of_word_suffix": null, "fuse_unk": false, "byte_fallback": false,
                       "vocab": {"\u00e4": 0, "\u00bd": 1, "\u0142": 2, "h": 3, "i": 4, "\u0120": 5}, "merges": []}}
            """;

    @TempDir
    Path tmp;

    @Test
    void wordsSaidInDifferentStepsKeepTheSpaceBetweenThem() throws IOException {
        try (TokenDecoder decoder = TokenDecoder.load(write(METASPACE))) {
            assertThat(decoder.vocabularySize()).isEqualTo(7);
            // Each step's ids decoded alone would run the words together: "goodmorningtoall".
            assertThat(decoder.decode(List.of(new long[] {2}, new long[] {3, 4}))).containsExactly("good", "morning");

            IncrementalText text = new IncrementalText();
            assertThat(say(decoder, text, 2)).isEqualTo("good");
            assertThat(say(decoder, text, 3)).isEqualTo(" morn");
            assertThat(say(decoder, text, 4)).isEqualTo("ing");
            assertThat(say(decoder, text)).isEmpty();
            assertThat(say(decoder, text, 5, 6, 1)).isEqualTo(" to all"); // </s> is special: not said
        }
    }

    @Test
    void aCharacterSplitAcrossStepsIsHeldUntilItIsWhole() throws IOException {
        try (TokenDecoder decoder = TokenDecoder.load(write(BYTE_LEVEL))) {
            IncrementalText text = new IncrementalText();
            assertThat(say(decoder, text, 3, 4, 5)).isEqualTo("hi ");
            assertThat(say(decoder, text, 0)).isEmpty();
            assertThat(say(decoder, text, 1)).isEmpty();
            assertThat(say(decoder, text, 2)).isEqualTo("\u4f60"); // 你
            assertThat(say(decoder, text, 0)).isEmpty();

            // The session's last chunk says what is held even when it is not a whole character.
            assertThat(IncrementalText.advance(decoder, List.of(text), List.of(new long[0]), new boolean[] {true}))
                    .containsExactly("\ufffd");
        }
    }

    @Test
    void holdingBackIsBounded() throws IOException {
        try (TokenDecoder decoder = TokenDecoder.load(write(BYTE_LEVEL))) {
            IncrementalText text = new IncrementalText();
            StringBuilder said = new StringBuilder();
            for (int i = 0; i < IncrementalText.MAX_HELD - 1; i++) {
                said.append(say(decoder, text, 0)); // lone lead bytes never make a character
            }
            assertThat(said).isEmpty();
            assertThat(say(decoder, text, 0)).isNotEmpty().endsWith("\ufffd");
        }
    }

    @Test
    void sessionsOfABatchAreDecodedEachAfterItsOwnContext() throws IOException {
        try (TokenDecoder decoder = TokenDecoder.load(write(METASPACE))) {
            IncrementalText a = new IncrementalText();
            IncrementalText b = new IncrementalText();
            IncrementalText c = new IncrementalText();
            List<String> first = IncrementalText.advance(decoder, List.of(a, b, c),
                    List.of(new long[] {2}, new long[0], new long[] {5}), new boolean[3]);
            List<String> second = IncrementalText.advance(decoder, List.of(c, a, b),
                    List.of(new long[] {6}, new long[] {3, 4}, new long[] {2}), new boolean[3]);
            assertThat(first).containsExactly("good", "", "to");
            assertThat(second).containsExactly(" all", " morning", "good");
        }
    }

    @Test
    void aLongSessionKeepsOnlyAFewIdsOfContext() throws IOException {
        try (TokenDecoder decoder = TokenDecoder.load(write(METASPACE))) {
            IncrementalText text = new IncrementalText();
            List<String> said = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                said.add(say(decoder, text, LongStream.of(2, 3, 4).toArray()));
            }
            assertThat(String.join("", said)).isEqualTo(("good morning ".repeat(50)).strip());
        }
    }

    private static String say(TokenDecoder decoder, IncrementalText text, long... ids) {
        return IncrementalText.advance(decoder, List.of(text), List.of(ids), new boolean[1]).get(0);
    }

    private Path write(String json) throws IOException {
        return Files.writeString(Files.createTempFile(tmp, "tokenizer", ".json"), json);
    }
}
