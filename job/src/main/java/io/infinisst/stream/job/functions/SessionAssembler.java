package io.infinisst.stream.job.functions;

import io.infinisst.stream.job.records.ChunkRequest;
import io.infinisst.stream.job.records.SessionState;
import io.infinisst.stream.protocol.audio.Resampler;
import io.infinisst.stream.protocol.config.SstConfig;
import io.infinisst.stream.protocol.records.SessionRequest;
import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one session's START / AUDIO / END records (keyed by session id) into chunks of 0.96 s × the session's
 * latency multiplier of 16 kHz audio. Only the audio not yet chunked is kept, so a session of any length costs
 * less than one chunk of memory. A session that goes quiet for {@code serving.session_idle_timeout_s} is ended
 * as if it had sent END with reason {@code idle}, so abandoned sessions do not hold state forever.
 */
public class SessionAssembler extends KeyedProcessFunction<String, SessionRequest, ChunkRequest> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SessionAssembler.class);

    /** End reason of a session reaped for inactivity. */
    public static final String IDLE = "idle";

    /**
     * Idle timers are rounded up to this granularity, so a session streaming many frames a second re-arms its
     * timer about once a second instead of once a frame; the timeout is in seconds anyway.
     */
    static final long TIMER_GRANULARITY_MS = 1_000;

    private final SstConfig config;

    private transient ValueState<SessionState> session;
    private transient Counter unknownSession;
    private transient Counter badAudio;
    private transient Counter duplicateStart;
    private transient Counter badStart;
    private transient Counter reaped;
    private transient Counter chunksOut;

    public SessionAssembler(SstConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public void open(OpenContext openContext) {
        session = getRuntimeContext().getState(new ValueStateDescriptor<>("session", SessionState.class));
        var metrics = getRuntimeContext().getMetricGroup();
        unknownSession = metrics.counter("recordsForUnknownSession");
        badAudio = metrics.counter("badAudioRecords");
        duplicateStart = metrics.counter("duplicateStarts");
        badStart = metrics.counter("badStarts");
        reaped = metrics.counter("idleSessionsReaped");
        chunksOut = metrics.counter("chunksEmitted");
    }

    @Override
    public void processElement(SessionRequest r, Context ctx, Collector<ChunkRequest> out) throws Exception {
        SessionState s = session.value();
        switch (r.type()) {
            case START -> start(r, s, ctx);
            case AUDIO -> {
                if (s == null) {
                    dropUnknown(r);
                } else {
                    audio(r, s, ctx, out);
                }
            }
            case END -> {
                if (s == null) {
                    dropUnknown(r);
                } else {
                    String reason = r.endReason() == null || r.endReason().isEmpty() ? "end" : r.endReason();
                    finish(r.sessionId(), s, reason, r.timestampMs(), ctx, out);
                }
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ChunkRequest> out) throws Exception {
        SessionState s = session.value();
        // A timer that was re-armed is deleted, so this is a guard against a stale one rather than the mechanism.
        if (s == null || timestamp != s.idleTimerAt) {
            return;
        }
        reaped.inc();
        LOG.info("session {} idle for {} s: ending it", ctx.getCurrentKey(), config.serving.sessionIdleTimeoutS);
        finish(ctx.getCurrentKey(), s, IDLE, timestamp, ctx, out);
    }

    private void start(SessionRequest r, SessionState existing, Context ctx) throws Exception {
        if (existing != null) {
            // The same id started twice (a client reusing ids): keep the running session rather than restarting
            // chunk numbering, which downstream dedup by (session, chunk) would swallow.
            duplicateStart.inc();
            LOG.warn("session {}: START for a session already open; ignored", r.sessionId());
            return;
        }
        if (r.sampleRate() <= 0 || r.encoding() == null || r.languagePair() == null) {
            badStart.inc();
            LOG.warn("session {}: START with sample rate {}, encoding {}, pair {} cannot be served; dropped",
                    r.sessionId(), r.sampleRate(), r.encoding(), r.languagePair());
            return;
        }
        SessionState s = new SessionState();
        s.languagePair = r.languagePair();
        s.latencyMultiplier = multiplierFor(r);
        s.sampleRate = r.sampleRate();
        s.encoding = r.encoding();
        s.lastAudioIngressMs = r.timestampMs();
        rearmIdleTimer(s, ctx);
        session.update(s);
    }

    private void audio(SessionRequest r, SessionState s, Context ctx, Collector<ChunkRequest> out) throws Exception {
        byte[] pcm = r.pcm() == null ? new byte[0] : r.pcm();
        if (pcm.length > 0) {
            float[] samples;
            try {
                samples = s.encoding.toFloats(pcm);
            } catch (IllegalArgumentException e) {
                badAudio.inc();
                LOG.warn("session {} seq {}: dropped AUDIO record: {}", r.sessionId(), r.seq(), e.getMessage());
                return;
            }
            samples = resample(s, samples);
            s.lastAudioIngressMs = r.timestampMs();
            append(r.sessionId(), s, samples, out);
        }
        // An empty frame is a keep-alive: it only refreshes the idle timer.
        rearmIdleTimer(s, ctx);
        session.update(s);
    }

    /**
     * Resamples one frame to 16 kHz. Frames are resampled on their own (the boundary error of linear interpolation
     * is below what log-mel features resolve, and no filter phase is kept in state), but each frame's length is
     * fitted to the session's running total: flooring every frame would lose up to a sample per frame, which over
     * an hour of small frames shifts the audio timeline by about a second.
     */
    private static float[] resample(SessionState s, float[] samples) {
        s.sourceSamples += samples.length;
        if (s.sampleRate == ChunkRequest.SAMPLE_RATE) {
            return samples;
        }
        float[] out = Resampler.resample(samples, s.sampleRate, ChunkRequest.SAMPLE_RATE);
        long produced = s.samplesEmitted + s.tail.length;
        int want = (int) (s.sourceSamples * ChunkRequest.SAMPLE_RATE / s.sampleRate - produced);
        if (want == out.length || want < 0) {
            return out;
        }
        float[] fitted = Arrays.copyOf(out, want);
        float hold = out.length > 0 ? out[out.length - 1] : samples[samples.length - 1];
        Arrays.fill(fitted, Math.min(out.length, want), want, hold);
        return fitted;
    }

    /** Appends samples to the tail and sends out every full chunk, leaving a tail shorter than one chunk. */
    private void append(String sessionId, SessionState s, float[] samples, Collector<ChunkRequest> out) {
        int chunk = ChunkRequest.chunkSamples(s.latencyMultiplier);
        float[] all;
        if (s.tail.length == 0) {
            all = samples;
        } else {
            all = Arrays.copyOf(s.tail, s.tail.length + samples.length);
            System.arraycopy(samples, 0, all, s.tail.length, samples.length);
        }
        int offset = 0;
        while (all.length - offset >= chunk) {
            emit(sessionId, s, Arrays.copyOfRange(all, offset, offset + chunk), s.lastAudioIngressMs, false, null,
                    out);
            offset += chunk;
        }
        // Both samples (freshly decoded) and all are ours, so an unsplit array can become the tail as it is.
        s.tail = offset == 0 ? all : Arrays.copyOfRange(all, offset, all.length);
    }

    /** Sends the tail as the session's final chunk (even when empty, so downstream sees the end) and drops all state. */
    private void finish(String sessionId, SessionState s, String reason, long ingressMs, Context ctx,
            Collector<ChunkRequest> out) {
        // The final chunk cannot leave before END (or the timeout) arrives, so its latency starts there.
        emit(sessionId, s, s.tail, Math.max(ingressMs, s.lastAudioIngressMs), true, reason, out);
        ctx.timerService().deleteProcessingTimeTimer(s.idleTimerAt);
        session.clear();
    }

    private void emit(String sessionId, SessionState s, float[] audio, long ingressMs, boolean last, String reason,
            Collector<ChunkRequest> out) {
        long start = ChunkRequest.samplesToMs(s.samplesEmitted);
        s.samplesEmitted += audio.length;
        long end = ChunkRequest.samplesToMs(s.samplesEmitted);
        out.collect(new ChunkRequest(sessionId, s.languagePair, null, s.nextChunkIndex++, audio, start, end,
                ingressMs, last, reason));
        chunksOut.inc();
    }

    private void rearmIdleTimer(SessionState s, Context ctx) {
        long now = ctx.timerService().currentProcessingTime();
        long due = now + config.serving.sessionIdleTimeoutS * 1000;
        long at = (due + TIMER_GRANULARITY_MS - 1) / TIMER_GRANULARITY_MS * TIMER_GRANULARITY_MS;
        if (at == s.idleTimerAt) {
            return;
        }
        if (s.idleTimerAt != 0) {
            ctx.timerService().deleteProcessingTimeTimer(s.idleTimerAt);
        }
        ctx.timerService().registerProcessingTimeTimer(at);
        s.idleTimerAt = at;
    }

    private int multiplierFor(SessionRequest r) {
        int m = r.latencyMultiplier();
        if (m >= 1 && m <= 4) {
            return m;
        }
        SstConfig.Language lang = config.languages.get(r.languagePair());
        int fallback = lang == null || lang.modelConfig == null ? 1 : lang.modelConfig.latencyMultiplier;
        if (m != 0) {
            LOG.warn("session {}: latency multiplier {} outside 1-4; using {}", r.sessionId(), m, fallback);
        }
        return fallback;
    }

    private void dropUnknown(SessionRequest r) {
        unknownSession.inc();
        LOG.debug("session {}: {} for a session that is not open (never started, ended or reaped); dropped",
                r.sessionId(), r.type());
    }

    long unknownSessionRecords() {
        return unknownSession.getCount();
    }

    long badAudioRecords() {
        return badAudio.getCount();
    }

    long idleSessionsReaped() {
        return reaped.getCount();
    }
}
