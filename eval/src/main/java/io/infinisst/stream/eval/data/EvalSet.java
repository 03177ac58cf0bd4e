package io.infinisst.stream.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.infinisst.stream.protocol.records.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The held-out recordings an evaluation streams, with references per target language.
 *
 * <p>Manifest: JSON Lines, one recording per line, as the corpus generator writes it. Read leniently, since
 * corpora differ in spelling: {@code id} (required); {@code split}; {@code voice}; the WAV under {@code wav},
 * {@code wav_path}, {@code audio} or {@code path} (relative to the manifest's folder); {@code duration} or
 * {@code duration_s} in seconds; the texts under their language codes ({@code en}, {@code zh}, {@code it}), at
 * the top level or in a {@code references} object; a multi-sentence stream's sentences under
 * {@code sentences} or {@code segments}, each with its start ({@code start}/{@code offset}/{@code start_s} in
 * seconds, or {@code start_ms}), its end or duration ({@code end}, {@code end_s}, {@code duration},
 * {@code duration_s}, {@code end_ms}, {@code duration_ms}) and its texts.
 *
 * @param items the recordings, in manifest order
 * @param description where they came from, for reports
 */
public record EvalSet(List<EvalItem> items, String description) {
    private static final List<String> WAV_KEYS = List.of("wav", "wav_path", "audio", "path", "file");

    public EvalSet {
        items = List.copyOf(items);
    }

    /**
     * Reads a manifest, keeping the items of the given splits; with no splits, every item whose split does not
     * start with {@code train} (training data says nothing about held-out quality).
     *
     * @throws IllegalArgumentException naming the line and the field when a line cannot be used
     */
    public static EvalSet load(Path manifest, Set<String> splits) throws IOException {
        List<EvalItem> items = new ArrayList<>();
        Path dir = manifest.toAbsolutePath().getParent();
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            EvalItem item;
            try {
                item = parse(Json.MAPPER.readTree(line), dir);
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException(manifest + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
            boolean keep = splits == null || splits.isEmpty() ? !item.split().startsWith("train")
                    : splits.contains(item.split());
            if (keep) {
                items.add(item);
            }
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException(manifest + ": no items" + (splits == null || splits.isEmpty()
                    ? " outside the training split" : " in split(s) " + splits));
        }
        return new EvalSet(items, "manifest " + manifest + (splits == null || splits.isEmpty() ? ""
                : " (split " + String.join(",", splits) + ")"));
    }

    /**
     * One manifest line as an item.
     *
     * @param dir what a relative WAV path is relative to; null for the working directory
     */
    public static EvalItem parse(JsonNode n, Path dir) {
        String id = text(n, "id");
        if (id == null) {
            throw new IllegalArgumentException("field 'id' is missing");
        }
        String wav = null;
        for (String k : WAV_KEYS) {
            wav = wav == null ? text(n, k) : wav;
        }
        if (wav == null) {
            throw new IllegalArgumentException("item " + id + ": no WAV path (one of " + WAV_KEYS + ")");
        }
        Path path = dir == null ? Path.of(wav) : dir.resolve(wav);
        double duration = number(n, "duration", "duration_s", 1.0);
        if (Double.isNaN(duration)) {
            duration = number(n, "duration_ms", null, 0.001);
        }
        Map<String, String> refs = texts(n);
        List<EvalItem.Sentence> sentences = new ArrayList<>();
        JsonNode list = n.has("sentences") ? n.get("sentences") : n.get("segments");
        if (list != null && list.isArray()) {
            for (int i = 0; i < list.size(); i++) {
                sentences.add(sentence(list.get(i), id, i));
            }
        }
        return new EvalItem(id, text(n, "split"), text(n, "voice"), path, Double.isNaN(duration) ? 0 : duration,
                refs.remove("en"), refs, sentences);
    }

    private static EvalItem.Sentence sentence(JsonNode s, String id, int index) {
        double start = number(s, "start", "start_s", 1000.0);
        if (Double.isNaN(start)) {
            start = number(s, "offset", "offset_s", 1000.0);
        }
        if (Double.isNaN(start)) {
            start = number(s, "start_ms", "offset_ms", 1.0);
        }
        double duration = number(s, "duration", "duration_s", 1000.0);
        if (Double.isNaN(duration)) {
            duration = number(s, "duration_ms", null, 1.0);
        }
        if (Double.isNaN(duration)) {
            double end = number(s, "end", "end_s", 1000.0);
            end = Double.isNaN(end) ? number(s, "end_ms", null, 1.0) : end;
            duration = end - start;
        }
        if (Double.isNaN(start) || !(duration > 0)) {
            throw new IllegalArgumentException("item " + id + " sentence " + index
                    + ": needs a start and a positive duration or end, got " + s);
        }
        Map<String, String> refs = texts(s);
        return new EvalItem.Sentence(start, duration, refs.remove("en"), refs);
    }

    /** Every two-letter (or xx-YY) textual field, plus those of a nested {@code references} object. */
    private static Map<String, String> texts(JsonNode n) {
        Map<String, String> m = new LinkedHashMap<>();
        List<JsonNode> holders = new ArrayList<>(List.of(n));
        if (n.path("references").isObject()) {
            holders.add(n.get("references"));
        }
        for (JsonNode h : holders) {
            for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual() && !e.getKey().equals("id") && e.getKey().matches("[a-z]{2}([-_][A-Za-z]{2,4})?")) {
                    m.put(e.getKey(), e.getValue().asText());
                }
            }
        }
        return m;
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The first of two keys present as a number, times {@code scale}; NaN when neither is. */
    private static double number(JsonNode n, String key, String alt, double scale) {
        JsonNode v = n.get(key);
        if ((v == null || !v.isNumber()) && alt != null) {
            v = n.get(alt);
        }
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble() * scale;
    }

    /** An item as a manifest line (absolute WAV path), readable by {@link #parse(JsonNode, Path)}. */
    public static Map<String, Object> toJson(EvalItem item) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", item.id());
        m.put("split", item.split());
        m.put("voice", item.voice());
        m.put("wav", item.wav().toAbsolutePath().toString());
        m.put("duration", item.durationSeconds());
        m.put("en", item.source());
        m.putAll(new java.util.TreeMap<>(item.references()));
        if (!item.sentences().isEmpty()) {
            List<Map<String, Object>> sentences = new ArrayList<>();
            for (EvalItem.Sentence s : item.sentences()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("start_ms", s.startMs());
                x.put("duration_ms", s.durationMs());
                x.put("en", s.source());
                x.putAll(new java.util.TreeMap<>(s.references()));
                sentences.add(x);
            }
            m.put("sentences", sentences);
        }
        return m;
    }

    /** The single utterances (not streams), for the basic test, shortest first. */
    public List<EvalItem> utterances() {
        return items.stream().filter(i -> !i.isStream())
                .sorted((a, b) -> Double.compare(a.durationSeconds(), b.durationSeconds())).toList();
    }
}
