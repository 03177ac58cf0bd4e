package io.infinisst.stream.model.streaming;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.infinisst.stream.model.Devices;
import io.infinisst.stream.model.DiagnosticModelBenchmark;
import io.infinisst.stream.model.StepInput;
import io.infinisst.stream.model.StepOutput;
import io.infinisst.stream.model.corpus.Resampler;
import io.infinisst.stream.model.corpus.Wav;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times one model step of a trained speech model ({@code models/en-zh}) for batches of many sessions on one
 * device, CPU or GPU: each session streams a looped recording of held-out speech, all starting at different
 * points of it so that their sentences end at different steps, as real sessions' do. Prints the figures, never
 * asserts them: ms per step (mean, p50, p99), ms per session-chunk, the real-time factor, the batching gain
 * (per-session cost at batch 1 over that at batch B) and the largest batch whose p99 step fits in one chunk, the
 * sessions one slot of this model keeps in real time on that device.
 *
 * <p>With {@code --compare cpu} it also runs one batch on the CPU with the same audio and counts the sessions
 * whose translations are identical: the check that a GPU slot says what a CPU slot says.
 *
 * <pre>
 * java -cp model/target/classes:$(cat cp.txt) io.infinisst.stream.model.streaming.SpeechModelBenchmark \
 *     --model models/en-zh --device cpu --batches 1,16,64,128 --seconds 24 --multiplier 2
 * </pre>
 */
public final class SpeechModelBenchmark {
    private static final String DEFAULT_WAV = "eval/src/main/resources/io/infinisst/stream/eval/bench/speech-en.wav";
    private static final int SAMPLES_PER_MULTIPLIER = 15_360; // 0.96 s at 16 kHz
    private static final int WARMUP_CHUNKS = 3;

    private SpeechModelBenchmark() {}

    /** One batch size's timings, and what each of its sessions said. */
    record Level(int batch, double[] stepMs, List<String> texts) {
        double mean() {
            return Arrays.stream(stepMs).average().orElse(0);
        }

        double percentile(double p) {
            double[] s = stepMs.clone();
            Arrays.sort(s);
            return s[Math.min(s.length - 1, (int) Math.floor(p * s.length))];
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = parse(args);
        Path model = Path.of(a.getOrDefault("--model", "models/en-zh"));
        String deviceName = a.getOrDefault("--device", "cpu");
        Path wav = Path.of(a.getOrDefault("--wav", DEFAULT_WAV));
        int[] batches = Arrays.stream(a.getOrDefault("--batches", "1,16,64,128").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        double seconds = Double.parseDouble(a.getOrDefault("--seconds", "24"));
        int multiplier = Integer.parseInt(a.getOrDefault("--multiplier", "2"));
        String agreement = a.get("--agreement");
        String commitProbability = a.get("--commit-probability");
        String compare = a.get("--compare");
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }

        Wav.Audio audio = Wav.read(wav);
        float[] speech = audio.sampleRate() == 16_000 ? audio.samples()
                : Resampler.resample(audio.samples(), audio.sampleRate(), 16_000);
        int chunk = SAMPLES_PER_MULTIPLIER * multiplier;
        int chunks = Math.max(1, (int) Math.round(seconds * 16_000 / chunk));
        double chunkMs = chunk / 16.0;

        System.out.println("command: " + DiagnosticModelBenchmark.command(SpeechModelBenchmark.class, args));
        Engine engine = Engine.getEngine(Devices.ENGINE);
        Device device = Devices.parse(deviceName);
        System.out.printf(Locale.ROOT, "engine %s %s, device %s, cpus=%d, ai.djl.pytorch.num_threads=%s,"
                        + " feature threads=%d%n", engine.getEngineName(), engine.getVersion(), device,
                Runtime.getRuntime().availableProcessors(), System.getProperty("ai.djl.pytorch.num_threads", "(default)"),
                Math.max(1, SpeechTranslator.FEATURE_THREADS));
        System.out.printf(Locale.ROOT, "model %s, recording %s (%.1f s, looped), %d chunks of %.0f ms per session%n",
                model, wav.getFileName(), speech.length / 16_000.0, chunks, chunkMs);

        List<Level> levels = new ArrayList<>();
        try (SpeechTranslator t = load(model, device, agreement, commitProbability)) {
            System.out.println("policy: " + t.policy());
            System.out.println(" batch   ms/step mean    p50     p99   ms/session-chunk   real-time factor   gain   p99 < chunk");
            // Every level once first, not counted: the JIT, the allocator and (on a GPU) the kernels for each shape
            // warm up here, so the first level measured does not pay for them.
            for (int b : batches) {
                run(t, "warm" + b, speech, b, WARMUP_CHUNKS, chunk);
            }
            for (int b : batches) {
                Level level = run(t, "b" + b, speech, b, chunks, chunk);
                levels.add(level);
                double perSession = level.mean() / b;
                double gain = levels.get(0).mean() / levels.get(0).batch() / perSession;
                System.out.printf(Locale.ROOT, "%6d   %12.1f %6.1f %7.1f   %16.2f   %16.4f   %4.1fx   %s%n", b, level.mean(),
                        level.percentile(0.5), level.percentile(0.99), perSession, perSession / chunkMs, gain,
                        level.percentile(0.99) < chunkMs ? "yes" : "no");
            }
        }
        int sustained = levels.stream().filter(l -> l.percentile(0.99) < chunkMs).mapToInt(Level::batch).max().orElse(0);
        System.out.printf(Locale.ROOT, "largest batch measured whose p99 step fits in a %.0f ms chunk: %d sessions%n",
                chunkMs, sustained);
        System.out.println("first session's translation (batch " + levels.get(0).batch() + "): "
                + levels.get(0).texts().get(0));

        if (compare != null) {
            int b = Math.min(16, batches[batches.length - 1]);
            List<String> here;
            List<String> there;
            try (SpeechTranslator t = load(model, device, agreement, commitProbability)) {
                here = texts(t, speech, b, chunks, chunk);
            }
            try (SpeechTranslator t = load(model, Devices.parse(compare), agreement, commitProbability)) {
                there = texts(t, speech, b, chunks, chunk);
            }
            int same = 0;
            for (int i = 0; i < b; i++) {
                if (here.get(i).equals(there.get(i))) {
                    same++;
                } else {
                    System.out.println("differs, session " + i + ":\n  " + device + ": " + here.get(i) + "\n  "
                            + compare + ": " + there.get(i));
                }
            }
            System.out.printf(Locale.ROOT, "translations identical on %s and %s: %d of %d sessions%n", device, compare,
                    same, b);
        }
    }

    private static SpeechTranslator load(Path model, Device device, String agreement, String commitProbability)
            throws Exception {
        return SpeechTranslator.load(model, device, p -> p.overriddenBy(
                agreement == null ? null : Boolean.parseBoolean(agreement),
                commitProbability == null ? null : Float.parseFloat(commitProbability)));
    }

    /** Streams {@code batch} sessions for {@code chunks} steps; session i starts i/batch of the way into the audio. */
    static Level run(SpeechTranslator t, String prefix, float[] speech, int batch, int chunks, int chunk) {
        StringBuilder[] said = new StringBuilder[batch];
        double[] ms = new double[chunks];
        for (int s = 0; s < batch; s++) {
            t.open(prefix + "-" + s);
            said[s] = new StringBuilder();
        }
        for (int c = 0; c < chunks; c++) {
            List<StepInput> in = new ArrayList<>(batch);
            for (int s = 0; s < batch; s++) {
                long offset = (long) s * speech.length / batch + (long) c * chunk;
                in.add(new StepInput(prefix + "-" + s, c, looped(speech, offset, chunk), c == chunks - 1));
            }
            long t0 = System.nanoTime();
            List<StepOutput> out = t.step(in);
            ms[c] = (System.nanoTime() - t0) / 1e6;
            for (int s = 0; s < batch; s++) {
                said[s].append(out.get(s).text());
            }
        }
        List<String> texts = new ArrayList<>(batch);
        for (int s = 0; s < batch; s++) {
            t.close(prefix + "-" + s);
            texts.add(said[s].toString());
        }
        return new Level(batch, ms, texts);
    }

    /** The sessions of {@link #run} with the same audio, stepped one at a time. */
    static List<String> texts(SpeechTranslator t, float[] speech, int batch, int chunks, int chunk) {
        List<String> texts = new ArrayList<>(batch);
        for (int s = 0; s < batch; s++) {
            StringBuilder said = new StringBuilder();
            String id = "cmp-" + s;
            t.open(id);
            for (int c = 0; c < chunks; c++) {
                long offset = (long) s * speech.length / batch + (long) c * chunk;
                said.append(t.step(List.of(new StepInput(id, c, looped(speech, offset, chunk), c == chunks - 1)))
                        .get(0).text());
            }
            t.close(id);
            texts.add(said.toString());
        }
        return texts;
    }

    static float[] looped(float[] speech, long offset, int length) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = speech[(int) ((offset + i) % speech.length)];
        }
        return out;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: SpeechModelBenchmark [--model DIR] [--device cpu|N]"
                        + " [--wav FILE] [--batches 1,16,64,128] [--seconds 24] [--multiplier 2]"
                        + " [--agreement true|false] [--commit-probability P] [--compare cpu]; got '" + args[i] + "'");
            }
            m.put(args[i], args[++i]);
        }
        return m;
    }
}
