package io.infinisst.stream.model.corpus;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a corpus's {@code prefixes.jsonl}, the material of prefix training (docs/model.md): for every single
 * training sentence that flite spoke, where each of its words ends in the clip ({@link FliteWordTimes}) and what may
 * be said in Chinese and Italian after each number of words ({@link HeardPrefixes}). Line format:
 * {@code {"id": "train-000001", "ends_ms": [454, 811, …], "zh": ["", "", "昨天伞便宜", …], "it": [...]}}, where
 * {@code zh[k]} is what the first k words give (k = 0 … words) and {@code ends_ms[k]} the end of word k + 1.
 */
public final class PrefixCli {
    static final String FILE = "prefixes.jsonl";
    static final String USAGE = """
            usage: PrefixCli --corpus DIR [--jobs 1|2] [--samples N]
              --corpus DIR   a corpus folder written by CorpusCli (its manifest.jsonl); prefixes.jsonl is written there
              --jobs N       flite runs at once (default 2)
              --samples N    random completions per partial sentence when finding what all share (default 48)""";

    record Options(Path corpus, int jobs, int samples) {}

    private PrefixCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status (0 done, 2 bad arguments, 1 failure). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return CommandRun.run("prefixes", USAGE, args, out, err, PrefixCli::parse, o -> write(o, out, err));
    }

    static Options parse(String[] args) {
        Path corpus = null;
        int jobs = 2;
        int samples = 48;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + ": missing value");
            }
            String v = args[++i];
            switch (flag) {
                case "--corpus" -> corpus = Path.of(v);
                case "--jobs" -> jobs = intIn(flag, v, 1, 2);
                case "--samples" -> samples = intIn(flag, v, 1, 1000);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (corpus == null) {
            throw new IllegalArgumentException("--corpus DIR is required");
        }
        if (!Files.isRegularFile(corpus.resolve("manifest.jsonl"))) {
            throw new IllegalArgumentException("--corpus " + corpus + ": no manifest.jsonl there (generate a corpus first)");
        }
        return new Options(corpus, jobs, samples);
    }

    private static int intIn(String flag, String v, int lo, int hi) {
        try {
            int n = Integer.parseInt(v);
            if (n >= lo && n <= hi) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + ": expected a whole number in [" + lo + ", " + hi + "], got '" + v + "'");
    }

    private record Item(String id, Voice voice, double speed, double pitch, Sentence sentence) {}

    static void write(Options o, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        Map<String, Voice> voices = new LinkedHashMap<>();
        Voices.all().forEach(v -> voices.put(v.id(), v));
        List<Item> items = new ArrayList<>();
        for (JsonObject j : Manifest.read(o.corpus().resolve("manifest.jsonl"))) {
            Voice voice = voices.get(j.get("voice").getAsString());
            if (!"train".equals(j.get("split").getAsString()) || !"sentence".equals(j.get("kind").getAsString())
                    || voice == null || voice.synth() != Synth.FLITE) {
                continue;
            }
            items.add(new Item(j.get("id").getAsString(), voice, j.get("speed").getAsDouble(), j.get("pitch").getAsDouble(),
                    new Sentence(j.get("template").getAsString(), "", j.get("en").getAsString(), j.get("zh").getAsString(),
                            j.get("it").getAsString(), Map.of())));
        }
        out.printf("%s: %d single training sentences spoken by flite%n", o.corpus(), items.size());
        FliteWordTimes times = new FliteWordTimes();
        ExecutorService pool = Executors.newFixedThreadPool(o.jobs());
        List<Future<int[]>> ends = new ArrayList<>();
        for (Item item : items) {
            ends.add(pool.submit(() -> times.endsMs(item.voice(), item.sentence().en(), item.speed(), item.pitch())));
        }
        pool.shutdown();
        HeardPrefixes prefixes = new HeardPrefixes(Grammar.load(), o.samples());
        Gson gson = new Gson();
        Path file = o.corpus().resolve(FILE);
        Path partial = o.corpus().resolve(FILE + ".partial");
        Progress progress = new Progress(out, "prefixes", items.size());
        int refused = 0;
        String firstRefusal = null;
        try (BufferedWriter w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                try {
                    int[] e = get(ends.get(i));
                    JsonObject line = new JsonObject();
                    line.addProperty("id", item.id());
                    line.add("ends_ms", gson.toJsonTree(e));
                    line.add("zh", gson.toJsonTree(prefixes.of(item.sentence(), Lang.ZH)));
                    line.add("it", gson.toJsonTree(prefixes.of(item.sentence(), Lang.IT)));
                    w.write(gson.toJson(line));
                    w.newLine();
                } catch (IllegalArgumentException e) {
                    refused++;
                    firstRefusal = firstRefusal == null ? e.getMessage() : firstRefusal;
                }
                progress.advance(false);
            }
        } finally {
            pool.shutdownNow();
        }
        progress.finish();
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        out.printf("%s: %d sentences (%d refused%s)%n", file, items.size() - refused, refused,
                firstRefusal == null ? "" : "; the first: " + firstRefusal);
    }

    private static int[] get(Future<int[]> f) throws IOException, InterruptedException {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }
}
