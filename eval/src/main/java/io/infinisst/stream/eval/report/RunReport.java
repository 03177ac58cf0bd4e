package io.infinisst.stream.eval.report;

import io.infinisst.stream.eval.client.StreamClient;
import io.infinisst.stream.eval.run.BasicTest;
import io.infinisst.stream.eval.run.BatchSweep;
import io.infinisst.stream.eval.run.StatsSampler;
import io.infinisst.stream.eval.score.Concurrency;
import io.infinisst.stream.eval.score.Figures;
import io.infinisst.stream.eval.score.SessionScore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything a finished run knows, from which every output file is written.
 *
 * @param runId the results folder's name
 * @param mode {@code basic}, {@code batch}, {@code full} or {@code replay}
 * @param url the system evaluated
 * @param options the run's settings as given (for the record)
 * @param evalSet where the held-out data came from
 * @param scores every session streamed (for a batch sweep, those of every point)
 * @param checks the basic test's checks; empty in other modes
 * @param points the batching grid; empty in other modes
 * @param stats {@code /stats} samples taken during the run
 * @param finalStats the last {@code /stats} answer, null when the system has none
 */
public record RunReport(String runId, String mode, String url, long seed, Map<String, Object> options,
        String evalSet, long startedMs, long finishedMs, List<SessionScore> scores, List<BasicTest.Check> checks,
        List<BatchSweep.Point> points, List<StatsSampler.Sample> stats, Object finalStats) {

    public RunReport {
        scores = List.copyOf(scores);
        checks = List.copyOf(checks);
        points = List.copyOf(points);
        stats = List.copyOf(stats);
    }

    public Figures overall() {
        return Figures.of(scores);
    }

    public Map<String, Figures> perPair() {
        return Figures.perPair(scores);
    }

    public Concurrency concurrency() {
        return Concurrency.of(scores);
    }

    /** Passed when every session succeeded and, in the basic test, every pair passed. */
    public boolean passed() {
        return scores.stream().allMatch(s -> s.run().succeeded()) && checks.stream().allMatch(BasicTest.Check::passed);
    }

    /**
     * Which model answered, as far as the translations tell: the diagnostic model labels every chunk
     * {@code [diag] chunk ...}. Reports name it, since its BLEU is ~0 by design.
     */
    public String model() {
        List<String> texts = new ArrayList<>();
        for (SessionScore s : scores) {
            if (s.run().result() != null) {
                s.run().result().translations().stream().map(StreamClient.Received::text).forEach(texts::add);
            }
        }
        if (texts.isEmpty()) {
            return "unknown (no translation received)";
        }
        if (texts.stream().allMatch(t -> t.isBlank() || t.contains("[diag]"))) {
            return "diagnostic (model_type: diagnostic): a DJL network that labels each chunk instead of translating;"
                    + " BLEU is ~0 by design and latency figures measure the pipeline";
        }
        return "translation model as configured on the server";
    }
}
