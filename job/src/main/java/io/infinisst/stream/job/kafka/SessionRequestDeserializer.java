package io.infinisst.stream.job.kafka;

import io.infinisst.stream.protocol.records.SessionRequest;
import io.infinisst.stream.protocol.records.SessionRequestSerde;

/** Reads {@code sst.requests}; malformed records are logged, counted ({@code malformedRequestRecords}) and skipped. */
public class SessionRequestDeserializer extends SkippingDeserializer<SessionRequest> {
    private static final long serialVersionUID = 1L;

    public SessionRequestDeserializer() {
        super(SessionRequest.class, SessionRequestSerde::deserialize, "malformedRequestRecords");
    }
}
