package io.infinisst.stream.eval.data;

import io.infinisst.stream.eval.audio.Wav;
import io.infinisst.stream.protocol.audio.Resampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A small evaluation set made on the spot when no manifest is given: a few fixed English sentences with their
 * Chinese and Italian references, spoken by espeak-ng and resampled to 16 kHz, plus one multi-sentence stream of
 * three of them with pauses between (for StreamLAAL). It exercises the whole evaluation; it is not a benchmark.
 */
public final class BuiltInSet {
    /** Sample rate of the WAVs written (the models' rate). */
    public static final int SAMPLE_RATE = 16_000;
    /** Silence between the sentences of the built-in stream. */
    public static final double PAUSE_SECONDS = 0.8;

    /** English source, Chinese reference, Italian reference. */
    static final List<String[]> SENTENCES = List.of(
            new String[] {"Could you tell me where the nearest pharmacy is?",
                    "请问最近的药店在哪里？", "Mi può dire dov'è la farmacia più vicina?"},
            new String[] {"The museum is open from ten to six, except on Mondays.",
                    "博物馆从十点开放到六点，周一除外。", "Il museo è aperto dalle dieci alle sei, tranne il lunedì."},
            new String[] {"Tomorrow will be sunny with a high of twenty five degrees.",
                    "明天晴天，最高气温二十五度。", "Domani sarà soleggiato con una massima di venticinque gradi."},
            new String[] {"Our meeting has been moved to Thursday at three in the afternoon.",
                    "我们的会议改到了星期四下午三点。",
                    "La nostra riunione è stata spostata a giovedì alle tre del pomeriggio."},
            new String[] {"A room for two nights costs one hundred and twenty euros.",
                    "两晚的房间费用是一百二十欧元。", "Una camera per due notti costa centoventi euro."},
            new String[] {"Good morning. The train to the airport leaves at nine thirty from platform four.",
                    "早上好。去机场的火车九点半从四号站台出发。",
                    "Buongiorno. Il treno per l'aeroporto parte alle nove e mezza dal binario quattro."});

    /** Which sentences make the built-in stream. */
    static final int[] STREAM = {2, 3, 4};
    private static final String VOICE = "en-us";

    private BuiltInSet() {}

    /**
     * Synthesizes the set into {@code dir} (reusing WAVs already there) and answers it.
     *
     * @throws IOException when espeak-ng is missing or fails; the message says how to proceed
     */
    public static EvalSet create(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<EvalItem> items = new ArrayList<>();
        List<Wav> spoken = new ArrayList<>();
        for (int i = 0; i < SENTENCES.size(); i++) {
            String[] s = SENTENCES.get(i);
            Path wav = dir.resolve(String.format("builtin-%02d.wav", i + 1));
            Wav audio = Files.exists(wav) ? Wav.read(wav) : speak(s[0], wav);
            spoken.add(audio);
            items.add(new EvalItem(String.format("builtin-%02d", i + 1), "builtin", VOICE, wav, audio.seconds(), s[0],
                    Map.of("zh", s[1], "it", s[2]), List.of()));
        }
        items.add(stream(dir, spoken));
        return new EvalSet(items, "built-in: " + SENTENCES.size() + " sentences and 1 stream of " + STREAM.length
                + ", spoken by espeak-ng (" + VOICE + "), 16 kHz");
    }

    private static EvalItem stream(Path dir, List<Wav> spoken) throws IOException {
        int pause = (int) Math.round(PAUSE_SECONDS * SAMPLE_RATE);
        int total = 0;
        for (int i : STREAM) {
            total += spoken.get(i).samples().length + pause;
        }
        float[] out = new float[total];
        List<EvalItem.Sentence> sentences = new ArrayList<>();
        StringBuilder en = new StringBuilder();
        int at = 0;
        for (int i : STREAM) {
            float[] s = spoken.get(i).samples();
            System.arraycopy(s, 0, out, at, s.length);
            String[] t = SENTENCES.get(i);
            sentences.add(new EvalItem.Sentence(at * 1000.0 / SAMPLE_RATE, s.length * 1000.0 / SAMPLE_RATE, t[0],
                    Map.of("zh", t[1], "it", t[2])));
            en.append(en.length() == 0 ? "" : " ").append(t[0]);
            at += s.length + pause;
        }
        Path wav = dir.resolve("builtin-stream-01.wav");
        Wav audio = new Wav(out, SAMPLE_RATE);
        audio.write(wav);
        return new EvalItem("builtin-stream-01", "builtin", VOICE, wav, audio.seconds(), en.toString(), Map.of(),
                sentences);
    }

    /** Runs espeak-ng into a temporary WAV (its native 22 050 Hz) and writes the 16 kHz version to {@code wav}. */
    static Wav speak(String text, Path wav) throws IOException, InterruptedException {
        Path raw = Files.createTempFile("sst-espeak-", ".wav");
        try {
            Process p;
            try {
                p = new ProcessBuilder("espeak-ng", "-v", VOICE, "-s", "150", "-w", raw.toString(), text)
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new IOException("cannot run espeak-ng to make the built-in evaluation set (install it: "
                        + "apt-get install espeak-ng; or pass --manifest): " + e.getMessage(), e);
            }
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("espeak-ng failed on \"" + text + "\": " + output.trim());
            }
            Wav w = Wav.read(raw);
            Wav resampled = new Wav(Resampler.resample(w.samples(), w.sampleRate(), SAMPLE_RATE), SAMPLE_RATE);
            resampled.write(wav);
            return resampled;
        } finally {
            Files.deleteIfExists(raw);
        }
    }
}
