package io.infinisst.stream.eval.run;

import io.infinisst.stream.eval.data.EvalItem;
import io.infinisst.stream.eval.data.EvalSet;
import io.infinisst.stream.eval.score.SessionScore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code --basic-test-only}: one session per language pair streams one held-out utterance; a pair passes when a
 * non-empty translation arrives, the session completes with {@code PROCESSING_COMPLETE}, and no error came.
 */
public final class BasicTest {

    /**
     * The check of one pair.
     *
     * @param reason empty when it passed, else what failed
     */
    public record Check(String languagePair, SessionScore score, boolean passed, String reason) {}

    private BasicTest() {}

    /** Runs the pairs concurrently (they share nothing), each with the set's shortest utterance. */
    public static List<Check> run(EvalSet set, List<String> pairs, Streamer streamer) throws Exception {
        List<EvalItem> utterances = set.utterances();
        EvalItem item = utterances.isEmpty() ? set.items().get(0) : utterances.get(0);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, pairs.size()));
        try {
            List<Future<SessionRun>> futures = new ArrayList<>();
            for (String pair : pairs) {
                futures.add(pool.submit(() -> streamer.stream(0, item, pair)));
            }
            List<Check> checks = new ArrayList<>();
            for (Future<SessionRun> f : futures) {
                checks.add(check(SessionScore.of(f.get())));
            }
            return checks;
        } finally {
            pool.shutdownNow();
        }
    }

    static Check check(SessionScore s) {
        List<String> problems = new ArrayList<>(s.errors());
        boolean translated = s.run().result() != null
                && s.run().result().translations().stream().anyMatch(t -> !t.text().isBlank());
        if (!translated) {
            problems.add(0, "no translation arrived");
        }
        return new Check(s.run().languagePair(), s, problems.isEmpty(), String.join("; ", problems));
    }

    /** The pass/fail table, one row per pair. */
    public static String table(List<Check> checks) {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-22s %-6s %-38s %6s %9s %9s  %s%n";
        sb.append(String.format(Locale.ROOT, fmt, "language pair", "result", "session", "chunks", "p50 ms", "audio s",
                "first translation / reason"));
        for (Check c : checks) {
            SessionScore s = c.score();
            String first = s.run().result() == null || s.run().result().translations().isEmpty() ? ""
                    : s.run().result().translations().get(0).text();
            sb.append(String.format(Locale.ROOT, fmt, c.languagePair(), c.passed() ? "PASS" : "FAIL",
                    s.run().sessionId() == null ? "-" : s.run().sessionId(), s.chunks(),
                    s.clientLatenciesMs().isEmpty() ? "-"
                            : String.valueOf(new io.infinisst.stream.eval.bench.Percentiles(s.clientLatenciesMs()).at(50)),
                    String.format(Locale.ROOT, "%.2f", s.sourceLengthMs() / 1000),
                    c.passed() ? abbreviate(first, 60) : c.reason()));
        }
        long passed = checks.stream().filter(Check::passed).count();
        sb.append(String.format(Locale.ROOT, "%d/%d language pairs passed%n", passed, checks.size()));
        return sb.toString();
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
