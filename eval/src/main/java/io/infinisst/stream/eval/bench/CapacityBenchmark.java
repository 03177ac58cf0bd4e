package io.infinisst.stream.eval.bench;

import io.infinisst.stream.eval.audio.Wav;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The largest number of concurrent real-time sessions a system keeps up with: every session completes
 * without errors and the p99 chunk latency stays under twice the chunk duration (beyond that, chunks queue
 * faster than they are served and the backlog grows). Doubles the load until it fails, then bisects.
 */
public final class CapacityBenchmark {

    /** One load level tried. */
    public record Trial(int sessions, boolean keepsUp, LatencyBenchmark.Figures figures) {}

    /** The highest passing level and every trial on the way. */
    public record Capacity(int sessions, List<Trial> trials) {}

    private CapacityBenchmark() {}

    public static boolean keepsUp(LatencyBenchmark.Figures f, double chunkSeconds) {
        return f.completed() == f.sessions() && f.errors() == 0 && f.p99() >= 0 && f.p99() < 2000 * chunkSeconds;
    }

    public static Capacity find(URI base, String languagePair, int multiplier, Wav audio, int start,
            int max, Consumer<Trial> progress) throws Exception {
        double chunkSeconds = 0.96 * multiplier;
        List<Trial> trials = new ArrayList<>();
        int pass = 0;
        int fail = -1;
        for (int n = start; n <= max; n *= 2) {
            Trial t = trial(base, languagePair, multiplier, audio, n, chunkSeconds);
            trials.add(t);
            progress.accept(t);
            if (!t.keepsUp()) {
                fail = n;
                break;
            }
            pass = n;
        }
        // Bisect to within 1/8 of the passing level: finer steps are below the machines' noise.
        while (fail > 0 && fail - pass > Math.max(1, pass / 8)) {
            int n = (pass + fail) / 2;
            Trial t = trial(base, languagePair, multiplier, audio, n, chunkSeconds);
            trials.add(t);
            progress.accept(t);
            if (t.keepsUp()) {
                pass = n;
            } else {
                fail = n;
            }
        }
        return new Capacity(pass, trials);
    }

    private static Trial trial(URI base, String pair, int multiplier, Wav audio, int n, double chunkSeconds)
            throws Exception {
        LatencyBenchmark.Figures f = LatencyBenchmark.run(base, pair, multiplier, n, audio);
        return new Trial(n, keepsUp(f, chunkSeconds), f);
    }

    public static String describe(Trial t) {
        return String.format(Locale.ROOT, "%s  -> %s", t.figures().line(), t.keepsUp() ? "keeps up" : "FALLS BEHIND");
    }
}
