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
        Files.writeString(tmp.resolve("v.json"), "{\"type\":\"wordpiece\",\"tokens\":[]}");
        assertThatThrownBy(() -> Vocabulary.load(tmp.resolve("v.json"))).hasMessageContaining("\"wordpiece\"");
    }

    @Test
    void wordPiecesMakeFrequentWordsOneTokenAndStillSpellNewWords() throws IOException {
        List<String> texts = List.of("Il treno parte alle tre.", "Il treno arriva alle tre.", "Il museo apre alle dieci.",
                "Il treno parte alle dieci.");
        Vocabulary v = Vocabulary.bpe(texts, 200);
        assertThat(v.encode("Il treno parte alle tre.")).as("every word seen often is one piece").hasSize(5);
        assertThat(v.decode(v.encode("Il treno parte alle tre."))).isEqualTo(" Il treno parte alle tre.");
        assertThat(v.decode(v.encode("  Il   museo arriva "))).as("runs of spaces collapse").isEqualTo(" Il museo arriva");
        assertThat(v.decode(v.encode("Il treo"))).as("an unseen word from seen letters").isEqualTo(" Il treo");
        assertThat(v.encode("Il x")).contains(Vocabulary.UNK);
        assertThat(v.spacesWords()).isTrue();
        assertThat(Vocabulary.bpe(texts, 200)).as("deterministic").isEqualTo(v);
        assertThat(Vocabulary.bpe(texts, 3).size()).isEqualTo(Vocabulary.bpe(texts, 0).size() + 3);

        v.save(tmp.resolve("vocab.json"));
        Vocabulary loaded = Vocabulary.load(tmp.resolve("vocab.json"));
        assertThat(loaded).isEqualTo(v);
        assertThat(loaded.encode("Il museo parte alle tre.")).containsExactly(v.encode("Il museo parte alle tre."));
        assertThat(Files.readString(tmp.resolve("vocab.json"))).startsWith("{\"type\":\"bpe\",").contains("\"merges\":[[");
    }

    @Test
    void piecesDecodedOneAfterAnotherJoinWithTheirSpaces() {
        Vocabulary v = Vocabulary.bpe(List.of("Il treno parte alle tre.", "Il treno parte."), 50);
        int[] ids = v.encode("Il treno parte alle tre.");
        String joined = v.decode(java.util.Arrays.copyOfRange(ids, 0, 2)) + v.decode(java.util.Arrays.copyOfRange(ids, 2, ids.length));
        assertThat(joined).isEqualTo(" Il treno parte alle tre.");
        assertThat(Vocabulary.build(List.of("博物馆")).spacesWords()).isFalse();
    }
}
