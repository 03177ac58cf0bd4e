package io.infinisst.stream.model.corpus;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The corpus's JSONL lines. A text line: {@code id, split, kind, en, zh, it, templates} (and for streams
 * {@code sentences} with {@code pause_ms}). A manifest line adds how it was spoken and where the audio is:
 * {@code voice, synth, speed, pitch, noise, snr} (null when clean), {@code wav} (relative to the corpus
 * folder), {@code duration} (s), and each sentence's {@code start_ms}/{@code end_ms} in the audio.
 */
public final class Manifest {
    private Manifest() {}

    /** The JSON objects of a JSONL file of the corpus ({@code manifest.jsonl}, {@code prefixes.jsonl}), blank lines skipped. */
    public static List<JsonObject> read(Path file) throws IOException {
        List<JsonObject> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(JsonParser.parseString(line).getAsJsonObject());
            }
        }
        return out;
    }

    /** The text-only line of an item. */
    public static String textLine(CorpusItem item) {
        return base(item, null).toString();
    }

    /** The manifest line of a rendered item. */
    public static String audioLine(RenderPlan plan, String wav, double seconds, List<int[]> offsetsMs) {
        CorpusItem item = plan.item();
        Json j = new Json().put("id", item.id()).put("split", item.split().label())
                .put("kind", item.isStream() ? "stream" : "sentence")
                .put("voice", plan.voice().id()).put("synth", plan.voice().synth().label())
                .put("speed", plan.speed()).put("pitch", plan.pitch())
                .put("noise", plan.noise().label()).put("snr", plan.snrDb())
                .put("wav", wav).put("duration", Math.round(seconds * 1000) / 1000.0);
        return text(item, j, offsetsMs).toString();
    }

    private static Json base(CorpusItem item, List<int[]> offsetsMs) {
        Json j = new Json().put("id", item.id()).put("split", item.split().label())
                .put("kind", item.isStream() ? "stream" : "sentence");
        return text(item, j, offsetsMs);
    }

    private static Json text(CorpusItem item, Json j, List<int[]> offsetsMs) {
        j.put("en", item.text(Lang.EN)).put("zh", item.text(Lang.ZH)).put("it", item.text(Lang.IT));
        if (!item.isStream()) {
            return j.put("template", item.sentences().get(0).templateId());
        }
        List<Json> sentences = new ArrayList<>();
        for (int i = 0; i < item.sentences().size(); i++) {
            Sentence s = item.sentences().get(i);
            Json sj = new Json().put("template", s.templateId()).put("en", s.en()).put("zh", s.zh()).put("it", s.it());
            if (i > 0) {
                sj.put("pause_ms", item.pausesMs().get(i - 1));
            }
            if (offsetsMs != null) {
                sj.put("start_ms", offsetsMs.get(i)[0]).put("end_ms", offsetsMs.get(i)[1]);
            }
            sentences.add(sj);
        }
        return j.put("sentences", sentences);
    }
}
