package io.infinisst.stream.embedded.cli;

import io.infinisst.stream.eval.replay.RecordFile;
import io.infinisst.stream.eval.replay.RecordedSession;
import io.infinisst.stream.eval.replay.Replayer;
import io.infinisst.stream.eval.replay.TopicReader;
import io.infinisst.stream.eval.run.SessionRun;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sst replay}: re-injects recorded sessions (from {@code sst.requests} or an export file) into a running
 * system under new session ids with their recorded frame timing, and prints what came back; or, with
 * {@code --export}, writes the selected sessions' records to a file instead.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay recorded sessions (Kafka topic or export file) into a running system, or export them.")
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    static final class Selection {
        @Option(names = "--sessions", split = ",", description = "recorded session ids")
        List<String> sessions;

        @Option(names = "--all", description = "every session recorded")
        boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", description = "Kafka (default: ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "sst.requests", description = "requests topic (default: ${DEFAULT-VALUE})")
    String topic;

    @Option(names = "--from-file", description = "read the records from an export file instead of Kafka")
    Path fromFile;

    @Option(names = "--export", description = "write the selected sessions to this file and stop (JSONL, base64 serde records)")
    Path export;

    @Option(names = "--speed", defaultValue = "1.0", description = "recorded pace x this; 0 = as fast as possible (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8000", description = "system to replay into (default: ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--completion-timeout", defaultValue = "120", description = "seconds a session may take after its audio (default: ${DEFAULT-VALUE})")
    long completionTimeoutS;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (speed < 0) {
            spec.commandLine().getErr().println("--speed: must be 0 or positive, got " + speed);
            return 2;
        }
        Set<String> ids = selection.all ? null : Set.copyOf(selection.sessions);
        Map<String, RecordedSession> all = fromFile != null ? RecordFile.read(fromFile)
                : TopicReader.read(bootstrapServers, topic, id -> ids == null || ids.contains(id), Duration.ofSeconds(60));
        Map<String, RecordedSession> chosen = new LinkedHashMap<>();
        all.forEach((id, s) -> {
            if (ids == null || ids.contains(id)) {
                chosen.put(id, s);
            }
        });
        if (ids != null && chosen.size() < ids.size()) {
            spec.commandLine().getErr().println("not found in " + (fromFile != null ? fromFile : topic) + ": "
                    + ids.stream().filter(id -> !chosen.containsKey(id)).toList());
            return 1;
        }
        if (export != null) {
            RecordFile.write(export, chosen.values());
            out.printf(Locale.ROOT, "exported %d session(s), %d records, to %s%n", chosen.size(),
                    chosen.values().stream().mapToInt(s -> s.records().size()).sum(), export);
            return 0;
        }
        out.printf(Locale.ROOT, "replaying %d session(s) into %s at speed %.2f%n", chosen.size(), url, speed);
        List<SessionRun> runs = Replayer.replay(chosen.values(), url, speed, Duration.ofSeconds(completionTimeoutS),
                r -> { });
        boolean ok = true;
        for (SessionRun r : runs) {
            ok &= r.succeeded();
            out.printf(Locale.ROOT, "%s -> %s: %d chunks, %s%s%n", r.replayOf(), r.sessionId(),
                    r.result() == null ? 0 : r.result().translations().size(), r.succeeded() ? "completed" : "FAILED",
                    r.failure() != null ? " (" + r.failure() + ")"
                            : r.result() != null && !r.result().errors().isEmpty() ? " " + r.result().errors() : "");
            if (r.result() != null) {
                r.result().translations().forEach(t -> out.printf(Locale.ROOT, "    [chunk %3d] %s%n", t.chunk(),
                        t.text()));
            }
        }
        return ok ? 0 : 1;
    }
}
