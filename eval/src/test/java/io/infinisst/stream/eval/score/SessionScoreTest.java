package io.infinisst.stream.eval.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.infinisst.stream.eval.data.EvalItem;
import io.infinisst.stream.eval.metrics.LatencyUnit;
import io.infinisst.stream.eval.run.SessionRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link SessionScore}. */
class SessionScoreTest {

    @Test
    void shouldTimeEachUnitByItsChunkAndScoreAPerfectTranslationAtHundred() {
        EvalItem item = Runs.utterance("u1", 3.0, "你好世界", "ciao bel mondo");
        SessionRun run = Runs.run(0, item, "English -> Italian", Runs.T0, 200, "ciao ", "bel ", "mondo");
        SessionScore s = SessionScore.of(run);

        assertThat(s.unit()).isEqualTo(LatencyUnit.WORD);
        assertThat(s.hypothesis()).isEqualTo("ciao bel mondo");
        assertThat(s.units().delays()).containsExactly(1000.0, 2000.0, 3000.0);
        // elapsed: sent at start + end - 100 ms, received 200 ms later
        assertThat(s.units().elapsed()).containsExactly(1100.0, 2100.0, 3100.0);
        assertThat(s.bleu()).isCloseTo(100.0, within(1e-9));
        // AL with |X| = 3000, |Y| = 3: lags 1000, 1000, 1000 up to tau = 3 (d3 >= |X|)
        assertThat(s.latency().al()).isCloseTo(1000.0, within(1e-9));
        assertThat(s.latency().alCa()).isCloseTo(1100.0, within(1e-9));
        assertThat(s.clientLatenciesMs()).containsExactly(200L, 200L, 200L);
        assertThat(s.rtf()).isCloseTo(3100.0 / 3000.0, within(1e-9));
        assertThat(s.errors()).isEmpty();
    }

    @Test
    void shouldCountChineseInCharactersAndUseTheZhReference() {
        EvalItem item = Runs.utterance("u2", 2.0, "你好世界", "ciao mondo");
        SessionScore s = SessionScore.of(Runs.run(0, item, "English -> Chinese", Runs.T0, 100, "你好", "世界"));
        assertThat(s.unit()).isEqualTo(LatencyUnit.CHAR);
        assertThat(s.hypothesis()).isEqualTo("你好世界");
        assertThat(s.reference()).isEqualTo("你好世界");
        assertThat(s.units().delays()).containsExactly(1000.0, 1000.0, 2000.0, 2000.0);
        assertThat(s.bleu()).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void shouldDelayWhatTheLastChunkCarriesByTheWholeSourceNotItsWholeMilliseconds() {
        EvalItem item = Runs.utterance("u3", 2.5005, "你好世界", "ciao mondo");
        SessionScore s = SessionScore.of(Runs.run(0, item, "English -> Chinese", Runs.T0, 100, "你好", "世界"));
        assertThat(s.units().delays()).containsExactly(1000.0, 1000.0, 2500.5, 2500.5);
        // tau stops at the first unit delayed by |X| = 2500.5: lags 1000, 1000 - 625.125, 2500.5 - 1250.25
        assertThat(s.latency().al()).isCloseTo((1000 + 374.875 + 1250.25) / 3, within(1e-6));
    }

    @Test
    void shouldScoreAMultiSentenceStreamWithStreamLaal() {
        EvalItem stream = new EvalItem("st", "test", "v", Path.of("/x.wav"), 4.0, "a. b.", Map.of(), List.of(
                new EvalItem.Sentence(0, 1500, "a", Map.of("it", "uno due tre quattro", "zh", "一二三四")),
                new EvalItem.Sentence(2000, 1500, "b", Map.of("it", "cinque sei sette otto", "zh", "五六七八"))));
        SessionScore s = SessionScore.of(Runs.run(0, stream, "English -> Italian", Runs.T0, 50,
                "uno due tre quattro ", "", "cinque sei sette otto", ""));
        assertThat(s.stream()).isNotNull();
        assertThat(s.stream().hypotheses()).containsExactly("uno due tre quattro", "cinque sei sette otto");
        // each sentence: 4 words at 1000 ms after its start, |X| = 1500, |Y| = 4, so the ideal emits word i at
        // 375 i ms: (1000 + 625 + 250 - 125) / 4
        assertThat(s.stream().streamLaal()).isCloseTo(437.5, within(1e-9));
        assertThat(s.bleu()).isCloseTo(100.0, within(1e-9));
        assertThat(s.latency().scored()).isZero();
    }

    @Test
    void shouldReportAFailedSessionWithItsReason() {
        EvalItem item = Runs.utterance("u3", 1.0, "好", "si");
        SessionScore s = SessionScore.of(new SessionRun(2, item, "English -> Italian", 1, null, Runs.T0, null,
                "java.net.ConnectException: refused"));
        assertThat(s.chunks()).isZero();
        assertThat(s.errors()).containsExactly("java.net.ConnectException: refused");
        assertThat(s.run().succeeded()).isFalse();
        assertThat(s.rtf()).isNaN();
    }
}
