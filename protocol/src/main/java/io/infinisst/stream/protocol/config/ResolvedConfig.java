package io.infinisst.stream.protocol.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The effective configuration and where each of its values came from, as {@link ConfigSources#resolve} built it.
 *
 * @param config the effective configuration (treat as read-only)
 * @param sourceByKey every leaf key of the config's JSON form, as a dotted path such as {@code serving.port} or
 *     {@code languages.English -> Chinese.model_config.latency_multiplier}, in the JSON's order, mapped to
 *     {@code default}, {@code file <path>}, {@code env <NAME>} or {@code flag <--name>}
 */
public record ResolvedConfig(SstConfig config, Map<String, String> sourceByKey) {
    public static final String DEFAULT = "default";

    public ResolvedConfig {
        Objects.requireNonNull(config, "config");
        sourceByKey = Collections.unmodifiableMap(new LinkedHashMap<>(sourceByKey));
    }

    /** Where {@code key}'s value came from; null for a key the config does not have. */
    public String sourceOf(String key) {
        return sourceByKey.get(key);
    }

    /** One line per key: {@code serving.port = 9000  (env SST_SERVING_PORT)}, as {@code sst config --show} prints. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        ConfigSources.leaves(config).forEach((key, value) -> lines.add(key + " = " + render(value) + "  ("
                + sourceByKey.getOrDefault(key, DEFAULT) + ")"));
        return lines;
    }

    private static String render(JsonNode value) {
        // Strings quoted so that "" and "0" read differently from an absent value and a number.
        return value.toString();
    }
}
