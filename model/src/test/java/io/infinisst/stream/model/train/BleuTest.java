package io.infinisst.stream.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link Bleu}. */
class BleuTest {
    @Test
    void identicalTextScoresOneHundred() {
        assertThat(Bleu.corpus(List.of("我五点和约翰开会。"), List.of("我五点和约翰开会。"), Bleu.Tokenization.CHARS)).isEqualTo(100.0);
    }

    @Test
    void aShortButCorrectHypothesisPaysOnlyTheBrevityPenalty() {
        // all n-grams match; BP = exp(1 - 5/4)
        assertThat(Bleu.corpus(List.of("abcd"), List.of("abcde"), Bleu.Tokenization.CHARS)).isCloseTo(100 * Math.exp(-0.25), within(1e-9));
    }

    @Test
    void noMatchingFourGramScoresZero() {
        assertThat(Bleu.corpus(List.of("dcba"), List.of("abcd"), Bleu.Tokenization.CHARS)).isZero();
        assertThat(Bleu.corpus(List.of(""), List.of("abcd"), Bleu.Tokenization.CHARS)).isZero();
    }

    @Test
    void wordsSplitAtPunctuationButKeepApostrophes() {
        assertThat(Bleu.tokens("Dov'è il museo?", Bleu.Tokenization.WORDS)).containsExactly("Dov'è", "il", "museo", "?");
        assertThat(Bleu.tokens("九点 半", Bleu.Tokenization.CHARS)).containsExactly("九", "点", "半");
        assertThat(Bleu.forLanguage("zh")).isEqualTo(Bleu.Tokenization.CHARS);
        assertThat(Bleu.forLanguage("it")).isEqualTo(Bleu.Tokenization.WORDS);
    }
}
