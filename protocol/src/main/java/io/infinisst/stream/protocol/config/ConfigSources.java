package io.infinisst.stream.protocol.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the effective configuration from four layers, highest first:
 * <ol>
 *   <li><b>command-line flags</b> ({@link #FLAGS}: {@code --port}, {@code --max-batch-size}, ...);
 *   <li><b>environment variables</b>: the seed system's {@link #SEED_ENV} ({@code MAX_BATCH_SIZE},
 *       {@code BATCH_TIMEOUT_MS}, {@code CUDA_VISIBLE_DEVICES}, {@code ENABLE_DYNAMIC_BATCHING},
 *       {@code LOAD_BALANCE_STRATEGY}) and {@code SST_<SECTION>_<KEY>} for every scalar key of the
 *       {@code cluster}, {@code serving} and {@code job} sections ({@code SST_SERVING_PORT},
 *       {@code SST_CLUSTER_BOOTSTRAP_SERVERS}, {@code SST_JOB_PARALLELISM}, ...); when both name one key,
 *       the {@code SST_} variable wins, being the more specific;
 *   <li><b>the JSON file</b> ({@link ConfigLoader}'s format: it names only what it changes);
 *   <li><b>defaults</b> ({@link SstConfig}'s field values).
 * </ol>
 * The layers are merged into one JSON tree, read once into an {@link SstConfig} and validated once, and the
 * result records where each value came from. The environment is a parameter, not {@link System#getenv()},
 * so that callers and tests decide what it holds.
 */
public final class ConfigSources {
    /** The seed system's environment variables and the key each sets. */
    public static final Map<String, String> SEED_ENV = ordered(
            "MAX_BATCH_SIZE", "serving.max_batch_size",
            "BATCH_TIMEOUT_MS", "serving.batch_timeout_ms",
            "CUDA_VISIBLE_DEVICES", "serving.cuda_visible_devices",
            "ENABLE_DYNAMIC_BATCHING", "serving.enable_dynamic_batching",
            "LOAD_BALANCE_STRATEGY", "serving.load_balance_strategy");

    /** Command-line flags and the keys each sets. */
    public static final Map<String, String> FLAGS = ordered(
            "--port", "serving.port",
            "--max-batch-size", "serving.max_batch_size",
            "--batch-timeout-ms", "serving.batch_timeout_ms",
            "--web-ui-port", "cluster.web_ui_port (and cluster.flink_rest_address http://127.0.0.1:<port>)",
            "--kafka", "cluster.bootstrap_servers (and cluster.embedded_kafka false)");

    /** Sections whose scalar keys have an {@code SST_<SECTION>_<KEY>} variable. */
    private static final Map<String, Class<?>> SECTIONS = orderedSections();

    private static final String ENV_PREFIX = "SST_";

    /** Configured here and never changed, so it may be shared; it caches what it learns of SstConfig's shape. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ConfigSources() {}

    /**
     * The effective configuration of {@code file} (null: defaults only) under {@code env} and {@code flags}.
     *
     * @param file the JSON config file, or null
     * @param env environment variables, e.g. {@link System#getenv()}; variables that name no setting are ignored,
     *     except {@code SST_CLUSTER_*}, {@code SST_SERVING_*} and {@code SST_JOB_*}, where one is a typo
     * @param flags values of the {@link #FLAGS} that were given, keyed by flag name ({@code "--port" -> "9000"})
     * @throws ConfigException listing every problem of every layer, each naming its key, variable or flag and value
     * @throws IllegalArgumentException for a flag name not in {@link #FLAGS} (a caller's bug, not a user's)
     */
    public static ResolvedConfig resolve(Path file, Map<String, String> env, Map<String, String> flags) {
        List<String> problems = new ArrayList<>();
        ResolvedConfig resolved = resolve(file, env, flags, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return resolved;
    }

    /**
     * As {@link #resolve(Path, Map, Map)}, but adds problems to {@code problems} instead of throwing, so that a
     * caller can go on checking ({@code sst config --validate}). Returns null when no config can be built (the
     * file is missing, not JSON, or has a wrongly typed value); otherwise a config that is valid exactly when no
     * problem was added.
     */
    public static ResolvedConfig resolve(Path file, Map<String, String> env, Map<String, String> flags,
            List<String> problems) {
        SstConfig base = ConfigLoader.defaults();
        JsonNode fileTree = MAPPER.createObjectNode();
        String fileSource = null;
        if (file != null) {
            fileSource = "file " + file;
            String json = readFile(file, problems);
            base = json == null ? null : ConfigLoader.read(json, problems);
            if (base != null) {
                fileTree = readTreeOrEmpty(json);
            }
        }

        // Overrides are checked even when the file is unusable, so one run reports every layer's problems.
        Map<String, JsonNode> overrides = new LinkedHashMap<>();
        Map<String, String> overrideSource = new LinkedHashMap<>();
        applyEnv(env, overrides, overrideSource, problems);
        applyFlags(flags, overrides, overrideSource, problems);
        if (base == null) {
            return null;
        }

        ObjectNode tree = MAPPER.valueToTree(base);
        overrides.forEach((key, value) -> {
            String[] at = key.split("\\.", 2);
            ((ObjectNode) tree.get(at[0])).set(at[1], value);
        });
        SstConfig config;
        try {
            config = MAPPER.treeToValue(tree, SstConfig.class);
        } catch (JsonProcessingException e) {
            // Overrides are typed from the schema before they are set, so this is a bug here, not a user's.
            throw new IllegalStateException("cannot apply overrides " + overrides, e);
        }

        Map<String, String> sources = new LinkedHashMap<>();
        for (String key : leaves(config).keySet()) {
            String source = overrideSource.get(key);
            if (source == null) {
                source = fileSource != null && has(fileTree, key) ? fileSource : ResolvedConfig.DEFAULT;
            }
            sources.put(key, source);
        }
        for (String problem : ConfigLoader.validate(config)) {
            problems.add(withSource(problem, overrideSource));
        }
        return new ResolvedConfig(config, sources);
    }

    /** Every environment variable this class reads, mapped to the key it sets: {@link #SEED_ENV}, then SST_*. */
    public static Map<String, String> environmentVariables() {
        Map<String, String> m = new LinkedHashMap<>(SEED_ENV);
        scalarKeys().keySet().forEach(key -> m.put(envName(key), key));
        return Collections.unmodifiableMap(m);
    }

    /** {@code serving.max_batch_size} → {@code SST_SERVING_MAX_BATCH_SIZE}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** The config's leaves (values, nulls, empty maps) by dotted key, in the order of its JSON form. */
    static Map<String, JsonNode> leaves(SstConfig config) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        collectLeaves("", MAPPER.valueToTree(config), out);
        return out;
    }

    private static void applyEnv(Map<String, String> env, Map<String, JsonNode> overrides,
            Map<String, String> overrideSource, List<String> problems) {
        Map<String, Class<?>> scalars = scalarKeys();
        // Seed names first, so that an SST_ variable for the same key, applied after, wins.
        for (Map.Entry<String, String> e : environmentVariables().entrySet()) {
            String value = env.get(e.getKey());
            if (value != null) {
                override("env " + e.getKey(), "environment variable " + e.getKey(), e.getValue(), value,
                        scalars, overrides, overrideSource, problems);
            }
        }
        Map<String, String> known = environmentVariables();
        for (String name : new TreeMap<>(env).keySet()) {
            if (!known.containsKey(name) && isSectionVariable(name)) {
                problems.add("environment variable " + name + ": names no scalar key of cluster, serving or job"
                        + " (e.g. SST_SERVING_PORT; maps and languages are set in the file)");
            }
        }
    }

    private static void applyFlags(Map<String, String> flags, Map<String, JsonNode> overrides,
            Map<String, String> overrideSource, List<String> problems) {
        Map<String, Class<?>> scalars = scalarKeys();
        for (Map.Entry<String, String> e : flags.entrySet()) {
            String flag = e.getKey();
            String value = e.getValue();
            String source = "flag " + flag;
            switch (flag) {
                case "--port", "--max-batch-size", "--batch-timeout-ms" ->
                        override(source, source, FLAGS.get(flag), value, scalars, overrides, overrideSource, problems);
                case "--web-ui-port" -> {
                    if (override(source, source, "cluster.web_ui_port", value, scalars, overrides, overrideSource,
                            problems)) {
                        // The local MiniCluster serves its REST API on the Web UI port; keep the two together.
                        set("cluster.flink_rest_address", TextNode.valueOf("http://127.0.0.1:" + value.trim()),
                                source, overrides, overrideSource);
                    }
                }
                case "--kafka" -> {
                    if (override(source, source, "cluster.bootstrap_servers", value, scalars, overrides,
                            overrideSource, problems)) {
                        set("cluster.embedded_kafka", BooleanNode.FALSE, source, overrides, overrideSource);
                    }
                }
                default -> throw new IllegalArgumentException("unknown flag " + flag + "; known: " + FLAGS.keySet());
            }
        }
    }

    /** Types {@code value} for {@code key}; on success sets it and returns true, else adds a problem. */
    private static boolean override(String source, String who, String key, String value, Map<String, Class<?>> scalars,
            Map<String, JsonNode> overrides, Map<String, String> overrideSource, List<String> problems) {
        Class<?> type = scalars.get(key);
        JsonNode node = typed(type, value);
        if (node == null) {
            problems.add(who + ": '" + value + "' is not " + describe(type) + " (for " + key + ")");
            return false;
        }
        set(key, node, source, overrides, overrideSource);
        return true;
    }

    private static void set(String key, JsonNode value, String source, Map<String, JsonNode> overrides,
            Map<String, String> overrideSource) {
        overrides.put(key, value);
        overrideSource.put(key, source);
    }

    /** The value as the JSON node {@code type} reads, or null when it is not one. */
    private static JsonNode typed(Class<?> type, String raw) {
        String v = raw.trim();
        try {
            if (type == int.class || type == Integer.class) {
                return IntNode.valueOf(Integer.parseInt(v));
            }
            if (type == long.class || type == Long.class) {
                return LongNode.valueOf(Long.parseLong(v));
            }
            if (type == double.class || type == Double.class) {
                double d = Double.parseDouble(v);
                return Double.isFinite(d) ? DoubleNode.valueOf(d) : null;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        if (type == boolean.class || type == Boolean.class) {
            // The seed's shell scripts write true/false; 1/0 is the other common spelling.
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "1" -> BooleanNode.TRUE;
                case "false", "0" -> BooleanNode.FALSE;
                default -> null;
            };
        }
        // Strings are taken as given: an empty CUDA_VISIBLE_DEVICES means "no GPU" and must stay empty.
        return TextNode.valueOf(raw);
    }

    private static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return "a whole number (int)";
        }
        if (type == long.class || type == Long.class) {
            return "a whole number (long)";
        }
        if (type == double.class || type == Double.class) {
            return "a finite number";
        }
        return "true or false";
    }

    /** Scalar keys of the sections that environment variables may set, with their Java types. */
    private static Map<String, Class<?>> scalarKeys() {
        Map<String, Class<?>> keys = new LinkedHashMap<>();
        ObjectMapper m = MAPPER;
        SECTIONS.forEach((section, type) -> {
            BeanDescription bean = m.getSerializationConfig().introspect(m.constructType(type));
            for (BeanPropertyDefinition p : bean.findProperties()) {
                Class<?> t = p.getRawPrimaryType();
                if (t.isPrimitive() || t == String.class || Number.class.isAssignableFrom(t) || t == Boolean.class) {
                    keys.put(section + "." + p.getName(), t);
                }
            }
        });
        return keys;
    }

    private static boolean isSectionVariable(String name) {
        for (String section : SECTIONS.keySet()) {
            if (name.startsWith(ENV_PREFIX + section.toUpperCase(Locale.ROOT) + "_")) {
                return true;
            }
        }
        return false;
    }

    /** Names the variable or flag behind a range problem, since the key alone points at the file. */
    private static String withSource(String problem, Map<String, String> overrideSource) {
        for (Map.Entry<String, String> e : overrideSource.entrySet()) {
            if (problem.startsWith(e.getKey() + ":")) {
                return problem + " (from " + e.getValue() + ")";
            }
        }
        return problem;
    }

    private static String readFile(Path file, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add("config file " + file + " does not exist");
            return null;
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            problems.add("cannot read config file " + file + ": " + e.getMessage());
            return null;
        }
    }

    private static JsonNode readTreeOrEmpty(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            return n == null ? MAPPER.createObjectNode() : n;
        } catch (JsonProcessingException e) {
            return MAPPER.createObjectNode(); // ConfigLoader.read has reported it
        }
    }

    /** Whether the file names {@code key}; language names and devices may hold spaces and colons, not dots. */
    private static boolean has(JsonNode tree, String key) {
        JsonNode n = tree;
        for (String part : key.split("\\.")) {
            if (n == null || !n.isObject()) {
                return false;
            }
            n = n.get(part);
        }
        return n != null;
    }

    private static void collectLeaves(String prefix, JsonNode node, Map<String, JsonNode> out) {
        if (node.isObject() && !node.isEmpty()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                collectLeaves(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, node);
        }
    }

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, Class<?>> orderedSections() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("cluster", SstConfig.Cluster.class);
        m.put("serving", SstConfig.Serving.class);
        m.put("job", SstConfig.Job.class);
        return Collections.unmodifiableMap(m);
    }
}
