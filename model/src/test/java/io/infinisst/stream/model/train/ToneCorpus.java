package io.infinisst.stream.model.train;

import io.infinisst.stream.model.corpus.Wav;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A corpus small enough to learn in seconds, in {@code CorpusCli}'s layout: each utterance is two or three
 * 0.25 s tones (440 Hz "一", 1000 Hz "二", 2200 Hz "三") with short gaps, and its Chinese target names them.
 */
public final class ToneCorpus {
    public static final int RATE = 16_000;
    static final double[] FREQ = {440, 1000, 2200};
    static final String[] CHARS = {"一", "二", "三"};

    private ToneCorpus() {}

    /** Audio of a tone sequence (digits 0–2) with 0.15 s of faint noise at either end. */
    public static float[] audio(int[] digits, Random random) {
        int tone = RATE / 4;
        int gap = RATE / 10;
        int edge = RATE * 15 / 100;
        float[] out = new float[2 * edge + digits.length * tone + (digits.length - 1) * gap];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (random.nextGaussian() * 0.001);
        }
        for (int k = 0; k < digits.length; k++) {
            int start = edge + k * (tone + gap);
            for (int i = 0; i < tone; i++) {
                double ramp = Math.min(1, Math.min(i, tone - i) / 160.0);
                out[start + i] += (float) (0.4 * ramp * Math.sin(2 * Math.PI * FREQ[digits[k]] * i / RATE));
            }
        }
        return out;
    }

    public static String text(int[] digits) {
        StringBuilder sb = new StringBuilder();
        for (int d : digits) {
            sb.append(CHARS[d]);
        }
        return sb.toString();
    }

    /** Every sequence of two and three tones as train; the first few again as dev and test. */
    public static List<int[]> sequences() {
        List<int[]> out = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                out.add(new int[] {a, b});
                for (int c = 0; c < 3; c++) {
                    out.add(new int[] {a, b, c});
                }
            }
        }
        return out;
    }

    /** Writes the corpus into {@code dir} (manifest.jsonl and wav/). */
    public static void write(Path dir) throws IOException {
        Random random = new Random(7);
        List<String> lines = new ArrayList<>();
        List<int[]> seqs = sequences();
        int n = 0;
        for (String split : List.of("train", "dev", "test")) {
            Files.createDirectories(dir.resolve("wav").resolve(split));
            List<int[]> items = split.equals("train") ? seqs : seqs.subList(0, 6);
            for (int[] s : items) {
                String id = split + "-" + (n++);
                String wav = "wav/" + split + "/" + id + ".wav";
                Wav.write(dir.resolve(wav), audio(s, random), RATE);
                lines.add("{\"id\":\"" + id + "\",\"split\":\"" + split + "\",\"kind\":\"sentence\",\"voice\":\"tone:pure\","
                        + "\"synth\":\"tone\",\"noise\":\"none\",\"snr\":null,\"wav\":\"" + wav + "\",\"en\":\"x\",\"zh\":\""
                        + text(s) + "\",\"it\":\"x\",\"template\":\"t\"}");
            }
        }
        Files.write(dir.resolve("manifest.jsonl"), lines, StandardCharsets.UTF_8);
    }

    /** Options for a tiny, fast model on the tone corpus. */
    public static TrainOptions options(Path corpus, Path out, int epochs, boolean resume) {
        return options(corpus, out, epochs, resume, false);
    }

    /** The same, with SpecAugment masking and a frequency warp of up to 15 % when {@code augment}. */
    public static TrainOptions options(Path corpus, Path out, int epochs, boolean resume, boolean augment) {
        return options(corpus, out, epochs, resume, augment, List.of(), false);
    }

    /** The same, with more training corpora and which epoch the model directory keeps. */
    public static TrainOptions options(Path corpus, Path out, int epochs, boolean resume, boolean augment,
                                       List<Path> extraTrain, boolean keepLast) {
        return options(corpus, out, epochs, resume, augment, extraTrain, keepLast, 0);
    }

    /** The same, with a share of each epoch's utterances trained as two in a row ({@link TrainOptions#concat()}). */
    public static TrainOptions options(Path corpus, Path out, int epochs, boolean resume, boolean augment,
                                       List<Path> extraTrain, boolean keepLast, double concat) {
        return options(corpus, out, epochs, resume, augment, extraTrain, keepLast, concat, 0, false);
    }

    /** The same, with dropout and the random phase shift ({@link TrainOptions#dropout()}, {@link TrainOptions#phaseShift()}). */
    public static TrainOptions options(Path corpus, Path out, int epochs, boolean resume, boolean augment,
                                       List<Path> extraTrain, boolean keepLast, double concat, double dropout,
                                       boolean phaseShift) {
        return options(corpus, out, epochs, resume, augment, extraTrain, keepLast, concat, dropout, phaseShift, 0);
    }

    /** Options with a share of prefix training ({@link TrainOptions#prefixes()}; {@link #writePrefixes} first). */
    public static TrainOptions options(Path corpus, Path out, int epochs, boolean resume, boolean augment,
                                       List<Path> extraTrain, boolean keepLast, double concat, double dropout,
                                       boolean phaseShift, double prefixes) {
        return new TrainOptions("English -> Chinese", corpus, out, out.resolve("checkpoint"), epochs, 3, resume, 4, 0.005f, 0.005f,
                0, 64, 1, 64, true, augment, augment ? 0.15 : 0, 0, 1, 2, 0, 1, 0, extraTrain, keepLast, concat, dropout, phaseShift,
                prefixes);
    }

    /**
     * Writes {@code prefixes.jsonl} for the corpus {@link #write} wrote: each tone ends 150 ms + k × 350 ms + 250 ms
     * into its clip, and after k tones the first k characters may be said (a tone is a word that nothing later changes).
     */
    public static void writePrefixes(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        int n = 0;
        for (int[] s : sequences()) {
            StringBuilder ends = new StringBuilder();
            StringBuilder said = new StringBuilder("\"\"");
            for (int k = 0; k < s.length; k++) {
                ends.append(k == 0 ? "" : ",").append(150 + k * 350 + 250);
                said.append(",\"").append(text(java.util.Arrays.copyOf(s, k + 1))).append('"');
            }
            lines.add("{\"id\":\"train-" + (n++) + "\",\"ends_ms\":[" + ends + "],\"zh\":[" + said + "],\"it\":[" + said + "]}");
        }
        Files.write(dir.resolve(PrefixPoints.FILE), lines, StandardCharsets.UTF_8);
    }

    /** Writes a corpus of the train split only, holding the sequences that are not dev or test ones. */
    public static void writeTrainOnly(Path dir) throws IOException {
        write(dir);
        Path manifest = dir.resolve("manifest.jsonl");
        List<String> held = sequences().subList(0, 6).stream().map(s -> "\"zh\":\"" + text(s) + "\"").toList();
        Files.write(manifest, Files.readAllLines(manifest, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("\"split\":\"train\"") && held.stream().noneMatch(l::contains)).toList(),
                StandardCharsets.UTF_8);
    }
}
