package io.infinisst.stream.eval.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.infinisst.stream.protocol.records.Json;
import java.io.IOException;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * The client side of one session's socket ({@code /wss/{id}?format=json}): assembles text frames (which may
 * arrive in parts) and sorts them into {@code QUEUED}, {@code READY}, translation events, {@code ERROR}
 * lines and {@code PROCESSING_COMPLETE}. It also knows when each audio frame was sent, so every translation
 * gets its client-side latency: from sending the frame that holds the chunk's last sample to receiving it.
 */
public final class SessionListener implements WebSocket.Listener {
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch complete = new CountDownLatch(1);
    private final List<StreamClient.Received> received = Collections.synchronizedList(new ArrayList<>());
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final Consumer<StreamClient.Received> onTranslation;
    private final long[] frameEnds;
    private final int sampleRate;
    private final AtomicLongArray sentAtMs;
    private final StringBuilder partial = new StringBuilder();
    private volatile String readyLine;
    private volatile String queued;
    private volatile String completion;
    private volatile int closeCode;

    /**
     * @param frameEnds for each audio frame, the index (exclusive, at {@code sampleRate}) of its last sample
     * @param sampleRate the rate the frames are sent at
     * @param onTranslation called for each translation as it arrives
     */
    public SessionListener(long[] frameEnds, int sampleRate, Consumer<StreamClient.Received> onTranslation) {
        this.frameEnds = frameEnds;
        this.sampleRate = sampleRate;
        this.onTranslation = onTranslation;
        this.sentAtMs = new AtomicLongArray(Math.max(1, frameEnds.length));
    }

    /** Frames of equal size: frame i ends at sample (i + 1) × frameSamples. */
    public static long[] evenFrames(long totalSamples, int frameSamples) {
        int frames = (int) ((totalSamples + frameSamples - 1) / frameSamples);
        long[] ends = new long[frames];
        for (int i = 0; i < frames; i++) {
            ends[i] = Math.min(totalSamples, (long) (i + 1) * frameSamples);
        }
        return ends;
    }

    /** True once READY (or the socket closed) arrived within the timeout. */
    public boolean awaitReady(long timeoutMs) throws InterruptedException {
        return ready.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** True once PROCESSING_COMPLETE (or the socket closed) arrived within the timeout. */
    public boolean awaitComplete(long timeoutMs) throws InterruptedException {
        return complete.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    public String readyLine() {
        return readyLine;
    }

    /** The last {@code QUEUED: position N} line, or null if the session was never queued. */
    public String queuedLine() {
        return queued;
    }

    public String completion() {
        return completion;
    }

    /** 0 while open; the close code (or -1 after a socket error) once closed. */
    public int closeCode() {
        return closeCode;
    }

    public List<StreamClient.Received> received() {
        return List.copyOf(received);
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** Records that frame {@code index} is being sent now. */
    public void sent(int index) {
        sentAtMs.set(index, System.currentTimeMillis());
    }

    /** When the frame holding the chunk's last sample was sent, measured to {@code now}; -1 if unknown. */
    private long clientLatency(long audioEndMs, long now) {
        if (frameEnds.length == 0) {
            return -1;
        }
        long lastSample = Math.max(0, (long) Math.ceil(audioEndMs * (double) sampleRate / 1000) - 1);
        int lo = 0;
        int hi = frameEnds.length - 1;
        while (lo < hi) { // the first frame whose end passes the sample
            int mid = (lo + hi) >>> 1;
            if (frameEnds[mid] > lastSample) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        long sent = sentAtMs.get(lo);
        return sent == 0 ? -1 : now - sent;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            handle(partial.toString());
            partial.setLength(0);
        }
        ws.request(1);
        return null;
    }

    private void handle(String msg) {
        if (msg.startsWith("QUEUED")) {
            queued = msg;
        } else if (msg.startsWith("READY")) {
            readyLine = msg;
            ready.countDown();
        } else if (msg.startsWith("PROCESSING_COMPLETE")) {
            completion = msg;
            complete.countDown();
        } else if (msg.startsWith("ERROR")) {
            errors.add(msg);
        } else {
            try {
                JsonNode n = Json.MAPPER.readTree(msg);
                long now = System.currentTimeMillis();
                long audioEnd = n.path("audio_end_ms").asLong();
                StreamClient.Received r = new StreamClient.Received(n.path("session_id").asText(),
                        n.path("chunk").asLong(), n.path("text").asText(), n.path("final").asBoolean(), audioEnd,
                        n.path("latency_ms").asLong(), clientLatency(audioEnd, now), now);
                received.add(r);
                onTranslation.accept(r);
            } catch (IOException e) {
                errors.add("unparseable message: " + msg);
            }
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closeCode = statusCode;
        if (statusCode != WebSocket.NORMAL_CLOSURE) {
            errors.add("closed " + statusCode + ": " + reason);
        }
        ready.countDown();
        complete.countDown();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        errors.add("socket error: " + error);
        closeCode = -1;
        ready.countDown();
        complete.countDown();
    }
}
