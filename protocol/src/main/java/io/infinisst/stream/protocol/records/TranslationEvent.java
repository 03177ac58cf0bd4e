package io.infinisst.stream.protocol.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One record of {@code sst.translations}: the new target text of one chunk of one session. A chunk is
 * identified by (sessionId, chunk), which is what lets the egress deliver it exactly once and in order.
 *
 * @param sessionId the session
 * @param chunk 0-based chunk index within the session
 * @param text the text this chunk adds to the session's translation (may be empty); never retracts
 * @param last true on the session's final chunk (after END): nothing follows it
 * @param audioStartMs start of the chunk in the session's audio timeline
 * @param audioEndMs end of the chunk in the session's audio timeline
 * @param ingressMs wall-clock time the ingress received the chunk's last audio
 * @param inferenceStartMs wall-clock time the model step started
 * @param inferenceEndMs wall-clock time the model step ended
 * @param slot the model slot that ran it
 * @param batchSize how many sessions shared the model step
 * @param error non-null when the chunk could not be translated; the reason
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TranslationEvent(
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("chunk") long chunk,
        @JsonProperty("text") String text,
        @JsonProperty("final") boolean last,
        @JsonProperty("audio_start_ms") long audioStartMs,
        @JsonProperty("audio_end_ms") long audioEndMs,
        @JsonProperty("ingress_ms") long ingressMs,
        @JsonProperty("inference_start_ms") long inferenceStartMs,
        @JsonProperty("inference_end_ms") long inferenceEndMs,
        @JsonProperty("slot") String slot,
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("error") String error) {

    public TranslationEvent {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(text, "text");
        if (chunk < 0) {
            throw new IllegalArgumentException("chunk index must be >= 0, got " + chunk);
        }
    }
}
