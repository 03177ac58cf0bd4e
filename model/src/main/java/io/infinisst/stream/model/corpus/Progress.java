package io.infinisst.stream.model.corpus;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress display ("\r"-rewritten, at most four times a second) for long corpus runs. */
final class Progress {
    private static final long INTERVAL_NS = 250_000_000L;

    private final PrintStream out;
    private final String label;
    private final int total;
    private final long start = System.nanoTime();
    private int done;
    private int skipped;
    private long lastPrint;

    Progress(PrintStream out, String label, int total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    synchronized void advance(boolean wasSkipped) {
        done++;
        if (wasSkipped) {
            skipped++;
        }
        long now = System.nanoTime();
        if (now - lastPrint >= INTERVAL_NS || done == total) {
            lastPrint = now;
            print(now);
        }
    }

    synchronized void finish() {
        print(System.nanoTime());
        out.println();
    }

    private void print(long now) {
        double seconds = (now - start) / 1e9;
        int rendered = done - skipped;
        double rate = seconds > 0 ? rendered / seconds : 0;
        int width = 30;
        int filled = total == 0 ? width : (int) ((long) width * done / total);
        String eta = rate > 0 ? duration((total - done) / rate) : "?";
        out.printf(Locale.ROOT, "\r%s [%s%s] %d/%d %5.1f%% %.2f clips/s eta %s%s", label, "#".repeat(filled),
                ".".repeat(width - filled), done, total, total == 0 ? 100.0 : 100.0 * done / total, rate, eta,
                skipped > 0 ? " (" + skipped + " already there)" : "");
        out.flush();
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
