package io.infinisst.stream.protocol.records;

import io.infinisst.stream.protocol.audio.AudioEncoding;
import java.util.Arrays;
import java.util.Objects;

/**
 * One record of {@code sst.requests}, keyed by session id so a session's records stay in order on one
 * partition. A single record type (rather than three classes) keeps it a Flink POJO: fields unused by a
 * type are null or zero.
 *
 * @param type START, AUDIO or END
 * @param sessionId the session this record belongs to
 * @param seq per-session sequence number assigned by the ingress (START is 0)
 * @param timestampMs wall-clock time the ingress received it (epoch ms); chunk latency starts here
 * @param languagePair START only: e.g. {@code English -> Chinese}
 * @param latencyMultiplier START only: chunk = 0.96 s × this (1–4)
 * @param sampleRate START only: sample rate of the PCM that follows
 * @param encoding START only: sample encoding of the PCM that follows
 * @param clientId START only: the client's own label, may be empty
 * @param pcm AUDIO only: raw PCM bytes as the client sent them
 * @param endReason END only: why the session ended ({@code eof}, {@code deleted}, {@code idle}, ...)
 */
public record SessionRequest(
        RequestType type,
        String sessionId,
        long seq,
        long timestampMs,
        String languagePair,
        int latencyMultiplier,
        int sampleRate,
        AudioEncoding encoding,
        String clientId,
        byte[] pcm,
        String endReason) {

    public SessionRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sessionId, "sessionId");
    }

    public static SessionRequest start(
            String sessionId,
            long timestampMs,
            String languagePair,
            int latencyMultiplier,
            int sampleRate,
            AudioEncoding encoding,
            String clientId) {
        return new SessionRequest(RequestType.START, sessionId, 0, timestampMs, Objects.requireNonNull(languagePair),
                latencyMultiplier, sampleRate, Objects.requireNonNull(encoding), clientId == null ? "" : clientId,
                null, null);
    }

    public static SessionRequest audio(String sessionId, long seq, long timestampMs, byte[] pcm) {
        return new SessionRequest(RequestType.AUDIO, sessionId, seq, timestampMs, null, 0, 0, null, null,
                Objects.requireNonNull(pcm), null);
    }

    public static SessionRequest end(String sessionId, long seq, long timestampMs, String reason) {
        return new SessionRequest(RequestType.END, sessionId, seq, timestampMs, null, 0, 0, null, null, null,
                reason == null ? "" : reason);
    }

    // Records compare arrays by identity; a Kafka record compares by content.
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SessionRequest r)) {
            return false;
        }
        return seq == r.seq
                && timestampMs == r.timestampMs
                && latencyMultiplier == r.latencyMultiplier
                && sampleRate == r.sampleRate
                && type == r.type
                && sessionId.equals(r.sessionId)
                && Objects.equals(languagePair, r.languagePair)
                && encoding == r.encoding
                && Objects.equals(clientId, r.clientId)
                && Arrays.equals(pcm, r.pcm)
                && Objects.equals(endReason, r.endReason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, sessionId, seq, timestampMs, languagePair, latencyMultiplier, sampleRate, encoding,
                clientId, Arrays.hashCode(pcm), endReason);
    }

    @Override
    public String toString() {
        return "SessionRequest{" + type + " " + sessionId + " seq=" + seq
                + (type == RequestType.START ? " " + languagePair + " x" + latencyMultiplier + " " + sampleRate + "Hz "
                        + encoding : "")
                + (pcm != null ? " pcm=" + pcm.length + "B" : "")
                + (endReason != null ? " reason=" + endReason : "") + "}";
    }
}
