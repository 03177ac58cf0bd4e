package io.infinisst.stream.protocol.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The JSON a client receives for one translated chunk (WebSocket {@code ?format=json} and SSE
 * {@code translation} events). Smaller than {@link TranslationEvent}: clients need the text and how late it
 * is, not the pipeline's internal timestamps. Both the ingress socket and the egress endpoints write it.
 *
 * @param latencyMs wall-clock time from the ingress receiving the chunk's last audio to this event being sent
 * @param error non-null when the chunk failed; omitted from the JSON otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientEvent(
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("chunk") long chunk,
        @JsonProperty("text") String text,
        @JsonProperty("final") boolean last,
        @JsonProperty("audio_end_ms") long audioEndMs,
        @JsonProperty("latency_ms") long latencyMs,
        @JsonProperty("error") String error) {

    /** Latency is measured now, at the moment of sending, so it includes the egress's own delay. */
    public static ClientEvent of(TranslationEvent e, long nowMs) {
        return new ClientEvent(e.sessionId(), e.chunk(), e.text(), e.last(), e.audioEndMs(),
                Math.max(0, nowMs - e.ingressMs()), e.error());
    }

    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + this, e);
        }
    }
}
