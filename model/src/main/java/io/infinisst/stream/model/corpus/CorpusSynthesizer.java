package io.infinisst.stream.model.corpus;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Renders planned items to {@code <out>/wav/<split>/<id>.wav} (16 kHz mono 16-bit) with a few jobs in
 * parallel, and writes {@code <out>/manifest.jsonl} in plan order. Resumable: an item whose WAV and
 * manifest line ({@code <out>/meta/<split>/<id>.json}) both exist is skipped, and each is written to a
 * temporary name then moved into place, so an interrupted run leaves no half-written clip behind.
 */
public final class CorpusSynthesizer {

    /** Work done by one synthesizer: clips rendered, seconds its jobs spent on them, seconds of audio made. */
    public record SynthStats(int clips, double busySeconds, double audioSeconds) {
        SynthStats plus(double busy, double audio) {
            return new SynthStats(clips + 1, busySeconds + busy, audioSeconds + audio);
        }

        /** Clips per second of one job's time (divide by nothing: jobs run side by side). */
        public double clipsPerBusySecond() {
            return busySeconds > 0 ? clips / busySeconds : 0;
        }
    }

    /** What a run did. */
    public record Report(int total, int rendered, int skipped, double wallSeconds, Map<String, SynthStats> perSynth) {}

    private final Path out;
    private final int jobs;
    private final PrintStream progressOut;
    private final Map<String, SynthStats> stats = new TreeMap<>();

    /**
     * @param out the corpus folder
     * @param jobs how many clips render at once (each runs one synthesizer process)
     * @param progressOut where the progress line goes (stderr from the CLI)
     */
    public CorpusSynthesizer(Path out, int jobs, PrintStream progressOut) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, was " + jobs);
        }
        this.out = out;
        this.jobs = jobs;
        this.progressOut = progressOut;
    }

    /** The WAV path of an item relative to the corpus folder. */
    public static String wavPath(CorpusItem item) {
        return "wav/" + item.split().label() + "/" + item.id() + ".wav";
    }

    public Report synthesize(List<RenderPlan> plans) throws IOException, InterruptedException {
        Path work = Files.createDirectories(out.resolve("tmp"));
        SpeechRenderer renderer = new SpeechRenderer(work);
        Progress progress = new Progress(progressOut, "synthesis", plans.size());
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "corpus-synth");
            t.setDaemon(true);
            return t;
        });
        List<Future<Boolean>> results = new ArrayList<>();
        int skipped = 0;
        try {
            for (RenderPlan plan : plans) {
                results.add(pool.submit(() -> {
                    boolean skip = renderOne(plan, renderer);
                    progress.advance(skip);
                    return skip;
                }));
            }
            for (Future<Boolean> f : results) {
                if (f.get()) {
                    skipped++;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
        } finally {
            pool.shutdownNow();
            progress.finish();
        }
        writeManifest(plans);
        Files.deleteIfExists(work);
        return new Report(plans.size(), plans.size() - skipped, skipped, (System.nanoTime() - start) / 1e9,
                Map.copyOf(stats));
    }

    /** Renders one item unless it is already there; returns whether it was skipped. */
    private boolean renderOne(RenderPlan plan, SpeechRenderer renderer) throws IOException, InterruptedException {
        Path wav = out.resolve(wavPath(plan.item()));
        Path meta = metaPath(plan.item());
        if (Files.exists(wav) && Files.exists(meta)) {
            return true;
        }
        long t0 = System.nanoTime();
        SpeechRenderer.Rendered rendered = renderer.render(plan);
        double seconds = rendered.samples().length / (double) SpeechRenderer.SAMPLE_RATE;
        Files.createDirectories(wav.getParent());
        Files.createDirectories(meta.getParent());
        Path wavPart = wav.resolveSibling(wav.getFileName() + ".part");
        Wav.write(wavPart, rendered.samples(), SpeechRenderer.SAMPLE_RATE);
        Path metaPart = meta.resolveSibling(meta.getFileName() + ".part");
        Files.writeString(metaPart, Manifest.audioLine(plan, wavPath(plan.item()), seconds, rendered.offsetsMs()) + "\n",
                StandardCharsets.UTF_8);
        Files.move(wavPart, wav, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(metaPart, meta, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        synchronized (stats) {
            stats.merge(plan.voice().synth().label(), new SynthStats(1, (System.nanoTime() - t0) / 1e9, seconds),
                    (a, b) -> a.plus(b.busySeconds(), b.audioSeconds()));
        }
        return false;
    }

    private Path metaPath(CorpusItem item) {
        return out.resolve("meta/" + item.split().label() + "/" + item.id() + ".json");
    }

    private void writeManifest(List<RenderPlan> plans) throws IOException {
        Path part = out.resolve("manifest.jsonl.part");
        try (var writer = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
            for (RenderPlan plan : plans) {
                writer.write(Files.readString(metaPath(plan.item()), StandardCharsets.UTF_8));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Files.move(part, out.resolve("manifest.jsonl"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
