package io.infinisst.stream.model.corpus;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Generates the corpus: {@code text.jsonl} always, and unless {@code --text-only} the audio under
 * {@code wav/} with {@code manifest.jsonl}. Run from the repository root after {@code mvn -o -pl model install}:
 *
 * <pre>
 * mvn -q -B -o -pl model org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *     -Dexec.mainClass=io.infinisst.stream.model.corpus.CorpusCli \
 *     -Dexec.args="--out target/corpus --seed 1 --train 3000 --dev 300 --test 300 --streams 50"
 * </pre>
 */
public final class CorpusCli {
    static final String USAGE = """
            usage: CorpusCli --out DIR [--seed N] [--train N] [--dev N] [--test N] [--streams N]
                             [--text-only] [--jobs 1|2] [--synths espeak-ng,flite,festival]
              --out DIR      corpus folder (created; an existing one is resumed)
              --seed N       seed of the text, the held-out pairs and the voices (default 1)
              --train N      single training sentences (default 1000)
              --dev N        single dev sentences (default 100)
              --test N       single held-out test sentences (default 100)
              --streams N    multi-sentence streams in each split (default 0)
              --text-only    write text.jsonl only, no audio
              --jobs N       clips synthesized at once, 1 or 2 (default 2)
              --synths LIST  synthesizers to use (default all three)""";

    /** Parsed and validated options. */
    record Options(Path out, long seed, int train, int dev, int test, int streams, boolean textOnly, int jobs,
            Set<Synth> synths) {}

    private CorpusCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status (0 done, 2 bad arguments, 1 failure). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return CommandRun.run("corpus", USAGE, args, out, err, CorpusCli::parse, o -> generate(o, out, err));
    }

    /** Parses the arguments; null means --help. */
    static Options parse(String[] args) {
        Path out = null;
        long seed = 1;
        int train = 1000, dev = 100, test = 100, streams = 0, jobs = 2;
        boolean textOnly = false;
        Set<Synth> synths = EnumSet.allOf(Synth.class);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                return null;
            }
            if (flag.equals("--text-only")) {
                textOnly = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag.startsWith("--") ? flag + " needs a value" : "unknown argument '" + flag + "'");
            }
            String value = args[++i];
            switch (flag) {
                case "--out" -> out = Path.of(value);
                case "--seed" -> seed = parseLong(flag, value);
                case "--train" -> train = count(flag, value);
                case "--dev" -> dev = count(flag, value);
                case "--test" -> test = count(flag, value);
                case "--streams" -> streams = count(flag, value);
                case "--jobs" -> {
                    jobs = count(flag, value);
                    if (jobs < 1 || jobs > 2) {
                        throw new IllegalArgumentException("--jobs must be 1 or 2 (the machine is shared), was " + value);
                    }
                }
                case "--synths" -> {
                    synths = EnumSet.noneOf(Synth.class);
                    for (String s : value.split(",")) {
                        try {
                            synths.add(Synth.parse(s));
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException("--synths: " + e.getMessage());
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out is required");
        }
        return new Options(out, seed, train, dev, test, streams, textOnly, jobs, synths);
    }

    private static void generate(Options o, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        if (!o.textOnly()) {
            for (Synth s : o.synths()) {
                if (!s.isInstalled()) {
                    throw new IllegalStateException("synthesizer " + s.label() + " (program " + s.program()
                            + ") is not on the PATH: install it (scripts/test lists the Debian packages) or pass --synths "
                            + "without it");
                }
            }
        }
        Files.createDirectories(o.out());
        long t0 = System.nanoTime();
        Grammar grammar = Grammar.load();
        CorpusGenerator generator = new CorpusGenerator(grammar, o.seed());
        long t1 = System.nanoTime();
        List<CorpusItem> items = new ArrayList<>();
        items.addAll(generator.sentences(Split.TRAIN, o.train()));
        items.addAll(generator.sentences(Split.DEV, o.dev()));
        items.addAll(generator.sentences(Split.TEST, o.test()));
        for (Split split : Split.values()) {
            items.addAll(generator.streams(split, o.streams()));
        }
        long t2 = System.nanoTime();
        int sentences = items.stream().mapToInt(i -> i.sentences().size()).sum();
        Set<String> distinct = new HashSet<>();
        items.forEach(i -> i.sentences().forEach(s -> distinct.add(s.en())));
        try (var writer = Files.newBufferedWriter(o.out().resolve("text.jsonl"), StandardCharsets.UTF_8)) {
            for (CorpusItem item : items) {
                writer.write(Manifest.textLine(item));
                writer.write('\n');
            }
        }
        out.printf(Locale.ROOT, "text: %d items (%d train, %d dev, %d test sentences; %d streams per split), "
                + "%d sentences, %d distinct; grammar loaded in %.2f s, text drawn at %.0f sentences/s -> %s%n",
                items.size(), o.train(), o.dev(), o.test(), o.streams(), sentences, distinct.size(), (t1 - t0) / 1e9,
                sentences / ((t2 - t1) / 1e9), o.out().resolve("text.jsonl"));
        if (o.textOnly()) {
            return;
        }
        List<RenderPlan> plans = RenderPlan.plan(items, o.seed(), o.synths());
        CorpusSynthesizer.Report report = new CorpusSynthesizer(o.out(), o.jobs(), err).synthesize(plans);
        out.printf(Locale.ROOT, "audio: %d clips (%d rendered, %d already there) in %.1f s with %d jobs: %.2f clips/s%n",
                report.total(), report.rendered(), report.skipped(), report.wallSeconds(), o.jobs(),
                report.rendered() / Math.max(1e-9, report.wallSeconds()));
        for (Map.Entry<String, CorpusSynthesizer.SynthStats> e : report.perSynth().entrySet()) {
            CorpusSynthesizer.SynthStats s = e.getValue();
            out.printf(Locale.ROOT, "  %-10s %5d clips, %7.1f s of audio, %.2f clips/s per job (%.3f s per clip, "
                    + "%.0fx real time)%n", e.getKey(), s.clips(), s.audioSeconds(), s.clipsPerBusySecond(),
                    s.busySeconds() / s.clips(), s.audioSeconds() / Math.max(1e-9, s.busySeconds()));
        }
        out.println("manifest: " + o.out().resolve("manifest.jsonl"));
    }

    private static long parseLong(String flag, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be an integer, was '" + value + "'");
        }
    }

    private static int count(String flag, String value) {
        long n = parseLong(flag, value);
        if (n < 0 || n > 10_000_000) {
            throw new IllegalArgumentException(flag + " must be between 0 and 10000000, was " + value);
        }
        return (int) n;
    }
}
