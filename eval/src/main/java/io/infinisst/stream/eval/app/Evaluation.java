package io.infinisst.stream.eval.app;

import io.infinisst.stream.eval.bench.Percentiles;
import io.infinisst.stream.eval.data.BuiltInSet;
import io.infinisst.stream.eval.data.EvalSet;
import io.infinisst.stream.eval.replay.RecordFile;
import io.infinisst.stream.eval.replay.RecordedSession;
import io.infinisst.stream.eval.replay.Replayer;
import io.infinisst.stream.eval.replay.TopicReader;
import io.infinisst.stream.eval.report.RunReport;
import io.infinisst.stream.eval.report.RunWriter;
import io.infinisst.stream.eval.report.SessionsLog;
import io.infinisst.stream.eval.run.BasicTest;
import io.infinisst.stream.eval.run.BatchSweep;
import io.infinisst.stream.eval.run.FixedLoad;
import io.infinisst.stream.eval.run.LiveStreamer;
import io.infinisst.stream.eval.run.Progress;
import io.infinisst.stream.eval.run.SessionRun;
import io.infinisst.stream.eval.run.StatsSampler;
import io.infinisst.stream.eval.run.SystemApi;
import io.infinisst.stream.eval.run.UserLoad;
import io.infinisst.stream.eval.score.SessionScore;
import io.infinisst.stream.protocol.config.SstConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Runs one evaluation end to end: data, the mode's sessions, scoring, the results folder. */
public final class Evaluation {
    private static final List<String> DEFAULT_PAIRS = List.of(SstConfig.ENGLISH_CHINESE, SstConfig.ENGLISH_ITALIAN);

    private final EvalOptions o;
    private final PrintWriter out;
    private final boolean interactive;

    /** @param interactive redraw the progress line in place (a terminal) */
    public Evaluation(EvalOptions options, PrintWriter out, boolean interactive) {
        this.o = options;
        this.out = out;
        this.interactive = interactive;
    }

    /** A results folder name: {@code 20250101-120000-basic}. */
    public static String runId(EvalOptions.Mode mode) {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + mode.name().toLowerCase(Locale.ROOT);
    }

    /** Runs, writes the results folder, prints where; answers the report. */
    public RunReport run() throws Exception {
        List<String> problems = o.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        String runId = runId(o.mode());
        Path dir = o.out() != null ? o.out() : Path.of("eval-results", runId);
        Files.createDirectories(dir);
        SystemApi api = new SystemApi(o.url());
        long started = System.currentTimeMillis();
        RunReport report;
        try (StatsSampler sampler = new StatsSampler(api, 2000)) {
            report = switch (o.mode()) {
                case BASIC -> basic(api, dir, runId, started, sampler);
                case BATCH -> batch(api, dir, runId, started, sampler);
                case FULL -> full(api, dir, runId, started, sampler);
                case REPLAY -> replay(dir, runId, started, sampler);
            };
        }
        List<Path> files = RunWriter.write(report, dir);
        out.printf(Locale.ROOT, "%s: %s; results in %s (%d files: %s)%n", report.mode(),
                report.passed() ? "passed" : "FAILED", dir, files.size(),
                files.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", ")));
        return report;
    }

    private EvalSet evalSet(Path dir) throws IOException, InterruptedException {
        return o.manifest() != null ? EvalSet.load(o.manifest(), o.splits()) : BuiltInSet.create(dir.resolve("audio"));
    }

    private List<String> pairs(SystemApi api) {
        return o.pairs().isEmpty() ? api.languagePairs(DEFAULT_PAIRS) : o.pairs();
    }

    private LiveStreamer streamer() {
        return new LiveStreamer(o.url(), o.latencyMultiplier(), o.speed(), 0.1, o.completionTimeout(), t -> {});
    }

    private Map<String, Object> options(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("latency_multiplier", o.latencyMultiplier());
        m.put("speed", o.speed());
        m.put("frame_s", 0.1);
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(String.valueOf(kv[i]), kv[i + 1]);
        }
        return m;
    }

    private RunReport basic(SystemApi api, Path dir, String runId, long started, StatsSampler sampler)
            throws Exception {
        EvalSet set = evalSet(dir);
        List<String> pairs = pairs(api);
        out.printf(Locale.ROOT, "basic test: %d language pair(s) %s against %s%n", pairs.size(), pairs, o.url());
        List<BasicTest.Check> checks;
        try (Progress progress = new Progress(out, "basic test", pairs.size(), interactive)) {
            checks = BasicTest.run(set, pairs, (user, item, pair) -> {
                SessionRun r = streamer().stream(user, item, pair);
                progress.step();
                return r;
            });
        }
        out.print(BasicTest.table(checks));
        return new RunReport(runId, "basic", o.url().toString(), o.seed(), options("pairs", pairs),
                set.description(), started, System.currentTimeMillis(),
                checks.stream().map(BasicTest.Check::score).toList(), checks, List.of(), sampler.samples(),
                api.stats());
    }

    private RunReport batch(SystemApi api, Path dir, String runId, long started, StatsSampler sampler)
            throws Exception {
        EvalSet set = evalSet(dir);
        List<String> pairs = pairs(api);
        FixedLoad load = new FixedLoad(set, pairs, o.numUsers(), o.latencyMultiplier(), o.seed());
        int points = o.sizes().size() * o.timeouts().size();
        out.printf(Locale.ROOT, "batching sweep: max_batch_size %s x batch_timeout_ms %s, %d users per point, "
                + "pairs %s%n", o.sizes(), o.timeouts(), o.numUsers(), pairs);
        List<BatchSweep.Point> grid;
        AtomicInteger sessions = new AtomicInteger();
        List<String> last = new ArrayList<>(List.of(""));
        try (Progress progress = new Progress(out, "batch sweep", points * o.numUsers(), interactive)) {
            progress.status(() -> last.get(0));
            grid = BatchSweep.run(api, o.sizes(), o.timeouts(), load, streamer(), o.settleMs(), () -> {
                sessions.incrementAndGet();
                progress.step();
            }, p -> last.set(0, String.format(Locale.ROOT, "last: size %d timeout %d ms -> p50 %d ms, p99 %d ms",
                    p.maxBatchSize(), p.batchTimeoutMs(), p.figures().p50(), p.figures().p99())));
        }
        List<SessionScore> all = grid.stream().flatMap(p -> p.scores().stream()).toList();
        return new RunReport(runId, "batch", o.url().toString(), o.seed(), options("num_users", o.numUsers(),
                "sizes", o.sizes(), "timeouts", o.timeouts(), "pairs", pairs), set.description(), started,
                System.currentTimeMillis(), all, List.of(), grid, sampler.samples(), api.stats());
    }

    private RunReport full(SystemApi api, Path dir, String runId, long started, StatsSampler sampler)
            throws Exception {
        EvalSet set = evalSet(dir);
        List<String> pairs = pairs(api);
        long durationMs = Math.round(o.testDurationS() * 1000);
        UserLoad load = new UserLoad(set, pairs, o.numUsers(), durationMs, o.seed());
        out.printf(Locale.ROOT, "full run: %d users arriving as a Poisson process over %.0f s, pairs %s, %d items%n",
                o.numUsers(), o.testDurationS(), pairs, set.items().size());
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Long> recent = java.util.Collections.synchronizedList(new ArrayList<>());
        List<SessionRun> runs;
        long t0 = System.currentTimeMillis();
        try (Progress progress = new Progress(out, "full run", (int) Math.max(1, durationMs / 1000), interactive)) {
            progress.track(() -> (int) ((System.currentTimeMillis() - t0) / 1000));
            progress.status(() -> {
                long arrived = load.users().stream()
                        .filter(u -> u.arrivalMs() <= System.currentTimeMillis() - t0).count();
                long p50;
                synchronized (recent) {
                    p50 = new Percentiles(recent).at(50);
                }
                return String.format(Locale.ROOT, "users %d/%d, sessions %d done (%d failed), chunk p50 %s", arrived,
                        o.numUsers(), done.get(), failed.get(), p50 < 0 ? "-" : p50 + " ms");
            });
            runs = load.run(streamer(), r -> {
                done.incrementAndGet();
                if (!r.succeeded()) {
                    failed.incrementAndGet();
                }
                if (r.result() != null) {
                    r.result().translations().forEach(e -> recent.add(e.clientLatencyMs()));
                }
            });
        }
        return new RunReport(runId, "full", o.url().toString(), o.seed(), options("num_users", o.numUsers(),
                "test_duration_s", o.testDurationS(), "pairs", pairs), set.description(), started,
                System.currentTimeMillis(), runs.stream().map(SessionScore::of).toList(), List.of(), List.of(),
                sampler.samples(), new SystemApi(o.url()).stats());
    }

    private RunReport replay(Path dir, String runId, long started, StatsSampler sampler) throws Exception {
        Map<String, RecordedSession> sessions = recorded(o.replay(), o.bootstrapServers(), o.topic());
        out.printf(Locale.ROOT, "replay: %d recorded session(s) from %s into %s at speed %.2f%n", sessions.size(),
                o.replay(), o.url(), o.speed());
        List<SessionRun> runs;
        try (Progress progress = new Progress(out, "replay", sessions.size(), interactive)) {
            runs = Replayer.replay(sessions.values(), o.url(), o.speed(), o.completionTimeout(), r -> progress.step());
        }
        return new RunReport(runId, "replay", o.url().toString(), o.seed(), options("replay", o.replay().toString(),
                "replayed", new ArrayList<>(sessions.keySet())), "replayed from " + o.replay(), started,
                System.currentTimeMillis(), runs.stream().map(SessionScore::of).toList(), List.of(), List.of(),
                sampler.samples(), new SystemApi(o.url()).stats());
    }

    /**
     * The sessions to replay: an export file's, or a run folder's ({@code sessions.jsonl} names them and carries
     * their items; the records come from Kafka).
     */
    public static Map<String, RecordedSession> recorded(Path source, String bootstrapServers, String topic)
            throws IOException {
        if (RecordFile.looksLikeExport(source)) {
            return RecordFile.read(source);
        }
        Path log = Files.isDirectory(source) ? source.resolve(SessionsLog.FILE) : source;
        if (!Files.isRegularFile(log)) {
            throw new IllegalArgumentException("--replay " + source + ": neither an export file nor a run folder with "
                    + SessionsLog.FILE);
        }
        Map<String, SessionsLog.Entry> entries = SessionsLog.read(log).stream().collect(Collectors.toMap(
                SessionsLog.Entry::sessionId, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        Map<String, RecordedSession> found = TopicReader.read(bootstrapServers, topic, entries::containsKey,
                java.time.Duration.ofSeconds(60));
        Map<String, RecordedSession> out = new LinkedHashMap<>();
        entries.forEach((id, e) -> {
            RecordedSession s = found.get(id);
            if (s == null) {
                throw new IllegalArgumentException("session " + id + " of " + log + " is not in " + topic + " on "
                        + bootstrapServers);
            }
            out.put(id, s.withEntry(e));
        });
        return out;
    }
}
