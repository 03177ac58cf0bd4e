package io.infinisst.stream.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link Latency}. */
class LatencyTest {

    private static final double EPS = 1e-9;

    /** SimulEval's own test data ({@code simuleval/test/test_latency_metrics.py}). */
    private static final List<Double> DELAYS = List.of(1.0, 1.0, 2.0, 3.0, 5.0, 7.0, 7.0, 9.0);
    private static final List<Double> DELAYS_SHORT_HYPO = List.of(5.0, 7.0, 9.0);
    private static final double SRC_LEN = 9;
    private static final double REF_LEN_SHORT_HYPO = 5;

    @Test
    void shouldMatchSimulEvalAverageLaggingTest() {
        // |Y| = 8 hypothesis units, gamma = 8/9, so unit i is "due" at (i-1) * 9/8:
        // AL = (sum d - 9/8 * (0+1+...+7)) / 8 = (35 - 31.5) / 8 = 0.4375 (d = 9 = |X| ends tau at 8)
        assertThat(Latency.averageLagging(DELAYS, SRC_LEN, DELAYS.size())).isCloseTo(0.4375, within(EPS));
    }

    @Test
    void shouldMatchSimulEvalLengthAdaptiveTest() {
        // test_robust_al: |Y| = max(len(delays), 5)
        // 8 units: max(8, 5) = 8 -> same as AL, 0.4375
        assertThat(Latency.lengthAdaptiveAverageLagging(DELAYS, SRC_LEN, REF_LEN_SHORT_HYPO))
                .isCloseTo(0.4375, within(EPS));
        // 3 units: max(3, 5) = 5, 1/gamma = 9/5 = 1.8: (5 - 0) + (7 - 1.8) + (9 - 3.6) = 15.6, / 3 = 5.2
        assertThat(Latency.lengthAdaptiveAverageLagging(DELAYS_SHORT_HYPO, SRC_LEN, REF_LEN_SHORT_HYPO))
                .isCloseTo(5.2, within(EPS));
    }

    @Test
    void shouldUseReferenceLengthForAverageLaggingWhenGiven() {
        // AL with the reference length (SimulEval's use_ref_len): |Y| = 5 -> same arithmetic as above, 5.2.
        assertThat(Latency.averageLagging(DELAYS_SHORT_HYPO, SRC_LEN, REF_LEN_SHORT_HYPO)).isCloseTo(5.2, within(EPS));
        // Without a reference |Y| = 3, 1/gamma = 3: (5 - 0) + (7 - 3) + (9 - 6) = 12, / 3 = 4.0
        assertThat(Latency.averageLagging(DELAYS_SHORT_HYPO, SRC_LEN, DELAYS_SHORT_HYPO.size()))
                .isCloseTo(4.0, within(EPS));
    }

    @Test
    void shouldNotRewardOverGenerationWithLaal() {
        // 3 s of speech, 5 words out, reference of 4 words; delays in ms.
        List<Double> delays = List.of(1000.0, 1000.0, 2000.0, 3000.0, 3000.0);
        // AL:   |Y| = 4, 1/gamma = 750:  1000 + (1000-750) + (2000-1500) + (3000-2250) = 2500; tau = 4 -> 625
        assertThat(Latency.averageLagging(delays, 3000, 4)).isCloseTo(625.0, within(EPS));
        // LAAL: |Y| = max(5,4) = 5, 1/gamma = 600: 1000 + 400 + 800 + (3000-1800) = 3400; tau = 4 -> 850
        assertThat(Latency.lengthAdaptiveAverageLagging(delays, 3000, 4)).isCloseTo(850.0, within(EPS));
    }

    @Test
    void shouldStopAtFirstUnitEmittedAfterWholeSource() {
        // tau cut-off: units after the first one with d >= |X| do not count.
        // |Y| = 2, 1/gamma = 1000: 500 + (2000 - 1000) = 1500, tau = 2 -> 750, whatever follows.
        assertThat(Latency.averageLagging(List.of(500.0, 2000.0), 2000, 2)).isCloseTo(750.0, within(EPS));
        assertThat(Latency.averageLagging(List.of(500.0, 2000.0, 2500.0, 9000.0), 2000, 2))
                .isCloseTo(750.0, within(EPS));
    }

    @Test
    void shouldAnswerFirstDelayWhenOutputStartsAfterSourceEnds() {
        assertThat(Latency.averageLagging(List.of(3500.0, 3600.0), 3000, 2)).isEqualTo(3500.0);
        assertThat(Latency.lengthAdaptiveAverageLagging(List.of(3500.0, 3600.0), 3000, 2)).isEqualTo(3500.0);
    }

    @Test
    void shouldAverageInstancesAndComputationAwareValues() {
        // Instance 1: 2000 ms, ref "a b" (2 words); delays 500, 2000; elapsed 700, 2600.
        //   AL = LAAL: 1/gamma = 1000: 500 + (2000-1000) = 1500 / 2 = 750
        //   CA: 700 + (2600-1000) = 2300 / 2 = 1150  (2600 >= 2000 ends tau at 2)
        // Instance 2: 1000 ms, ref "c d" ; one unit at 400 (elapsed 450), hypothesis shorter than reference.
        //   AL: 400; LAAL: max(1,2)=2 -> 400; CA 450
        // Instance 3: no output at all -> skipped, as SimulEval skips it.
        TimedUnits one = new TimedUnits(List.of("a", "b"), List.of(500.0, 2000.0), List.of(700.0, 2600.0));
        TimedUnits two = new TimedUnits(List.of("c"), List.of(400.0), List.of(450.0));
        Latency.Scores s = Latency.score(List.of(
                new Latency.Instance(one, 2000, "a b"),
                new Latency.Instance(two, 1000, "c d"),
                new Latency.Instance(TimedUnits.empty(), 1000, "e f")), LatencyUnit.WORD);
        assertThat(s.al()).isCloseTo((750 + 400) / 2.0, within(EPS));
        assertThat(s.laal()).isCloseTo((750 + 400) / 2.0, within(EPS));
        assertThat(s.alCa()).isCloseTo((1150 + 450) / 2.0, within(EPS));
        assertThat(s.laalCa()).isCloseTo((1150 + 450) / 2.0, within(EPS));
        assertThat(s.scored()).isEqualTo(2);
        assertThat(s.skipped()).isEqualTo(1);
    }

    @Test
    void shouldCountChineseReferenceInCharacters() {
        // 4 characters of reference, 2 s of speech: |Y| = 4, 1/gamma = 2000/4 = 500 ms per character.
        TimedUnits hyp = TimedUnits.accumulator(LatencyUnit.CHAR)
                .append("你", 500, 600).append("好", 1000, 1100).append("世界", 1500, 1600).build();
        assertThat(hyp.units()).containsExactly("你", "好", "世", "界");
        Latency.Scores s = Latency.score(List.of(new Latency.Instance(hyp, 2000, "你好世界")), LatencyUnit.CHAR);
        // delays 500, 1000, 1500, 1500: 500 + 500 + 500 + 0 = 1500 / 4 = 375
        assertThat(s.al()).isCloseTo(375.0, within(EPS));
        // elapsed 600, 1100, 1600, 1600: 600 + 600 + 600 + 100 = 1900 / 4 = 475
        assertThat(s.alCa()).isCloseTo(475.0, within(EPS));
    }

    @Test
    void shouldReportNaNForComputationAwareWhenNotMeasured() {
        TimedUnits hyp = new TimedUnits(List.of("a"), List.of(100.0), List.of());
        Latency.Scores s = Latency.score(List.of(new Latency.Instance(hyp, 1000, "a")), LatencyUnit.WORD);
        assertThat(s.al()).isEqualTo(100.0);
        assertThat(s.alCa()).isNaN();
    }

    @Test
    void shouldRejectMeaninglessInput() {
        assertThatThrownBy(() -> Latency.averageLagging(List.of(), 1000, 1))
                .hasMessageStartingWith("delays: no units");
        assertThatThrownBy(() -> Latency.averageLagging(List.of(1.0), 0, 1))
                .hasMessage("sourceLength: must be positive, got 0.0");
        assertThatThrownBy(() -> new Latency.Instance(TimedUnits.empty(), -5, null))
                .hasMessage("sourceLengthMs: must be positive, got -5.0");
    }
}
