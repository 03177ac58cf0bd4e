package io.infinisst.stream.ingress;

import java.util.LinkedHashMap;
import java.util.Map;

/** One dependency {@code GET /health} reports on, under {@link #name()}. */
public interface HealthProbe extends AutoCloseable {

    /** The key of this probe in the health JSON, e.g. {@code kafka} or {@code job}. */
    String name();

    /** Checks now, within the probe's own short timeout; never throws. */
    Result check();

    @Override
    default void close() {}

    /** The outcome of one check: up or not, and what the probe saw. */
    record Result(boolean up, Map<String, Object> details) {
        public static Result up(Map<String, Object> details) {
            return new Result(true, details);
        }

        public static Result down(String error, Map<String, Object> details) {
            Map<String, Object> d = new LinkedHashMap<>(details);
            d.put("error", error);
            return new Result(false, d);
        }

        /** The JSON object of this probe: {@code up} first, then the details. */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("up", up);
            m.putAll(details);
            return m;
        }
    }
}
