package io.infinisst.stream.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.infinisst.stream.eval.data.EvalItem;
import io.infinisst.stream.eval.data.EvalSet;
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
 * {@code sessions.jsonl}: which sessions a run streamed and what each one was — its pair, multiplier and item
 * with the references (as a manifest line). {@code sst eval --replay <run>} reads it to find the recorded
 * sessions in Kafka and score their replays against the same references.
 */
public final class SessionsLog {
    public static final String FILE = "sessions.jsonl";

    /**
     * One streamed session.
     *
     * @param item null when unknown (a replayed session that was not streamed by an evaluation)
     */
    public record Entry(String sessionId, String replayOf, int user, String languagePair, int latencyMultiplier,
            EvalItem item) {}

    private SessionsLog() {}

    public static void write(Path file, List<SessionScore> scores) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (SessionScore s : scores) {
                if (s.run().sessionId() == null) {
                    continue; // never created: nothing was recorded to replay
                }
                Entry e = new Entry(s.run().sessionId(), s.run().replayOf(), s.run().user(),
                        s.run().languagePair(), s.run().latencyMultiplier(), s.run().item());
                w.write(Json.MAPPER.writeValueAsString(toJson(e)));
                w.write('\n');
            }
        }
    }

    public static List<Entry> read(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).map(l -> {
            try {
                return entry(Json.MAPPER.readTree(l));
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ": not JSON: " + l, e);
            }
        }).toList();
    }

    /** Also what an export file's {@code session} lines hold. */
    public static Entry entry(JsonNode n) {
        JsonNode item = n.get("item");
        return new Entry(n.path("session_id").asText(), n.path("replay_of").isTextual() ? n.get("replay_of").asText()
                : null, n.path("user").asInt(), n.path("language_pair").asText(), n.path("latency_multiplier").asInt(2),
                item == null || item.isNull() ? null : EvalSet.parse(item, null));
    }

    /** An entry as JSON fields (the inverse of {@link #entry(JsonNode)}). */
    public static Map<String, Object> toJson(Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("session_id", e.sessionId());
        m.put("replay_of", e.replayOf());
        m.put("user", e.user());
        m.put("language_pair", e.languagePair());
        m.put("latency_multiplier", e.latencyMultiplier());
        m.put("item", e.item() == null ? null : EvalSet.toJson(e.item()));
        return m;
    }
}
