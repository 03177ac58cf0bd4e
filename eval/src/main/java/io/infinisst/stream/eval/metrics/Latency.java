package io.infinisst.stream.eval.metrics;

import java.util.List;
import java.util.Objects;

/**
 * Average Lagging and Length-Adaptive Average Lagging as SimulEval computes them
 * ({@code simuleval/evaluator/scorers/latency_scorer.py}: {@code ALScorer}, {@code LAALScorer}), from per-unit
 * delays in source milliseconds. The computation-aware ({@code _CA}) values apply the same formulas to the
 * units' wall-clock {@link TimedUnits#elapsed() elapsed} times.
 *
 * <p>With delays d<sub>i</sub> (i from 1), source length |X| and target length |Y|:
 * AL = (1/&tau;) &Sigma;<sub>i&le;&tau;</sub> (d<sub>i</sub> &minus; (i&minus;1)|X|/|Y|), where &tau; is the
 * first i with d<sub>i</sub> &ge; |X| (or the last unit); when d<sub>1</sub> &gt; |X| the score is d<sub>1</sub>.
 * AL takes |Y| = the reference length (the hypothesis length without a reference); LAAL takes
 * |Y| = max(hypothesis length, reference length).
 */
public final class Latency {

    private Latency() {
    }

    /**
     * AL of one sentence.
     *
     * @param delays per-unit delays, same unit of time as {@code sourceLength}
     * @param sourceLength |X|, e.g. the source audio's duration in milliseconds
     * @param targetLength |Y|: the reference length, or the hypothesis length when there is no reference
     */
    public static double averageLagging(List<Double> delays, double sourceLength, double targetLength) {
        return lagging(delays, sourceLength, targetLength);
    }

    /**
     * LAAL of one sentence: AL with max(|hypothesis|, |reference|) as the target length, so over-generation
     * cannot lower the score.
     */
    public static double lengthAdaptiveAverageLagging(List<Double> delays, double sourceLength,
                                                      double referenceLength) {
        return lagging(delays, sourceLength, Math.max(delays.size(), referenceLength));
    }

    private static double lagging(List<Double> delays, double sourceLength, double targetLength) {
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("delays: no units to measure (SimulEval skips such instances)");
        }
        if (!(sourceLength > 0)) {
            throw new IllegalArgumentException("sourceLength: must be positive, got " + sourceLength);
        }
        if (!(targetLength > 0)) {
            throw new IllegalArgumentException("targetLength: must be positive, got " + targetLength);
        }
        if (delays.get(0) > sourceLength) {
            return delays.get(0);
        }
        // The ideal policy emits unit i after (i-1)/gamma of the source; lag is measured against it.
        double gamma = targetLength / sourceLength;
        double sum = 0;
        int tau = 0;
        for (int i = 0; i < delays.size(); i++) {
            double d = delays.get(i);
            sum += d - i / gamma;
            tau = i + 1;
            if (d >= sourceLength) {
                break;
            }
        }
        return sum / tau;
    }

    /**
     * One evaluated sentence (a SimulEval instance).
     *
     * @param hypothesis the emitted units with their delays
     * @param sourceLengthMs the source audio's duration in milliseconds
     * @param reference the reference translation, or null (then |Y| is the hypothesis length)
     */
    public record Instance(TimedUnits hypothesis, double sourceLengthMs, String reference) {
        public Instance {
            Objects.requireNonNull(hypothesis, "hypothesis");
            if (!(sourceLengthMs > 0)) {
                throw new IllegalArgumentException("sourceLengthMs: must be positive, got " + sourceLengthMs);
            }
        }
    }

    /**
     * Corpus latency: means over instances, as SimulEval reports them. NaN where nothing could be scored
     * (no instance with units, or no elapsed times for the computation-aware values).
     *
     * @param al mean AL (ms)
     * @param laal mean LAAL (ms)
     * @param alCa mean computation-aware AL (ms)
     * @param laalCa mean computation-aware LAAL (ms)
     * @param scored instances that had units
     * @param skipped instances without any unit (SimulEval skips them with a warning)
     */
    public record Scores(double al, double laal, double alCa, double laalCa, int scored, int skipped) {
    }

    /**
     * Scores instances the way SimulEval's latency scorers do with a reference present ({@code use_ref_len}):
     * |Y| is {@link LatencyUnit#referenceLength(String) the reference length in units}.
     */
    public static Scores score(List<Instance> instances, LatencyUnit unit) {
        double al = 0;
        double laal = 0;
        double alCa = 0;
        double laalCa = 0;
        int scored = 0;
        int scoredCa = 0;
        int skipped = 0;
        for (Instance ins : instances) {
            TimedUnits hyp = ins.hypothesis();
            if (hyp.size() == 0) {
                skipped++;
                continue;
            }
            double targetLength = ins.reference() == null ? hyp.size() : unit.referenceLength(ins.reference());
            al += averageLagging(hyp.delays(), ins.sourceLengthMs(), targetLength);
            laal += lengthAdaptiveAverageLagging(hyp.delays(), ins.sourceLengthMs(), targetLength);
            scored++;
            if (hyp.hasElapsed()) {
                alCa += averageLagging(hyp.elapsed(), ins.sourceLengthMs(), targetLength);
                laalCa += lengthAdaptiveAverageLagging(hyp.elapsed(), ins.sourceLengthMs(), targetLength);
                scoredCa++;
            }
        }
        return new Scores(mean(al, scored), mean(laal, scored), mean(alCa, scoredCa), mean(laalCa, scoredCa),
                scored, skipped);
    }

    private static double mean(double sum, int n) {
        return n == 0 ? Double.NaN : sum / n;
    }
}
