package io.infinisst.stream.eval.run;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A progress line while a run goes: a bar of done over total, elapsed time and a caller's status text. On a
 * terminal it redraws one line in place every second; elsewhere (a log, CI) it prints a line every 10 s so logs
 * stay short.
 */
public final class Progress implements AutoCloseable {
    private static final int WIDTH = 24;

    private final PrintWriter out;
    private final String label;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger total;
    private final AtomicReference<Supplier<String>> status = new AtomicReference<>(() -> "");
    private final AtomicReference<java.util.function.IntSupplier> doneSource = new AtomicReference<>();
    private final ScheduledExecutorService timer;

    /**
     * @param interactive redraw in place (a terminal) rather than print periodic lines
     */
    public Progress(PrintWriter out, String label, int total, boolean interactive) {
        this.out = out;
        this.label = label;
        this.total = new AtomicInteger(total);
        this.interactive = interactive;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "eval-progress");
            t.setDaemon(true);
            return t;
        });
        long period = interactive ? 1 : 10;
        timer.scheduleAtFixedRate(this::print, period, period, TimeUnit.SECONDS);
    }

    /** True when standard output is a terminal. */
    public static boolean isTerminal() {
        return System.console() != null;
    }

    /** What to show after the bar; called at each redraw. */
    public void status(Supplier<String> text) {
        status.set(text);
    }

    /** Measures progress by something other than steps, e.g. seconds elapsed of a timed run. */
    public void track(java.util.function.IntSupplier done) {
        doneSource.set(done);
    }

    public void total(int n) {
        total.set(n);
    }

    public void step() {
        done.incrementAndGet();
        if (!interactive) {
            return;
        }
        print();
    }

    public int done() {
        return done.get();
    }

    /** The line as printed, e.g. {@code batch sweep [######------] 6/15 00:42 p50 120 ms}. */
    public String line() {
        int n = Math.max(1, total.get());
        java.util.function.IntSupplier source = doneSource.get();
        int d = Math.min(source == null ? done.get() : source.getAsInt(), n);
        int filled = WIDTH * d / n;
        long s = (System.nanoTime() - startNanos) / 1_000_000_000L;
        String extra;
        try {
            extra = status.get().get();
        } catch (RuntimeException e) {
            extra = "";
        }
        return String.format(Locale.ROOT, "%s [%s%s] %d/%d %02d:%02d %s", label, "#".repeat(filled),
                "-".repeat(WIDTH - filled), d, n, s / 60, s % 60, extra).stripTrailing();
    }

    private synchronized void print() {
        if (interactive) {
            out.print("\r" + line() + "   ");
        } else {
            out.println(line());
        }
        out.flush();
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        if (interactive) {
            out.print("\r" + line() + "   ");
        }
        out.println(interactive ? "" : line());
        out.flush();
    }
}
