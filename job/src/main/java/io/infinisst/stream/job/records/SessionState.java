package io.infinisst.stream.job.records;

import io.infinisst.stream.protocol.audio.AudioEncoding;

/**
 * {@code SessionAssembler}'s keyed state for one open session. A mutable POJO (public fields, no-arg
 * constructor) so Flink serializes it without Kryo and one state write covers a whole AUDIO record.
 */
public class SessionState {
    public String languagePair;
    public int latencyMultiplier;
    /** Sample rate of the PCM the client sends; resampled to 16 kHz on arrival. */
    public int sampleRate;
    public AudioEncoding encoding;
    public long nextChunkIndex;
    /** 16 kHz samples already sent out in chunks: the start of the next chunk in the session's timeline. */
    public long samplesEmitted;
    /** Samples received at the client's rate: keeps the resampled timeline from drifting frame by frame. */
    public long sourceSamples;
    /** 16 kHz samples not yet chunked; always shorter than one chunk, which bounds memory per session. */
    public float[] tail = new float[0];
    /** Ingress time of the newest AUDIO record appended to the tail. */
    public long lastAudioIngressMs;
    /** Processing time of the idle-timeout timer now registered, so it can be deleted when re-armed. */
    public long idleTimerAt;

    public SessionState() {}
}
