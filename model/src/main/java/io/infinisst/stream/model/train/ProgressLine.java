package io.infinisst.stream.model.train;

import java.io.PrintStream;
import java.util.Locale;

/** A "\r"-rewritten progress bar for training (at most four updates a second): {@code epoch 3/20 [####......] 40/94 loss 1.234 eta 0m12s}. */
final class ProgressLine {
    private static final long INTERVAL_NS = 250_000_000L;

    private final PrintStream out;
    private final String label;
    private final int total;
    private final long start = System.nanoTime();
    private int done;
    private long lastPrint;
    private String note = "";

    ProgressLine(PrintStream out, String label, int total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    void advance(String note) {
        done++;
        this.note = note;
        long now = System.nanoTime();
        if (now - lastPrint >= INTERVAL_NS || done == total) {
            lastPrint = now;
            print(now);
        }
    }

    void finish() {
        print(System.nanoTime());
        out.println();
    }

    private void print(long now) {
        int width = 20;
        int filled = total == 0 ? width : (int) ((long) done * width / total);
        double elapsed = (now - start) / 1e9;
        double eta = done == 0 ? 0 : elapsed / done * (total - done);
        out.printf(Locale.ROOT, "\r%s [%s%s] %d/%d %s eta %dm%02ds ", label, "#".repeat(filled), ".".repeat(width - filled),
                done, total, note, (int) eta / 60, (int) eta % 60);
        out.flush();
    }
}
