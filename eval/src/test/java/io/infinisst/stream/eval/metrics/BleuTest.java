package io.infinisst.stream.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.infinisst.stream.eval.metrics.Bleu.Smoothing;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tests for {@link Bleu}. Expected values are sacreBLEU's own, from {@code test/test_bleu.py} and
 * {@code test/test_sentence_bleu.py} in mjpost/sacrebleu (2.x), with their tolerances; the Chinese cases are
 * worked by hand in the comments.
 */
class BleuTest {

    /** sacreBLEU's README example (test_bleu.py {@code _refs}, {@code _hyps}): two reference streams. */
    private static final List<List<String>> REFS = List.of(
            List.of("The dog bit the man.", "It was not unexpected.", "The man bit him first."),
            List.of("The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."));
    private static final List<String> HYPS = List.of(
            "The dog bit the man.", "It wasn't surprising.", "The man had just bitten him.");

    private static final double EPSILON = 1e-8;

    /** sacreBLEU's {@code raw_corpus_bleu}: no tokenization, floor smoothing, effective order. */
    private static Bleu raw(Double floor) {
        return new Bleu(BleuTokenizer.NONE, false, Smoothing.FLOOR, floor, 4, true);
    }

    @Test
    void shouldReproduceSacrebleuCorpusScoreWithDefaults() {
        BleuScore score = Bleu.corpus(BleuTokenizer.THIRTEEN_A).corpusScore(HYPS, REFS);
        assertThat(score.score()).isCloseTo(48.530827, within(EPSILON));
        assertThat(score.signature()).isEqualTo("nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.x");
    }

    @Test
    void shouldReproduceSacrebleuCorpusScoreWithoutTokenization() {
        assertThat(Bleu.corpus(BleuTokenizer.NONE).corpusScore(HYPS, REFS).score())
                .isCloseTo(49.1919566, within(EPSILON));
    }

    @Test
    void shouldGiveSameScoreWithoutSmoothingWhenNoOrderIsZero() {
        Bleu bleu = new Bleu(BleuTokenizer.THIRTEEN_A, false, Smoothing.NONE, null, 4, false);
        assertThat(bleu.corpusScore(HYPS, REFS).score()).isCloseTo(48.530827, within(EPSILON));
    }

    @Test
    void shouldScoreEmptyHypothesesZeroWithoutDroppingThem() {
        BleuScore score = Bleu.corpus(BleuTokenizer.THIRTEEN_A).corpusScore(List.of("", "", ""), REFS);
        assertThat(score.score()).isEqualTo(0.0);
        assertThat(score.sysLen()).isZero();
    }

    @ParameterizedTest(name = "max order {0} -> {1}")
    @CsvSource({"1, 77.65", "2, 60.50", "3, 53.93", "4, 48.53", "5, 46.14", "6, 43.28"})
    void shouldReproduceSacrebleuScoresForOtherMaxOrders(int order, String expected) {
        Bleu bleu = new Bleu(BleuTokenizer.THIRTEEN_A, false, Smoothing.EXP, null, order, false);
        assertThat(String.format(Locale.ROOT, "%.2f", bleu.corpusScore(HYPS, REFS).score())).isEqualTo(expected);
    }

    @Test
    void shouldReproduceSacrebleuRawBleuCases() {
        // test_raw_bleu_cases (2.x): "This now returns 0.0 score (#141)"
        assertThat(raw(.01).corpusScore(List.of("this is a test", "another test"),
                List.of(List.of("ref1", "ref2"))).score() / 100).isCloseTo(0.0, within(EPSILON));
        assertThat(raw(.01).corpusScore(List.of("this is a test"), List.of(List.of("this is a test"))).score() / 100)
                .isCloseTo(1.0, within(EPSILON));
        assertThat(raw(.01).corpusScore(List.of("this is a fest"), List.of(List.of("this is a test"))).score() / 100)
                .isCloseTo(0.223606797749979, within(EPSILON));
    }

    @Test
    void shouldReproduceSacrebleuEffectiveOrderCases() {
        assertThat(raw(.01).sentenceScore("test", List.of("a test")).score() / 100)
                .isCloseTo(0.3678794411714425, within(EPSILON));
        assertThat(raw(.01).sentenceScore("a test", List.of("a test")).score() / 100)
                .isCloseTo(1.0, within(EPSILON));
        assertThat(raw(.01).sentenceScore("a little test", List.of("a test")).score() / 100)
                .isCloseTo(0.03218297948685433, within(EPSILON));
    }

    @Test
    void shouldReproduceSacrebleuStatistics() {
        BleuScore score = raw(.01).sentenceScore("am I am a character sequence",
                List.of("I am a symbol string sequence a a"));
        assertThat(score.counts()).containsExactly(4L, 2L, 1L, 0L);
        assertThat(score.totals()).containsExactly(6L, 5L, 4L, 3L);
    }

    @Test
    void shouldReproduceSacrebleuOffsetCases() {
        String hyp = "am I am a character sequence";
        List<String> ref = List.of("I am a symbol string sequence a a");
        assertThat(raw(0.0).sentenceScore(hyp, ref).score() / 100).isCloseTo(0.0, within(EPSILON));
        assertThat(raw(null).sentenceScore(hyp, ref).score() / 100).isCloseTo(0.1555722182, within(EPSILON));
    }

    @Test
    void shouldComputeBleuFromSufficientStatisticsLikeSacrebleu() {
        BleuScore score = Bleu.computeBleu(new long[] {9, 7, 5, 3}, new long[] {10, 8, 6, 4}, 11, 11,
                Smoothing.NONE, null, false, 4, "");
        assertThat(score.score() / 100).isCloseTo(0.8375922397, within(EPSILON));
    }

    @Test
    void shouldGiveZeroForDegenerateStatisticsLikeSacrebleu() {
        // test_case_degenerate_stats: floor smoothing with various offsets
        assertThat(Bleu.computeBleu(new long[] {0, 0, 0, 0}, new long[] {4, 4, 2, 1}, 0, 1, Smoothing.FLOOR, 0.0,
                false, 4, "").score()).isEqualTo(0.0);
        assertThat(Bleu.computeBleu(new long[] {0, 0, 0, 0}, new long[] {10, 11, 12, 0}, 14, 10, Smoothing.FLOOR,
                0.0, false, 4, "").score()).isEqualTo(0.0);
        assertThat(Bleu.computeBleu(new long[] {0, 0, 0, 0}, new long[] {0, 0, 0, 0}, 0, 0, Smoothing.FLOOR, 0.0,
                false, 4, "").score()).isEqualTo(0.0);
        assertThat(Bleu.computeBleu(new long[] {6, 5, 4, 0}, new long[] {6, 5, 4, 3}, 6, 6, Smoothing.FLOOR, 0.0,
                false, 4, "").score()).isEqualTo(0.0);
        assertThat(Bleu.computeBleu(new long[] {0, 0, 0, 0}, new long[] {0, 0, 0, 0}, 0, 0, Smoothing.FLOOR, 0.1,
                false, 4, "").score()).isEqualTo(0.0);
        assertThat(Bleu.computeBleu(new long[] {0, 0, 0, 0}, new long[] {0, 0, 0, 0}, 1, 5, Smoothing.FLOOR, 0.01,
                false, 4, "").score()).isEqualTo(0.0);
    }

    /** test_sentence_bleu.py: the Romanian example of sacreBLEU issue #98, tolerance 1e-3. */
    @ParameterizedTest(name = "{0}[{1}] lc={2} tok={3} -> {4}")
    @CsvSource(nullValues = "null", value = {
        "exp, null, false, 13a, 8.493",
        "none, null, false, 13a, 0.0",
        "floor, null, false, 13a, 4.51688",
        "floor, 0.1, false, 13a, 4.51688",
        "floor, 0.5, false, 13a, 10.10",
        "add-k, null, false, 13a, 14.882",
        "add-k, 1, false, 13a, 14.882",
        "add-k, 2, false, 13a, 21.389",
        "exp, null, false, none, 7.347",
        "exp, null, false, char, 40.8759",
        "exp, null, true, char, 42.0267",
    })
    void shouldReproduceSacrebleuSentenceScores(String smooth, Double value, boolean lowercase, String tok,
                                                double expected) {
        Bleu bleu = new Bleu(BleuTokenizer.of(tok), lowercase, Smoothing.of(smooth), value, 4, true);
        double score = bleu.sentenceScore(
                "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;",
                List.of("producţia de zahăr brut se exprimă în zahăr alb;")).score();
        assertThat(score).isCloseTo(expected, within(1e-3));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"exp", "none", "floor", "add-k"})
    void shouldGiveZeroWithoutAnyMatchWhateverTheSmoothing(String smooth) {
        // test_sentence_bleu.py, sacreBLEU #141
        Bleu bleu = new Bleu(BleuTokenizer.THIRTEEN_A, false, Smoothing.of(smooth), null, 4, true);
        assertThat(bleu.sentenceScore("this is a cat", List.of("okay thanks")).score()).isEqualTo(0.0);
    }

    @Test
    void shouldScoreChineseCorpusByCharacters() {
        // zh tokens (one per character): hyp1 = ref1 = 今天天气很好。 (7), hyp2 = 我们明天去北京。 (8),
        // ref2 = 我们明天要去上海。 (9).
        // 1-grams: 7/7 + {我,们,明,天,去,。} 6/8          = 13/15
        // 2-grams: 6/6 + {我们,们明,明天} 3/7              =  9/13
        // 3-grams: 5/5 + {我们明,们明天} 2/6               =  7/11
        // 4-grams: 4/4 + {我们明天} 1/5                    =  5/9
        // BP = exp(1 - 16/15) = 0.935507; BLEU = 100 * BP * (13/15 * 9/13 * 7/11 * 5/9)^(1/4) = 63.48821
        BleuScore score = Bleu.corpus(BleuTokenizer.ZH).corpusScore(
                List.of("今天天气很好。", "我们明天去北京。"),
                List.of(List.of("今天天气很好。", "我们明天要去上海。")));
        assertThat(score.counts()).containsExactly(13L, 9L, 7L, 5L);
        assertThat(score.totals()).containsExactly(15L, 13L, 11L, 9L);
        assertThat(score.sysLen()).isEqualTo(15);
        assertThat(score.refLen()).isEqualTo(16);
        double expected = 100 * Math.exp(1 - 16.0 / 15)
                * Math.pow(13.0 / 15 * 9.0 / 13 * 7.0 / 11 * 5.0 / 9, 0.25);
        assertThat(score.score()).isCloseTo(expected, within(1e-9)).isCloseTo(63.488206625601826, within(1e-9));
        assertThat(score.signature()).isEqualTo("nrefs:1|case:mixed|eff:no|tok:zh|smooth:exp|version:2.x");
    }

    @Test
    void shouldScoreUnsegmentedChineseZeroWith13a() {
        // 13a does not split 。 so each sentence is a single token: unigrams 1/2, no 2-gram at all, and
        // without effective order the empty 2..4-gram precisions make corpus BLEU 0.
        BleuScore score = Bleu.corpus(BleuTokenizer.THIRTEEN_A).corpusScore(
                List.of("今天天气很好。", "我们明天去北京。"),
                List.of(List.of("今天天气很好。", "我们明天要去上海。")));
        assertThat(score.score()).isEqualTo(0.0);
        assertThat(score.sysLen()).isEqualTo(2);
    }

    @Test
    void shouldUseEffectiveOrderForSentenceBleu() {
        // 我爱你 vs 我爱你。: precisions 3/3, 2/2, 1/1, no 4-gram -> effective order 3,
        // BP = exp(1 - 4/3): sentence BLEU = 100 * exp(-1/3) = 71.653131; corpus BLEU (eff:no) is 0.
        assertThat(Bleu.sentence(BleuTokenizer.ZH).sentenceScore("我爱你", List.of("我爱你。")).score())
                .isCloseTo(100 * Math.exp(-1.0 / 3), within(1e-9));
        assertThat(Bleu.corpus(BleuTokenizer.ZH).sentenceScore("我爱你", List.of("我爱你。")).score()).isEqualTo(0.0);
        assertThat(Bleu.sentence(BleuTokenizer.ZH).sentenceScore("我爱你", List.of("我爱你。")).signature())
                .isEqualTo("nrefs:1|case:mixed|eff:yes|tok:zh|smooth:exp|version:2.x");
    }

    @Test
    void shouldCountVariableReferencesInSignature() {
        BleuScore score = Bleu.corpus(BleuTokenizer.THIRTEEN_A).corpusScore(List.of("a b", "c d"),
                List.of(List.of("a b", "c d"), java.util.Arrays.asList("a c", null)));
        assertThat(score.signature()).startsWith("nrefs:var|");
        assertThat(new Bleu(BleuTokenizer.NONE, true, Smoothing.FLOOR, null, 4, false).signature(1))
                .isEqualTo("nrefs:1|case:lc|eff:no|tok:none|smooth:floor[0.10]|version:2.x");
    }

    @Test
    void shouldFormatLikeSacrebleu() {
        BleuScore score = Bleu.corpus(BleuTokenizer.THIRTEEN_A).corpusScore(HYPS, REFS);
        assertThat(score.format()).startsWith("BLEU|nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.x = 48.53 ");
    }

    @Test
    void shouldRejectMismatchedStreams() {
        assertThatThrownBy(() -> Bleu.corpus(BleuTokenizer.THIRTEEN_A).corpusScore(List.of("a"), List.of(List.of("a", "b"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("references: stream 0 has 2 segments but there are 1 hypotheses");
        assertThatThrownBy(() -> Bleu.corpus(BleuTokenizer.THIRTEEN_A).corpusScore(List.of("a"), List.of(List.of(""))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("references: segment 0 has no reference");
        assertThatThrownBy(() -> new Bleu(BleuTokenizer.ZH, false, Smoothing.EXP, null, 0, false))
                .hasMessage("max_ngram_order: must be at least 1, got 0");
        assertThatThrownBy(() -> Smoothing.of("laplace"))
                .hasMessage("smooth_method: unknown smoothing 'laplace' (supported: none, floor, add-k, exp)");
    }
}
