package io.infinisst.stream.eval.report;

import io.infinisst.stream.eval.client.StreamClient;
import io.infinisst.stream.eval.data.Languages;
import io.infinisst.stream.eval.score.SessionScore;
import io.infinisst.stream.protocol.records.Json;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Writes a run's results folder. */
public final class RunWriter {
    public static final String SUMMARY = "summary.json";
    public static final String README = "README.md";
    public static final String LATENCY_CDF = "latency_cdf.png";
    public static final String USER_CHARTS = "user_test_charts.png";
    public static final String HEATMAPS = "batch_test_heatmaps.png";
    public static final String INSTANCES = "instances.log";
    public static final String CHUNKS = "chunks.csv";

    private RunWriter() {}

    /** Writes every file of the run into {@code dir} (created); answers the files written. */
    public static List<Path> write(RunReport r, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        List<String> charts = new ArrayList<>();
        if (!r.scores().isEmpty()) {
            Charts.userCharts(dir.resolve(USER_CHARTS), r.scores());
            charts.add(USER_CHARTS);
            Charts.latencyCdf(dir.resolve(LATENCY_CDF), r.scores());
            charts.add(LATENCY_CDF);
        }
        if (!r.points().isEmpty()) {
            Charts.batchHeatmaps(dir.resolve(HEATMAPS), r.points());
            charts.add(0, HEATMAPS);
        }
        charts.forEach(c -> files.add(dir.resolve(c)));

        Path summary = dir.resolve(SUMMARY);
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(summary.toFile(), SummaryJson.of(r));
        files.add(summary);

        Path sessions = dir.resolve(SessionsLog.FILE);
        SessionsLog.write(sessions, r.scores());
        files.add(sessions);

        Path instances = dir.resolve(INSTANCES);
        InstancesLog.write(instances, r.scores());
        files.add(instances);
        Map<String, List<SessionScore>> byPair = r.scores().stream().collect(Collectors.groupingBy(
                s -> s.run().languagePair(), TreeMap::new, Collectors.toList()));
        for (Map.Entry<String, List<SessionScore>> e : byPair.entrySet()) {
            Path f = dir.resolve("instances." + Languages.slug(e.getKey()) + ".log");
            InstancesLog.write(f, e.getValue());
            files.add(f);
        }

        Path chunks = dir.resolve(CHUNKS);
        writeChunks(chunks, r.scores());
        files.add(chunks);

        Path readme = dir.resolve(README);
        Files.writeString(readme, MarkdownReport.of(r, charts), StandardCharsets.UTF_8);
        files.add(readme);
        return files;
    }

    /** Every translation event: the raw data behind the latency figures. */
    static void writeChunks(Path file, List<SessionScore> scores) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("session_id,language_pair,user,chunk,final,audio_end_ms,client_latency_ms,server_latency_ms,"
                    + "received_at_ms\n");
            for (SessionScore s : scores) {
                if (s.run().result() == null) {
                    continue;
                }
                for (StreamClient.Received e : s.run().result().translations()) {
                    w.write(String.join(",", s.run().sessionId(), "\"" + s.run().languagePair() + "\"",
                            String.valueOf(s.run().user()), String.valueOf(e.chunk()), String.valueOf(e.last()),
                            String.valueOf(e.audioEndMs()), String.valueOf(e.clientLatencyMs()),
                            String.valueOf(e.latencyMs()), String.valueOf(e.receivedAtMs())));
                    w.write('\n');
                }
            }
        }
    }
}
