package io.infinisst.stream.eval.bench;

import io.infinisst.stream.eval.audio.Wav;
import io.infinisst.stream.eval.client.StreamClient;
import java.io.IOException;
import java.io.InputStream;
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
 * End-to-end chunk latency under N concurrent real-time sessions: each session streams the same load
 * recording ({@link #tone} for the diagnostic model, {@link #speech} for trained ones) in 0.1 s frames;
 * a chunk's latency is from sending the frame that holds its last sample to receiving its translation at
 * the client. Session starts are spread over one chunk so their chunks do not all complete at the same
 * instant (as with real users).
 */
public final class LatencyBenchmark {

    /** Held-out English speech shipped for benchmarks (see the resource's provenance in {@link #speech}). */
    private static final String SPEECH = "speech-en.wav";

    /**
     * What a run measured; {@code sample} is the first session's translation, to show that the model
     * translated the load rather than idled on it.
     */
    public record Figures(int sessions, int completed, int chunks, int errors, long p50, long p90, long p99,
            long max, long serverP50, long serverP99, String sample) {
        public String line() {
            return String.format(Locale.ROOT,
                    "%3d sessions: %4d chunks, client latency p50 %4d ms, p90 %4d ms, p99 %4d ms, max %4d ms "
                            + "(server-side p50 %d ms, p99 %d ms); %d/%d completed, %d errors",
                    sessions, chunks, p50, p90, p99, max, serverP50, serverP99, completed, sessions, errors);
        }
    }

    private LatencyBenchmark() {}

    /** A loudness-stepped tone: the diagnostic model's load, each chunk different. */
    public static Wav tone(double seconds) {
        return Wav.steppedTone(seconds, 16_000, 300, 0.5);
    }

    /**
     * English speech looped to {@code seconds}: a held-out multi-sentence stream of the seed-1 corpus
     * ({@code test-stream-00007}, espeak-ng voice {@code en-us+f4}, which training never heard; six
     * sentences with pauses, 17.3 s), so trained models do their real work per chunk.
     */
    public static Wav speech(double seconds) throws IOException {
        try (InputStream in = LatencyBenchmark.class.getResourceAsStream(SPEECH)) {
            if (in == null) {
                throw new IOException("benchmark speech " + SPEECH + " is missing from the classpath");
            }
            return Wav.parse(in.readAllBytes(), SPEECH).looped(seconds);
        }
    }

    public static Figures run(URI base, String languagePair, int multiplier, int sessions, Wav wav)
            throws Exception {
        double audioSeconds = wav.seconds();
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
            String sample = null;
            for (Future<StreamClient.Result> f : futures) {
                StreamClient.Result r = f.get((long) (audioSeconds * 3 + 120), TimeUnit.SECONDS);
                if (sample == null) {
                    sample = r.text();
                }
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
                    s.at(50), s.at(99), sample);
        } finally {
            pool.shutdownNow();
        }
    }
}
