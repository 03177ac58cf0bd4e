package io.infinisst.stream.eval.bench;

import io.infinisst.stream.eval.audio.Wav;
import io.infinisst.stream.eval.client.StreamClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end chunk latency under N concurrent real-time sessions: each session streams a generated
 * signal in 0.1 s frames; a chunk's latency is from sending the frame that holds its last sample to
 * receiving its translation at the client. Session starts are spread over one chunk so their chunks
 * do not all complete at the same instant (as with real users).
 */
public final class LatencyBenchmark {

    /** What a run measured. */
    public record Figures(int sessions, int completed, int chunks, int errors, long p50, long p90, long p99,
            long max, long serverP50, long serverP99) {
        public String line() {
            return String.format(Locale.ROOT,
                    "%3d sessions: %4d chunks, client latency p50 %4d ms, p90 %4d ms, p99 %4d ms, max %4d ms "
                            + "(server-side p50 %d ms, p99 %d ms); %d/%d completed, %d errors",
                    sessions, chunks, p50, p90, p99, max, serverP50, serverP99, completed, sessions, errors);
        }
    }

    private LatencyBenchmark() {}

    public static Figures run(URI base, String languagePair, int multiplier, int sessions, double audioSeconds)
            throws Exception {
        Wav wav = Wav.steppedTone(audioSeconds, 16_000, 300, 0.5);
        double chunkSeconds = 0.96 * multiplier;
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try {
            List<Future<StreamClient.Result>> futures = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                long delayMs = (long) (1000 * chunkSeconds * i / sessions);
                StreamClient client = new StreamClient(new StreamClient.Options(base, languagePair, multiplier, 1.0,
                        0.1, Duration.ofSeconds(60)));
                futures.add(pool.submit(() -> {
                    TimeUnit.MILLISECONDS.sleep(delayMs); // staggered arrival, not a wait for a result
                    return client.stream(wav, t -> {});
                }));
            }
            List<Long> client = new ArrayList<>();
            List<Long> server = new ArrayList<>();
            int completed = 0;
            int errors = 0;
            for (Future<StreamClient.Result> f : futures) {
                StreamClient.Result r = f.get((long) (audioSeconds * 3 + 120), TimeUnit.SECONDS);
                completed += r.completed() ? 1 : 0;
                errors += r.errors().size();
                for (StreamClient.Received t : r.translations()) {
                    if (!t.last() && t.clientLatencyMs() >= 0) { // the final chunk waits for EOF, not for audio
                        client.add(t.clientLatencyMs());
                        server.add(t.latencyMs());
                    }
                }
            }
            Percentiles c = new Percentiles(client);
            Percentiles s = new Percentiles(server);
            return new Figures(sessions, completed, c.count(), errors, c.at(50), c.at(90), c.at(99), c.at(100),
                    s.at(50), s.at(99));
        } finally {
            pool.shutdownNow();
        }
    }
}
