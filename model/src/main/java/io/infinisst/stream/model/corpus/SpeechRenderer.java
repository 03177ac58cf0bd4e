package io.infinisst.stream.model.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Speaks one {@link RenderPlan} to 16 kHz audio: each sentence through its synthesizer's program, resampled
 * (and pitch-shifted by resampling where the voice cannot do it natively), sentences joined with the
 * item's pauses and 200 ms of silence at either end, scaled to the planned peak, then noise added.
 */
public final class SpeechRenderer {
    public static final int SAMPLE_RATE = 16_000;
    static final int EDGE_MS = 200;
    private static final long PROCESS_TIMEOUT_S = 120;
    /** Festival's English kal voice's mean F0, the register of the F0 targets its front end makes. */
    private static final double KAL_F0 = 105;
    private static final String MAPPING_SCRIPT = "english-phones-mapped.scm";
    /** Where {@link #mappingScript()} wrote the program, once per JVM. */
    private static Path mappingScript;

    /** The rendered audio and where each sentence starts and ends in it, in ms. */
    public record Rendered(float[] samples, List<int[]> offsetsMs) {}

    private final Path workDir;

    /** @param workDir where synthesizer outputs are written briefly (one file per call, deleted after) */
    public SpeechRenderer(Path workDir) {
        this.workDir = workDir;
    }

    public Rendered render(RenderPlan plan) throws IOException, InterruptedException {
        List<float[]> parts = new ArrayList<>();
        for (int i = 0; i < plan.item().sentences().size(); i++) {
            parts.add(speak(plan, plan.item().sentences().get(i).en(), plan.item().id() + "-" + i));
        }
        int edge = SAMPLE_RATE * EDGE_MS / 1000;
        int total = 2 * edge;
        for (int i = 0; i < parts.size(); i++) {
            total += parts.get(i).length + (i > 0 ? pauseSamples(plan, i) : 0);
        }
        float[] out = new float[total];
        List<int[]> offsets = new ArrayList<>();
        int pos = edge;
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                pos += pauseSamples(plan, i);
            }
            System.arraycopy(parts.get(i), 0, out, pos, parts.get(i).length);
            offsets.add(new int[] {toMs(pos), toMs(pos + parts.get(i).length)});
            pos += parts.get(i).length;
        }
        normalize(out, plan.peak());
        float[] mixed = plan.noise().mix(out, plan.snrDb(), plan.noiseSeed());
        guardClipping(mixed);
        return new Rendered(mixed, offsets);
    }

    /** One sentence in the plan's voice, at 16 kHz. */
    float[] speak(RenderPlan plan, String text, String tag) throws IOException, InterruptedException {
        Voice voice = plan.voice();
        Path wav = workDir.resolve(tag + "." + voice.synth().label() + ".wav");
        Path txt = workDir.resolve(tag + ".txt");
        // the factor left for resampling: what the synthesizer could not do natively
        double resampleFactor = voice.nativePitch() ? 1.0 : plan.pitch();
        double nativeTempo = plan.speed() / resampleFactor;
        try {
            List<String> command = command(voice, text, nativeTempo, plan.pitch(), wav, txt);
            run(command, voice);
            Wav.Audio audio = Wav.read(wav);
            int sourceRate = (int) Math.round(audio.sampleRate() * resampleFactor);
            return Resampler.resample(audio.samples(), sourceRate, SAMPLE_RATE);
        } finally {
            Files.deleteIfExists(wav);
            Files.deleteIfExists(txt);
        }
    }

    /** The synthesizer's command line; festival reads its text (or, mapped, its program) from {@code txt}. */
    static List<String> command(Voice voice, String text, double tempo, double pitch, Path wav, Path txt)
            throws IOException {
        return switch (voice.synth()) {
            case ESPEAK_NG -> List.of("espeak-ng", "-v", voice.name(), "-s", Long.toString(Math.round(175 * tempo)),
                    "-p", Long.toString(Math.max(0, Math.min(99, Math.round(50 * pitch)))), "-w", wav.toString(), text);
            case FLITE -> {
                List<String> c = new ArrayList<>(List.of("flite", "-voice", voice.name(), "--setf",
                        "duration_stretch=" + fmt(1 / tempo)));
                if (voice.nativePitch()) {
                    c.addAll(List.of("--setf", "int_f0_target_mean=" + fmt(voice.baseF0() * pitch)));
                }
                c.addAll(List.of("-t", text, "-o", wav.toString()));
                yield c;
            }
            case FESTIVAL -> {
                Files.writeString(txt, text + "\n", StandardCharsets.UTF_8);
                List<String> c = new ArrayList<>(List.of("text2wave", "-eval", "(voice_" + voice.name() + ")"));
                if (voice.nativeSpeed()) {
                    c.addAll(List.of("-eval", "(Parameter.set 'Duration_Stretch " + fmt(1 / tempo) + ")"));
                }
                if (voice.nativePitch()) {
                    c.addAll(List.of("-eval", "(set! int_lr_params '((target_f0_mean " + fmt(voice.baseF0() * pitch)
                            + ") (target_f0_std " + fmt(14 * pitch) + ") (model_f0_mean 170) (model_f0_std 34)))"));
                }
                c.addAll(List.of(txt.toString(), "-o", wav.toString()));
                yield c;
            }
            case FESTIVAL_IT, FESTIVAL_CS, FESTIVAL_FI -> {
                // The English front end's F0 is kal's (about 105 Hz): scaled to the voice's own register.
                String language = voice.synth().phonesOf();
                Files.writeString(txt, "(load \"" + mappingScript() + "\")\n(mapped_wave \""
                        + text.replace("\\", " ").replace("\"", " ") + "\" " + fmt(1 / tempo) + " "
                        + fmt(pitch * voice.baseF0() / KAL_F0) + " voice_" + voice.name() + " eng_phones_" + language
                        + " stressed_" + language + " \"" + wav + "\")\n",
                        StandardCharsets.UTF_8);
                yield List.of("festival", "-b", txt.toString());
            }
        };
    }

    /** The phone-mapping program, written to a temporary file once per JVM (festival loads it by path). */
    private static synchronized Path mappingScript() throws IOException {
        if (mappingScript == null) {
            try (InputStream in = SpeechRenderer.class.getResourceAsStream(MAPPING_SCRIPT)) {
                if (in == null) {
                    throw new IOException("resource " + MAPPING_SCRIPT + " is missing from the model module");
                }
                Path script = Files.createTempFile("sst-", "-" + MAPPING_SCRIPT);
                script.toFile().deleteOnExit();
                Files.write(script, in.readAllBytes());
                mappingScript = script;
            }
        }
        return mappingScript;
    }

    /** Runs a synthesizer and returns what it printed. */
    static String run(List<String> command, Voice voice) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] output;
        try (InputStream in = p.getInputStream()) {
            output = in.readAllBytes(); // drained so the program never blocks on a full pipe
        }
        if (!p.waitFor(PROCESS_TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(voice.id() + ": " + command.get(0) + " did not finish in " + PROCESS_TIMEOUT_S + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(voice.id() + ": " + String.join(" ", command) + " exited " + p.exitValue() + ": "
                    + new String(output, StandardCharsets.UTF_8).trim());
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    private static int pauseSamples(RenderPlan plan, int sentenceIndex) {
        return SAMPLE_RATE * plan.item().pausesMs().get(sentenceIndex - 1) / 1000;
    }

    private static int toMs(int samples) {
        return (int) Math.round(samples * 1000.0 / SAMPLE_RATE);
    }

    private static void normalize(float[] x, double peak) {
        float max = 0;
        for (float v : x) {
            max = Math.max(max, Math.abs(v));
        }
        if (max > 0) {
            float scale = (float) (peak / max);
            for (int i = 0; i < x.length; i++) {
                x[i] *= scale;
            }
        }
    }

    /** Scales down the whole clip when noise pushed a peak past full scale, rather than clipping it. */
    private static void guardClipping(float[] x) {
        float max = 0;
        for (float v : x) {
            max = Math.max(max, Math.abs(v));
        }
        if (max > 0.99f) {
            float scale = 0.99f / max;
            for (int i = 0; i < x.length; i++) {
                x[i] *= scale;
            }
        }
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.3f", x);
    }
}
