package io.infinisst.stream.eval.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples {@code GET /stats} while a run goes, for what only the server knows: the job's Kafka consumer lag,
 * its chunk rate and batch sizes. Absent figures (a system without {@code /stats}) are simply not sampled.
 */
public final class StatsSampler implements AutoCloseable {

    /**
     * One sample.
     *
     * @param timeMs epoch ms
     * @param kafkaLag {@code kafka_consumer_lag.total}, null when not measured
     * @param chunksPerSecond {@code pipeline.chunks_per_second}, NaN when unavailable
     * @param activeSessions {@code sessions.active}, -1 when unavailable
     */
    public record Sample(long timeMs, Long kafkaLag, double chunksPerSecond, int activeSessions) {}

    private final SystemApi api;
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer;

    public StatsSampler(SystemApi api, long periodMs) {
        this.api = api;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "eval-stats");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::sample, 0, periodMs, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        JsonNode s = api.stats();
        if (s == null) {
            return;
        }
        JsonNode cps = s.path("pipeline").path("chunks_per_second");
        JsonNode active = s.path("sessions").path("active");
        Sample x = new Sample(System.currentTimeMillis(), SystemApi.kafkaLag(s),
                cps.isNumber() ? cps.asDouble() : Double.NaN, active.isNumber() ? active.asInt() : -1);
        synchronized (samples) {
            samples.add(x);
        }
    }

    public List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
