package io.infinisst.stream.eval.report;

import io.infinisst.stream.eval.client.StreamClient;
import io.infinisst.stream.eval.run.BatchSweep;
import io.infinisst.stream.eval.score.SessionScore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's PNG charts, drawn with XChart (no display needed: AWT runs headless). */
public final class Charts {
    private static final int W = 640;
    private static final int H = 420;

    static {
        // Draws into images only; without this a machine without a display fails on the first font lookup.
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /** {@code latency_cdf.png}: client chunk latency CDF, one curve per language pair and one for all. */
    public static void latencyCdf(Path file, List<SessionScore> scores) throws IOException {
        BitmapEncoder.saveBitmap(cdfChart(scores, 900, 560), file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * {@code user_test_charts.png}, four panels: chunk latency p50/p99 per user, the latency CDF, throughput and
     * active sessions over time, and every chunk's latency over time.
     */
    public static void userCharts(Path file, List<SessionScore> scores) throws IOException {
        List<Chart<?, ?>> charts = List.of(perUser(scores), cdfChart(scores, W, H), throughput(scores),
                latencyOverTime(scores));
        BitmapEncoder.saveBitmap(charts, 2, 2, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** {@code batch_test_heatmaps.png}: p50 and p99 chunk latency, chunks/s and mean batch size over the grid. */
    public static void batchHeatmaps(Path file, List<BatchSweep.Point> points) throws IOException {
        List<Chart<?, ?>> charts = List.of(
                heatmap("chunk latency p50 (ms)", points, p -> p.figures().p50() < 0 ? Double.NaN : p.figures().p50()),
                heatmap("chunk latency p99 (ms)", points, p -> p.figures().p99() < 0 ? Double.NaN : p.figures().p99()),
                heatmap("throughput (chunks/s)", points, p -> p.figures().chunksPerSecond()),
                heatmap("mean batch size formed", points, BatchSweep.Point::meanBatchSize));
        BitmapEncoder.saveBitmap(charts, 2, 2, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart cdfChart(List<SessionScore> scores, int w, int h) {
        XYChart c = new XYChartBuilder().width(w).height(h).title("Chunk latency CDF (client side)")
                .xAxisTitle("latency (ms)").yAxisTitle("fraction of chunks").build();
        // A fixed 0–1 axis with two decimals: left to itself, XChart printed each tick's full binary fraction.
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE).setMarkerSize(0);
        c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setYAxisDecimalPattern("0.00");
        Map<String, List<Long>> byPair = new TreeMap<>();
        for (SessionScore s : scores) {
            byPair.computeIfAbsent(s.run().languagePair(), k -> new ArrayList<>()).addAll(s.clientLatenciesMs());
            byPair.computeIfAbsent("all", k -> new ArrayList<>()).addAll(s.clientLatenciesMs());
        }
        byPair.forEach((name, values) -> {
            if (!values.isEmpty()) {
                double[][] xy = cdf(values);
                c.addSeries(name + " (n=" + values.size() + ")", xy[0], xy[1]).setMarker(SeriesMarkers.NONE);
            }
        });
        if (c.getSeriesMap().isEmpty()) {
            c.addSeries("no chunks", new double[] {0}, new double[] {0});
        }
        return c;
    }

    /** Step points of an empirical CDF. */
    static double[][] cdf(List<Long> values) {
        long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
        double[] x = new double[v.length];
        double[] y = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            x[i] = v[i];
            y[i] = (i + 1) / (double) v.length;
        }
        return new double[][] {x, y};
    }

    private static CategoryChart perUser(List<SessionScore> scores) {
        CategoryChart c = new CategoryChartBuilder().width(W).height(H).title("Chunk latency per user")
                .xAxisTitle("user").yAxisTitle("latency (ms)").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        Map<Integer, List<Long>> byUser = new TreeMap<>();
        for (SessionScore s : scores) {
            byUser.computeIfAbsent(s.run().user(), k -> new ArrayList<>()).addAll(s.clientLatenciesMs());
        }
        List<String> users = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        byUser.forEach((u, values) -> {
            io.infinisst.stream.eval.bench.Percentiles p = new io.infinisst.stream.eval.bench.Percentiles(values);
            users.add(String.valueOf(u));
            p50.add((double) Math.max(0, p.at(50)));
            p99.add((double) Math.max(0, p.at(99)));
        });
        if (users.isEmpty()) {
            users.add("-");
            p50.add(0.0);
            p99.add(0.0);
        }
        c.addSeries("p50", users, p50);
        c.addSeries("p99", users, p99);
        return c;
    }

    private static XYChart throughput(List<SessionScore> scores) {
        XYChart c = new XYChartBuilder().width(W).height(H).title("Throughput and sessions over time")
                .xAxisTitle("time (s)").yAxisTitle("chunks/s, sessions").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW).setMarkerSize(0);
        long t0 = scores.stream().mapToLong(s -> s.run().sourceStartMs()).min().orElse(0);
        long t1 = scores.stream().mapToLong(s -> s.run().endMs()).max().orElse(0);
        int bins = (int) Math.max(1, (t1 - t0) / 1000 + 1);
        double[] x = new double[bins];
        double[] chunks = new double[bins];
        double[] active = new double[bins];
        for (int i = 0; i < bins; i++) {
            x[i] = i;
        }
        for (SessionScore s : scores) {
            if (s.run().result() != null) {
                for (StreamClient.Received e : s.run().result().translations()) {
                    chunks[(int) Math.min(bins - 1, Math.max(0, (e.receivedAtMs() - t0) / 1000))]++;
                }
            }
            for (long t = s.run().sourceStartMs(); t <= s.run().endMs(); t += 1000) {
                active[(int) Math.min(bins - 1, (t - t0) / 1000)]++;
            }
        }
        c.addSeries("chunks/s received", x, chunks).setMarker(SeriesMarkers.NONE);
        c.addSeries("active sessions", x, active).setMarker(SeriesMarkers.NONE);
        return c;
    }

    private static XYChart latencyOverTime(List<SessionScore> scores) {
        XYChart c = new XYChartBuilder().width(W).height(H).title("Chunk latency over time")
                .xAxisTitle("time (s)").yAxisTitle("latency (ms)").build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarkerSize(4)
                .setLegendPosition(Styler.LegendPosition.InsideNW);
        long t0 = scores.stream().mapToLong(s -> s.run().sourceStartMs()).min().orElse(0);
        Map<String, List<double[]>> byPair = new TreeMap<>();
        for (SessionScore s : scores) {
            if (s.run().result() == null) {
                continue;
            }
            for (StreamClient.Received e : s.run().result().translations()) {
                if (e.clientLatencyMs() >= 0) {
                    byPair.computeIfAbsent(s.run().languagePair(), k -> new ArrayList<>())
                            .add(new double[] {(e.receivedAtMs() - t0) / 1000.0, e.clientLatencyMs()});
                }
            }
        }
        byPair.forEach((pair, pts) -> c.addSeries(pair, pts.stream().mapToDouble(p -> p[0]).toArray(),
                pts.stream().mapToDouble(p -> p[1]).toArray()));
        if (byPair.isEmpty()) {
            c.addSeries("no chunks", new double[] {0}, new double[] {0});
        }
        return c;
    }

    private static HeatMapChart heatmap(String title, List<BatchSweep.Point> points,
            ToDoubleFunction<BatchSweep.Point> value) {
        List<Long> timeouts = points.stream().map(BatchSweep.Point::batchTimeoutMs).distinct().sorted().toList();
        List<Integer> sizes = points.stream().map(BatchSweep.Point::maxBatchSize).distinct().sorted().toList();
        HeatMapChart c = new HeatMapChartBuilder().width(W).height(H).title(title)
                .xAxisTitle("batch_timeout_ms").yAxisTitle("max_batch_size").build();
        c.getStyler().setShowValue(true).setHeatMapValueDecimalPattern("#0.##").setLegendPosition(
                Styler.LegendPosition.OutsideE);
        List<Number[]> cells = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (BatchSweep.Point p : points) {
            double v = value.applyAsDouble(p);
            if (Double.isNaN(v)) {
                continue; // an unmeasured cell stays blank rather than pretending to be zero
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
            cells.add(new Number[] {timeouts.indexOf(p.batchTimeoutMs()), sizes.indexOf(p.maxBatchSize()), v});
        }
        if (cells.isEmpty()) {
            cells.add(new Number[] {0, 0, 0});
            min = 0;
            max = 1;
        }
        if (max <= min) {
            max = min + 1; // one distinct value: a zero-width colour scale would divide by zero
        }
        c.getStyler().setMin(min).setMax(max);
        c.addSeries(title, timeouts.stream().map(t -> String.format(Locale.ROOT, "%d", t)).toList(),
                sizes.stream().map(String::valueOf).toList(), cells);
        return c;
    }
}
