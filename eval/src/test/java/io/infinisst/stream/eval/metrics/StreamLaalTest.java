package io.infinisst.stream.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.infinisst.stream.eval.metrics.StreamLaal.ReferenceSentence;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link StreamLaal}. */
class StreamLaalTest {

    private static final double EPS = 1e-9;

    /** Two sentences: speech 0-2 s and 3-5 s of the stream's source. */
    private static final List<ReferenceSentence> REFS = List.of(
            new ReferenceSentence("the cat sat", 0, 2000),
            new ReferenceSentence("on the mat", 3000, 2000));

    private static TimedUnits timed(String text, double[] delays, double caExtraMs) {
        List<String> units = LatencyUnit.WORD.units(text);
        List<Double> d = java.util.Arrays.stream(delays).boxed().toList();
        return new TimedUnits(units, d, d.stream().map(x -> x + caExtraMs).toList());
    }

    @Test
    void shouldResegmentExactOutputExactly() {
        TimedUnits hyp = timed("the cat sat on the mat", new double[] {500, 1000, 2000, 3500, 4000, 5000}, 0);
        StreamLaal.Result r = StreamLaal.score(hyp, REFS, LatencyUnit.WORD);
        assertThat(r.hypotheses()).containsExactly("the cat sat", "on the mat");
        // Sentence 1: delays 500, 1000, 2000; |X| = 2000, |Y| = 3, 1/gamma = 666.67 ms:
        //   500 + (1000 - 666.67) + (2000 - 1333.33) = 1500, tau = 3 (2000 >= |X|) -> 500
        // Sentence 2: delays relative to its start 3000: 500, 1000, 2000 -> 500 likewise.
        assertThat(r.sentences().get(0).laal()).isCloseTo(500.0, within(EPS));
        assertThat(r.sentences().get(1).laal()).isCloseTo(500.0, within(EPS));
        assertThat(r.sentences().get(1).units().delays()).containsExactly(500.0, 1000.0, 2000.0);
        assertThat(r.streamLaal()).isCloseTo(500.0, within(EPS));
        assertThat(r.scored()).isEqualTo(2);
    }

    @Test
    void shouldScorePartialOutputAfterResegmentation() {
        // Output drops "sat" and adds "big": resegmented as [the cat] [on the big mat].
        // CA times are 200 ms later than the ideal delays.
        TimedUnits hyp = timed("the cat on the big mat", new double[] {400, 900, 3600, 4100, 4500, 5200}, 200);
        StreamLaal.Result r = StreamLaal.score(hyp, REFS, LatencyUnit.WORD);
        assertThat(r.hypotheses()).containsExactly("the cat", "on the big mat");

        // Sentence 1: delays 400, 900; |Y| = max(2, 3) = 3, 1/gamma = 2000/3 = 666.67:
        //   400 + (900 - 666.67) = 633.33, tau = 2 -> 316.67
        //   CA 600, 1100: 600 + 433.33 = 1033.33 / 2 = 516.67
        // Sentence 2: relative delays 600, 1100, 1500, 2200; |Y| = max(4, 3) = 4, 1/gamma = 500:
        //   600 + (1100-500) + (1500-1000) + (2200-1500) = 2400, tau = 4 (2200 >= 2000) -> 600
        //   CA 800, 1300, 1700, 2400: 800 + 800 + 700 + 900 = 3200 / 4 = 800
        assertThat(r.sentences().get(0).laal()).isCloseTo(950.0 / 3, within(EPS));
        assertThat(r.sentences().get(0).laalCa()).isCloseTo(1550.0 / 3, within(EPS));
        assertThat(r.sentences().get(1).laal()).isCloseTo(600.0, within(EPS));
        assertThat(r.sentences().get(1).laalCa()).isCloseTo(800.0, within(EPS));
        assertThat(r.streamLaal()).isCloseTo((950.0 / 3 + 600) / 2, within(EPS));   // 458.33
        assertThat(r.streamLaalCa()).isCloseTo((1550.0 / 3 + 800) / 2, within(EPS)); // 658.33
    }

    @Test
    void shouldSkipSentenceWithoutOutputAndAverageOverAllStreamsSentences() {
        List<ReferenceSentence> three = List.of(
                new ReferenceSentence("one two", 0, 1000),
                new ReferenceSentence("three four", 1500, 1000),
                new ReferenceSentence("five six", 3000, 1000));
        // Sentence 1: 500, 1000 -> |Y| 2, 1/gamma 500: 500 + 500 = 1000 / 2 = 500 (1000 >= |X| ends tau at 2)
        // Sentence 2: nothing -> skipped
        // Sentence 3: relative 200, 700 -> 200 + 200 = 400 / 2 = 200
        TimedUnits hyp = timed("one two five six", new double[] {500, 1000, 3200, 3700}, 0);
        StreamLaal.Result r = StreamLaal.score(hyp, three, LatencyUnit.WORD);
        assertThat(r.hypotheses()).containsExactly("one two", "", "five six");
        assertThat(r.sentences().get(1).laal()).isNaN();
        assertThat(r.skipped()).isEqualTo(1);
        assertThat(r.streamLaal()).isCloseTo(350.0, within(EPS));

        // A second stream whose only sentence scores 800: the corpus mean is over sentences, (500+200+800)/3.
        StreamLaal.Result other = StreamLaal.score(timed("x", new double[] {800}, 0),
                List.of(new ReferenceSentence("x", 0, 1000)), LatencyUnit.WORD);
        StreamLaal.Result corpus = StreamLaal.corpus(List.of(r, other));
        assertThat(corpus.streamLaal()).isCloseTo(500.0, within(EPS));
        assertThat(corpus.scored()).isEqualTo(3);
        assertThat(corpus.skipped()).isEqualTo(1);
    }

    @Test
    void shouldResegmentChineseByCharacters() {
        List<ReferenceSentence> zh = List.of(
                new ReferenceSentence("你好。", 0, 1000),
                new ReferenceSentence("谢谢。", 2000, 1000));
        TimedUnits hyp = TimedUnits.accumulator(LatencyUnit.CHAR)
                .append("你好", 960, 1000).append("。谢", 1920, 2000).append("谢。", 2880, 3000).build();
        StreamLaal.Result r = StreamLaal.score(hyp, zh, LatencyUnit.CHAR);
        assertThat(r.hypotheses()).containsExactly("你好。", "谢谢。");
        // Sentence 1: 960, 960, 1920 with |X| 1000, |Y| 3 (1/gamma 333.33):
        //   960 + (960 - 333.33) + (1920 - 666.67) = 2840, tau 3 (1920 >= |X|) -> 946.67
        assertThat(r.sentences().get(0).laal()).isCloseTo(2840.0 / 3, within(EPS));
        // Sentence 2: relative -80, 880, 880: -80 + 546.67 + 213.33 = 680 / 3 = 226.67 (none reaches |X|)
        assertThat(r.sentences().get(1).laal()).isCloseTo(680.0 / 3, within(EPS));
        // Resegmented text feeds BLEU; three-character sentences have no 4-gram, so only sentence BLEU
        // (effective order) is meaningful here.
        assertThat(Bleu.corpus(BleuTokenizer.ZH).corpusScore(r.hypotheses(),
                List.of(zh.stream().map(ReferenceSentence::text).toList())).score()).isEqualTo(0.0);
        assertThat(Bleu.sentence(BleuTokenizer.ZH).sentenceScore(r.hypotheses().get(0), List.of("你好。")).score())
                .isCloseTo(100.0, within(EPS));
    }

    @Test
    void shouldRejectStreamWithoutReferences() {
        assertThatThrownBy(() -> StreamLaal.score(TimedUnits.empty(), List.of(), LatencyUnit.WORD))
                .hasMessage("references: a stream needs at least one reference sentence");
        assertThatThrownBy(() -> new ReferenceSentence("a", 0, 0))
                .hasMessage("durationMs: must be positive, got 0.0");
    }
}
