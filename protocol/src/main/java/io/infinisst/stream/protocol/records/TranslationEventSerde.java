package io.infinisst.stream.protocol.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;

/** JSON serde for {@link TranslationEvent}: small records, read by people and by any consumer. */
public final class TranslationEventSerde {
    private TranslationEventSerde() {}

    public static byte[] serialize(TranslationEvent event) {
        try {
            return Json.MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + event, e);
        }
    }

    public static TranslationEvent deserialize(byte[] data) {
        if (data == null || data.length == 0) {
            throw new MalformedRecordException("translation record is empty");
        }
        try {
            TranslationEvent e = Json.MAPPER.readValue(data, TranslationEvent.class);
            if (e == null) {
                throw new MalformedRecordException("translation record is JSON null");
            }
            return e;
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedRecordException m) {
                throw m;
            }
            throw new MalformedRecordException("translation record is not a valid TranslationEvent: "
                    + e.getMessage(), e);
        }
    }
}
