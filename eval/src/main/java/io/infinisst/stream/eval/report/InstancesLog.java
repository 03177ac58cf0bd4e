package io.infinisst.stream.eval.report;

import io.infinisst.stream.eval.score.SessionScore;
import io.infinisst.stream.protocol.records.Json;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-instance logs in SimulEval's {@code instances.log} format: one JSON object per line with SimulEval's
 * keys — {@code index}, {@code prediction} (units joined: with spaces for words, directly for characters),
 * {@code delays} (source ms per unit), {@code elapsed} (wall-clock ms per unit from the first frame sent),
 * {@code prediction_length}, {@code reference}, {@code source} (a list, as SimulEval's speech instances give
 * it: here the WAV path), {@code source_length} (ms) — so SimulEval's scorer can re-score a run
 * ({@code --score-only}). Keys SimulEval does not know are added after them: {@code session_id},
 * {@code language_pair}, {@code item}, and for multi-sentence streams {@code reference_sentences} with
 * {@code sentence_offsets_ms} (StreamLAAL needs them; SimulEval would score the stream as one sentence).
 */
public final class InstancesLog {
    private InstancesLog() {}

    /** One line's fields. */
    public static Map<String, Object> line(int index, SessionScore s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("prediction", s.hypothesis());
        m.put("delays", s.units().delays());
        m.put("elapsed", s.units().elapsed());
        m.put("prediction_length", s.units().size());
        m.put("reference", s.reference() == null ? "" : s.reference());
        m.put("source", s.run().item() == null ? List.of() : List.of(s.run().item().wav().toString()));
        m.put("source_length", s.sourceLengthMs());
        m.put("session_id", s.run().sessionId());
        m.put("language_pair", s.run().languagePair());
        m.put("item", s.run().item() == null ? null : s.run().item().id());
        if (s.stream() != null) {
            String pair = s.run().languagePair();
            m.put("reference_sentences", s.run().item().referenceSentences(pair).stream().map(r -> r.text()).toList());
            m.put("sentence_offsets_ms", s.run().item().referenceSentences(pair).stream()
                    .map(r -> List.of(r.startMs(), r.durationMs())).toList());
        }
        return m;
    }

    /** Writes the sessions in order, indices from 0. */
    public static void write(Path file, List<SessionScore> scores) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < scores.size(); i++) {
                w.write(Json.MAPPER.writeValueAsString(line(i, scores.get(i))));
                w.write('\n');
            }
        }
    }
}
