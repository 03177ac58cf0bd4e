package io.infinisst.stream.protocol.records;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson configuration used for every JSON body and record of the system. */
public final class Json {
    /** Thread-safe once configured; shared rather than rebuilt per message. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {}
}
