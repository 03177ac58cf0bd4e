package io.infinisst.stream.protocol.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.infinisst.stream.protocol.config.ConfigLoader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One record of {@code sst.control}: a change of the batching and placement settings, applied by the running
 * job through broadcast state. A null field is not changed. Records are applied in topic order; {@code version}
 * (the publisher's clock) lets a reader ignore one older than what it already applied.
 *
 * @param version publication time in epoch milliseconds
 * @param maxBatchSize sessions per model step
 * @param batchTimeoutMs longest wait of a batch's oldest chunk
 * @param enableDynamicBatching false = batches of one
 * @param loadBalanceStrategy placement of new sessions
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ControlRecord(
        @JsonProperty("version") long version,
        @JsonProperty("max_batch_size") Integer maxBatchSize,
        @JsonProperty("batch_timeout_ms") Long batchTimeoutMs,
        @JsonProperty("enable_dynamic_batching") Boolean enableDynamicBatching,
        @JsonProperty("load_balance_strategy") String loadBalanceStrategy) {

    /** Problems with the values, each naming its key and value; empty when the change can be applied. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        ConfigLoader.validateBatching(p, maxBatchSize, batchTimeoutMs, loadBalanceStrategy);
        if (maxBatchSize == null && batchTimeoutMs == null && enableDynamicBatching == null
                && loadBalanceStrategy == null) {
            p.add("nothing to change: give at least one of max_batch_size, batch_timeout_ms, "
                    + "enable_dynamic_batching, load_balance_strategy");
        }
        return p;
    }

    public static byte[] serialize(ControlRecord r) {
        try {
            return Json.MAPPER.writeValueAsBytes(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + r, e);
        }
    }

    public static ControlRecord deserialize(byte[] data) {
        if (data == null || data.length == 0) {
            throw new MalformedRecordException("control record is empty");
        }
        try {
            ControlRecord r = Json.MAPPER.readValue(data, ControlRecord.class);
            if (r == null) {
                throw new MalformedRecordException("control record is JSON null");
            }
            return r;
        } catch (IOException e) {
            throw new MalformedRecordException("control record is not a valid ControlRecord: " + e.getMessage(), e);
        }
    }
}
