package io.infinisst.stream.model.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.infinisst.stream.model.corpus.Manifest;
import io.infinisst.stream.model.corpus.Wav;
import io.infinisst.stream.model.features.LogMel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a corpus folder written by {@code CorpusCli} ({@code manifest.jsonl}, see docs/corpus.md) into
 * utterances of one target language, and turns their audio into log-mel frames.
 */
public final class CorpusData {
    /** Audio kept around each sentence cut out of a training stream, so it starts and ends in silence. */
    static final int STREAM_MARGIN_MS = 150;

    private CorpusData() {}

    /**
     * The utterances of {@code split}.
     *
     * @param target language code of the translation: zh or it
     * @param streamSentences also cut each multi-sentence stream of the split into its sentences (by their
     *     {@code start_ms}/{@code end_ms}), which adds training material; otherwise streams are skipped
     */
    public static List<Utterance> read(Path corpus, String split, String target, boolean streamSentences) throws IOException {
        Path manifest = corpus.resolve("manifest.jsonl");
        if (!Files.isRegularFile(manifest)) {
            throw new IOException("no manifest.jsonl in " + corpus + " (generate a corpus with CorpusCli first)");
        }
        List<Utterance> out = new ArrayList<>();
        for (JsonObject j : Manifest.read(manifest)) {
            if (!split.equals(j.get("split").getAsString())) {
                continue;
            }
            Path wav = corpus.resolve(j.get("wav").getAsString());
            String voice = j.get("voice").getAsString();
            boolean noisy = !"none".equals(j.get("noise").getAsString());
            if ("sentence".equals(j.get("kind").getAsString())) {
                out.add(new Utterance(j.get("id").getAsString(), split, wav, 0, -1, voice, noisy, j.get(target).getAsString()));
            } else if (streamSentences) {
                JsonArray sentences = j.getAsJsonArray("sentences");
                int k = 0;
                for (JsonElement e : sentences) {
                    JsonObject s = e.getAsJsonObject();
                    out.add(new Utterance(j.get("id").getAsString() + "#" + k++, split, wav,
                            Math.max(0, s.get("start_ms").getAsInt() - STREAM_MARGIN_MS),
                            s.get("end_ms").getAsInt() + STREAM_MARGIN_MS, voice, noisy, s.get(target).getAsString()));
                }
            }
        }
        return out;
    }

    /** The utterance's samples at 16 kHz (its span only). */
    public static float[] samples(Utterance u) throws IOException {
        Wav.Audio audio = Wav.read(u.wav());
        if (audio.sampleRate() != LogMel.SAMPLE_RATE) {
            throw new IOException(u.wav() + ": sample rate " + audio.sampleRate() + ", expected " + LogMel.SAMPLE_RATE);
        }
        float[] s = audio.samples();
        if (u.endMs() < 0) {
            return s;
        }
        int from = Math.min(s.length, u.startMs() * LogMel.SAMPLE_RATE / 1000);
        int to = Math.min(s.length, u.endMs() * LogMel.SAMPLE_RATE / 1000);
        return Arrays.copyOfRange(s, from, Math.max(from, to));
    }

    /** Raw (unnormalized) log-mel frames of the utterance. */
    public static float[][] features(Utterance u) throws IOException {
        return LogMel.get().compute(samples(u));
    }
}
