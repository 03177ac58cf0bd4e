package io.infinisst.stream.model.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link Vocabulary}. */
class VocabularyTest {
    @TempDir
    Path tmp;

    @Test
    void textRoundTripsThroughIdsAndTheJsonFile() throws IOException {
        Vocabulary v = Vocabulary.build(List.of("博物馆在哪里？", "Dov'è il museo?"));
        assertThat(v.decode(v.encode("博物馆在哪里？"))).isEqualTo("博物馆在哪里？");
        assertThat(v.decode(v.encode("Dov'è il museo?"))).isEqualTo("Dov'è il museo?");
        v.save(tmp.resolve("vocab.json"));
        Vocabulary loaded = Vocabulary.load(tmp.resolve("vocab.json"));
        assertThat(loaded).isEqualTo(v);
        assertThat(loaded.encode("museo")).containsExactly(v.encode("museo"));
        assertThat(Files.readString(tmp.resolve("vocab.json"))).startsWith("{\"type\":\"char\",\"tokens\":[\"<pad>\",\"<s>\",\"</s>\",\"<unk>\"");
    }

    @Test
    void specialsComeFirstAndUnknownCharactersBecomeUnk() {
        Vocabulary v = Vocabulary.build(List.of("ba", "ab"));
        assertThat(v.size()).isEqualTo(6);
        assertThat(v.encode("abz")).containsExactly(4, 5, Vocabulary.UNK);
        assertThat(v.decode(new int[] {Vocabulary.BOS, 5, Vocabulary.EOS, Vocabulary.PAD})).isEqualTo("b");
    }

    @Test
    void aFileOfAnotherTypeIsRejectedNamingIt() throws IOException {
        Files.writeString(tmp.resolve("v.json"), "{\"type\":\"bpe\",\"tokens\":[]}");
        assertThatThrownBy(() -> Vocabulary.load(tmp.resolve("v.json"))).hasMessageContaining("\"bpe\"");
    }
}
