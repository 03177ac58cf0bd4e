package io.infinisst.stream.job.records;

import io.infinisst.stream.protocol.config.SstConfig;
import io.infinisst.stream.protocol.records.ControlRecord;
import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The batching and placement settings in force: the configuration file's values, changed at runtime by the
 * {@code sst.control} records. The job broadcasts control records to {@code SlotPlacer} and {@code MicroBatcher},
 * and each keeps the settings in its broadcast state under {@link #KEY}, so they survive a restore from a
 * checkpoint along with the control source's offsets. Serializable because the operators carry the file's values.
 *
 * @param version the {@link ControlRecord#version()} last applied; 0 while the file's values are in force
 * @param maxBatchSize sessions per model step
 * @param batchTimeoutMs longest wait of a batch's oldest chunk
 * @param enableDynamicBatching false = batches of one
 * @param loadBalanceStrategy placement of new sessions: a built-in name or a class name
 */
public record ServingSettings(
        long version,
        int maxBatchSize,
        long batchTimeoutMs,
        boolean enableDynamicBatching,
        String loadBalanceStrategy) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The one key of the broadcast state: it holds a single value, the settings in force. */
    public static final String KEY = "serving";

    public ServingSettings {
        Objects.requireNonNull(loadBalanceStrategy, "loadBalanceStrategy");
    }

    /** The settings the configuration file gives: in force until the first control record. */
    public static ServingSettings of(SstConfig config) {
        SstConfig.Serving s = config.serving;
        return new ServingSettings(0, s.maxBatchSize, s.batchTimeoutMs, s.enableDynamicBatching,
                s.loadBalanceStrategy);
    }

    /**
     * The broadcast state the settings live in. A new descriptor per call: descriptors initialise their
     * serializer lazily, so one shared instance would be shared mutable state.
     */
    public static MapStateDescriptor<String, ServingSettings> descriptor() {
        return new MapStateDescriptor<>("serving-settings", Types.STRING,
                TypeInformation.of(ServingSettings.class));
    }

    /** These settings with the record's non-null fields replacing theirs. */
    public ServingSettings apply(ControlRecord r) {
        return new ServingSettings(
                r.version(),
                r.maxBatchSize() != null ? r.maxBatchSize() : maxBatchSize,
                r.batchTimeoutMs() != null ? r.batchTimeoutMs() : batchTimeoutMs,
                r.enableDynamicBatching() != null ? r.enableDynamicBatching() : enableDynamicBatching,
                r.loadBalanceStrategy() != null ? r.loadBalanceStrategy() : loadBalanceStrategy);
    }

    /** The settings in {@code state}, or {@code initial} while no control record has been applied. */
    public static ServingSettings current(ReadOnlyBroadcastState<String, ServingSettings> state,
            ServingSettings initial) throws Exception {
        ServingSettings s = state.get(KEY);
        return s == null ? initial : s;
    }

    /**
     * Applies {@code r} to the settings in {@code state} and stores the result; returns it, or null when the record
     * is older than the settings in force (a record published before the one already applied, e.g. from a second
     * partition of the control topic) and was ignored.
     */
    public static ServingSettings update(BroadcastState<String, ServingSettings> state, ServingSettings initial,
            ControlRecord r) throws Exception {
        ServingSettings now = current(state, initial);
        if (r.version() < now.version()) {
            return null;
        }
        ServingSettings next = now.apply(r);
        state.put(KEY, next);
        return next;
    }
}
