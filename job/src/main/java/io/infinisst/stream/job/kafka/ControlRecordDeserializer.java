package io.infinisst.stream.job.kafka;

import io.infinisst.stream.protocol.records.ControlRecord;

/** Reads {@code sst.control}; malformed records are logged, counted ({@code malformedControlRecords}) and skipped. */
public class ControlRecordDeserializer extends SkippingDeserializer<ControlRecord> {
    private static final long serialVersionUID = 1L;

    public ControlRecordDeserializer() {
        super(ControlRecord.class, ControlRecord::deserialize, "malformedControlRecords");
    }
}
