package io.infinisst.stream.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infinisst.stream.model.text.Vocabulary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link PrefixPoints}: reading a corpus's prefix material and cutting an example with its target. */
class PrefixPointsTest {
    private static final Vocabulary VOCAB = Vocabulary.build(List.of("去罗马的火车。"));

    @Test
    void readsWordEndsAsFramesAndTargetsAsTokensFromTheOpenMarkerToEos(@TempDir Path corpus) throws IOException {
        Files.writeString(corpus.resolve(PrefixPoints.FILE), """
                {"id":"train-000007","ends_ms":[455,800,1201],"zh":["","去","去罗马","去罗马的火车。"],"it":["","","",""]}
                """, StandardCharsets.UTF_8);

        PrefixPoints p = PrefixPoints.read(corpus, "zh", VOCAB).get("train-000007");

        assertThat(p.endFrames()).containsExactly(46, 80, 121); // a word is heard once its last 10 ms frame is
        assertThat(p.tokens()).hasNumberOfRows(4);
        assertThat(p.tokens()[0]).containsExactly(Vocabulary.OPEN, Vocabulary.EOS);
        assertThat(p.tokens()[2]).hasSize(5).startsWith(Vocabulary.OPEN).endsWith(Vocabulary.EOS);
        assertThat(VOCAB.decode(Arrays.stream(p.tokens()[3]).skip(1).mapToInt(t -> (int) t).toArray())).isEqualTo("去罗马的火车。");
    }

    @Test
    void aMissingFileNamesTheCommandThatWritesIt(@TempDir Path corpus) {
        assertThatThrownBy(() -> PrefixPoints.read(corpus, "zh", VOCAB)).hasMessageContaining("scripts/sst prefixes --corpus");
    }

    @Test
    void aCutKeepsTheFramesBeforeItAndTheTargetOfTheWordsEndedByThen() {
        long[][] tokens = {{1, 2}, {1, 10, 2}, {1, 10, 11, 2}, {1, 10, 11, 12, 2}};
        PrefixPoints p = new PrefixPoints(new int[] {60, 90, 130}, tokens);
        float[][] frames = new float[180][];
        for (int t = 0; t < frames.length; t++) {
            frames[t] = new float[] {t};
        }
        SpeechTrainer.Example whole = new SpeechTrainer.Example(null, frames, tokens[3]);
        Random random = new Random(5);
        int[] seen = new int[4];
        for (int i = 0; i < 2000; i++) {
            SpeechTrainer.Example cut = p.prefixOf(whole, random);
            int n = cut.frames().length;
            assertThat(n).isBetween(60 - PrefixPoints.LEAD_FRAMES, 130 + PrefixPoints.TAIL_FRAMES - 1);
            assertThat(cut.frames()[n - 1]).isSameAs(frames[n - 1]); // rows shared, not copied
            int heard = n >= 130 ? 3 : n >= 90 ? 2 : n >= 60 ? 1 : 0;
            assertThat(cut.tokens()).isEqualTo(tokens[heard]);
            seen[heard]++;
        }
        for (int c : seen) {
            assertThat(c).as("cuts per number of words heard: %s", Arrays.toString(seen)).isGreaterThan(100);
        }
    }

    @Test
    void targetsMustBeOneMoreThanWords() {
        assertThatThrownBy(() -> new PrefixPoints(new int[] {10, 20}, new long[][] {{1, 2}, {1, 2}}))
                .hasMessageContaining("2 words need 3 targets, got 2");
    }

    @Test
    void idsMapToTheirMaterial(@TempDir Path corpus) throws IOException {
        Files.writeString(corpus.resolve(PrefixPoints.FILE), """
                {"id":"a","ends_ms":[300],"zh":["","去"],"it":["",""]}
                {"id":"b","ends_ms":[300,600],"zh":["","","去罗"],"it":["","",""]}
                """, StandardCharsets.UTF_8);
        Map<String, PrefixPoints> byId = PrefixPoints.read(corpus, "zh", VOCAB);
        assertThat(byId).containsOnlyKeys("a", "b");
        assertThat(byId.get("b").tokens()[2]).hasSize(4);
    }
}
