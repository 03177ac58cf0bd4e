package io.infinisst.stream.eval.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.infinisst.stream.eval.report.SessionsLog;
import io.infinisst.stream.protocol.records.Json;
import io.infinisst.stream.protocol.records.SessionRequest;
import io.infinisst.stream.protocol.records.SessionRequestSerde;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Export and import of recorded sessions, for sharing a set of inputs without the Kafka cluster it was recorded
 * on. JSON Lines, UTF-8:
 * <pre>
 * {"format": "sst-replay", "version": 1}
 * {"kind": "session", "session_id": "...", "language_pair": ..., "item": {...manifest line...}}   (optional)
 * {"kind": "record", "session_id": "...", "type": "AUDIO", "seq": 3, "timestamp_ms": ..., "serde": "&lt;base64&gt;"}
 * </pre>
 * A record line's {@code serde} is the record exactly as it travels on {@code sst.requests}
 * ({@code SessionRequestSerde}), base64-encoded; that field alone is authoritative — {@code type}, {@code seq}
 * and {@code timestamp_ms} are there for people and tools reading the file. A {@code session} line carries
 * what an evaluation knew of the session (its item and references) so {@code sst eval --replay file} can score
 * the replay. JSON with base64 rather than raw length-prefixed bytes: a shared file stays inspectable with
 * {@code jq}, for a third more bytes.
 */
public final class RecordFile {
    public static final String FORMAT = "sst-replay";
    public static final int VERSION = 1;

    private RecordFile() {}

    public static void write(Path file, Collection<RecordedSession> sessions) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(Json.MAPPER.writeValueAsString(Map.of("format", FORMAT, "version", VERSION)));
            w.write('\n');
            for (RecordedSession s : sessions) {
                if (s.entry() != null) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("kind", "session");
                    m.putAll(SessionsLog.toJson(s.entry()));
                    m.put("session_id", s.sessionId());
                    w.write(Json.MAPPER.writeValueAsString(m));
                    w.write('\n');
                }
                for (SessionRequest r : s.records()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("kind", "record");
                    m.put("session_id", r.sessionId());
                    m.put("type", r.type().name());
                    m.put("seq", r.seq());
                    m.put("timestamp_ms", r.timestampMs());
                    m.put("serde", Base64.getEncoder().encodeToString(SessionRequestSerde.serialize(r)));
                    w.write(Json.MAPPER.writeValueAsString(m));
                    w.write('\n');
                }
            }
        }
    }

    /**
     * Reads a file written by {@link #write}.
     *
     * @throws IllegalArgumentException naming the line when the file is not in this format or a record is bad
     */
    public static Map<String, RecordedSession> read(Path file) throws IOException {
        Map<String, List<SessionRequest>> records = new LinkedHashMap<>();
        Map<String, SessionsLog.Entry> entries = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode j;
                try {
                    j = Json.MAPPER.readTree(line);
                } catch (IOException e) {
                    throw new IllegalArgumentException(file + " line " + n + ": not JSON", e);
                }
                if (n == 1) {
                    if (!FORMAT.equals(j.path("format").asText()) || j.path("version").asInt() != VERSION) {
                        throw new IllegalArgumentException(file + " line 1: expected {\"format\": \"" + FORMAT
                                + "\", \"version\": " + VERSION + "}, got " + line);
                    }
                    continue;
                }
                String kind = j.path("kind").asText();
                if (kind.equals("session")) {
                    entries.put(j.path("session_id").asText(), SessionsLog.entry(j));
                } else if (kind.equals("record")) {
                    SessionRequest r;
                    try {
                        r = SessionRequestSerde.deserialize(Base64.getDecoder().decode(j.path("serde").asText()));
                    } catch (RuntimeException e) {
                        throw new IllegalArgumentException(file + " line " + n + ": bad record: " + e.getMessage(), e);
                    }
                    records.computeIfAbsent(r.sessionId(), k -> new ArrayList<>()).add(r);
                } else {
                    throw new IllegalArgumentException(file + " line " + n + ": kind must be session or record, got '"
                            + kind + "'");
                }
            }
        }
        Map<String, RecordedSession> out = new LinkedHashMap<>();
        records.forEach((id, list) -> out.put(id, new RecordedSession(id, list, entries.get(id))));
        return out;
    }

    /** True when the file starts like an export (so {@code --replay} can tell it from a run folder). */
    public static boolean looksLikeExport(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            return first != null && first.contains("\"" + FORMAT + "\"");
        } catch (IOException e) {
            return false;
        }
    }
}
