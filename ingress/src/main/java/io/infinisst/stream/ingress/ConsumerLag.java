package io.infinisst.stream.ingress;

import java.util.Map;

/** How far the job's consumer group is behind on the requests topic, for {@code GET /stats}. */
public interface ConsumerLag extends AutoCloseable {

    /**
     * Measures now, within a short timeout; never throws. The map holds {@code total} (records, or null
     * with a {@code reason} when the lag cannot be known) and, when known, {@code partitions}.
     */
    Map<String, Object> measure();

    @Override
    default void close() {}
}
