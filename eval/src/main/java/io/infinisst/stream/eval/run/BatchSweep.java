package io.infinisst.stream.eval.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.infinisst.stream.eval.score.Figures;
import io.infinisst.stream.eval.score.SessionScore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code --batch-test-only}: for every {@code max_batch_size} × {@code batch_timeout_ms} of the grid, sets them
 * through {@code /configure}, streams the same {@link FixedLoad}, and measures latency and throughput; the
 * mean batch size actually formed comes from {@code /stats} before and after the point.
 */
public final class BatchSweep {
    public static final List<Integer> DEFAULT_SIZES = List.of(1, 4, 8, 16, 32);
    public static final List<Long> DEFAULT_TIMEOUTS = List.of(50L, 100L, 200L);

    /**
     * One point of the grid.
     *
     * @param meanBatchSize chunks / batches the job formed during the point; NaN without {@code /stats}
     * @param scores the sessions streamed at this point
     */
    public record Point(int maxBatchSize, long batchTimeoutMs, Figures figures, double meanBatchSize,
            List<SessionScore> scores) {}

    private BatchSweep() {}

    /**
     * @param settleMs wait after {@code /configure}: the job applies a change through broadcast state within a
     *     second, and a point must not measure the previous setting
     * @param onPoint sees each point as it is measured
     */
    public static List<Point> run(SystemApi api, List<Integer> sizes, List<Long> timeouts, FixedLoad load,
            Streamer streamer, long settleMs, Runnable onSession, java.util.function.Consumer<Point> onPoint)
            throws Exception {
        List<Point> points = new ArrayList<>();
        JsonNode before = api.stats();
        JsonNode inForce = before == null ? null : before.path("configuration");
        try {
            sweep(api, sizes, timeouts, load, streamer, settleMs, onSession, onPoint, points);
        } finally {
            // Leave the system as the sweep found it: the grid's last point is rarely the setting wanted.
            if (inForce != null && inForce.path("max_batch_size").isNumber()) {
                api.configure(inForce.get("max_batch_size").asInt(), inForce.path("batch_timeout_ms").asLong(),
                        inForce.path("enable_dynamic_batching").asBoolean(true), null);
            }
        }
        return points;
    }

    private static void sweep(SystemApi api, List<Integer> sizes, List<Long> timeouts, FixedLoad load,
            Streamer streamer, long settleMs, Runnable onSession, java.util.function.Consumer<Point> onPoint,
            List<Point> points) throws Exception {
        for (int size : sizes) {
            for (long timeout : timeouts) {
                api.configure(size, timeout, true, null);
                TimeUnit.MILLISECONDS.sleep(settleMs); // pacing the sweep, see settleMs
                long[] before = SystemApi.batchCounters(api.stats());
                List<SessionRun> runs = load.run(streamer, onSession);
                long[] after = SystemApi.batchCounters(api.stats());
                List<SessionScore> scores = runs.stream().map(SessionScore::of).toList();
                double meanBatch = Double.NaN;
                if (before != null && after != null && after[1] > before[1]) {
                    meanBatch = (after[0] - before[0]) / (double) (after[1] - before[1]);
                }
                Point p = new Point(size, timeout, Figures.of(scores), meanBatch, scores);
                points.add(p);
                onPoint.accept(p);
            }
        }
    }
}
