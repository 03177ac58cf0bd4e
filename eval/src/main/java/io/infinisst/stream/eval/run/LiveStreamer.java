package io.infinisst.stream.eval.run;

import io.infinisst.stream.eval.audio.Wav;
import io.infinisst.stream.eval.client.StreamClient;
import io.infinisst.stream.eval.data.EvalItem;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streams held-out WAVs through {@link StreamClient}: {@code /init}, then 0.1 s frames over the WebSocket at
 * real-time pace, {@code EOF}, translations until {@code PROCESSING_COMPLETE}.
 */
public final class LiveStreamer implements Streamer {
    private final URI base;
    private final int latencyMultiplier;
    private final double speed;
    private final double frameSeconds;
    private final Duration completionTimeout;
    private final Consumer<StreamClient.Received> onTranslation;

    /**
     * @param speed 1.0 = real time (what the metrics assume); larger streams faster
     * @param onTranslation sees every translation as it arrives (progress display)
     */
    public LiveStreamer(URI base, int latencyMultiplier, double speed, double frameSeconds,
            Duration completionTimeout, Consumer<StreamClient.Received> onTranslation) {
        this.base = base;
        this.latencyMultiplier = latencyMultiplier;
        this.speed = speed;
        this.frameSeconds = frameSeconds;
        this.completionTimeout = completionTimeout;
        this.onTranslation = onTranslation;
    }

    @Override
    public SessionRun stream(int user, EvalItem item, String languagePair) throws InterruptedException {
        StreamClient client = new StreamClient(new StreamClient.Options(base, languagePair, latencyMultiplier, speed,
                frameSeconds, completionTimeout));
        long called = System.currentTimeMillis();
        try {
            Wav wav = Wav.read(item.wav());
            StreamClient.Result r = client.stream(wav, onTranslation);
            long start = sourceStart(r.translations(), called, frameSeconds, speed);
            return new SessionRun(user, item, languagePair, latencyMultiplier, null, start, r, null);
        } catch (IOException | RuntimeException e) {
            return new SessionRun(user, item, languagePair, latencyMultiplier, null, called, null, e.toString());
        }
    }

    /**
     * When the first frame was sent, recovered from the translations: each one's client latency dates the frame
     * holding its chunk's last sample, and frame f was due f × frame duration after the first. A frame can only
     * go late, never early, so the earliest estimate is the best. {@link StreamClient} keeps the send times to
     * itself; this avoids timing around it, which would add {@code /init} and the socket handshake.
     */
    static long sourceStart(List<StreamClient.Received> events, long fallback, double frameSeconds, double speed) {
        int frameSamples = (int) Math.round(frameSeconds * StreamClient.SAMPLE_RATE);
        long best = Long.MAX_VALUE;
        for (StreamClient.Received e : events) {
            if (e.clientLatencyMs() < 0) {
                continue;
            }
            long lastSample = Math.max(0, e.audioEndMs() * StreamClient.SAMPLE_RATE / 1000 - 1);
            long frame = lastSample / frameSamples;
            long sentAt = e.receivedAtMs() - e.clientLatencyMs();
            long due = speed > 0 ? Math.round(frame * frameSeconds * 1000 / speed) : 0;
            best = Math.min(best, sentAt - due);
        }
        return best == Long.MAX_VALUE ? fallback : Math.max(fallback, best);
    }
}
