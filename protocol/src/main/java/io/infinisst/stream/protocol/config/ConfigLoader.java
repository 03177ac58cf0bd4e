package io.infinisst.stream.protocol.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Parses and validates {@link SstConfig}: every problem is reported at once, with its JSON path and value. */
public final class ConfigLoader {
    /** The largest {@code serving.max_batch_size} accepted, in the file or through {@code /configure}. */
    public static final int MAX_BATCH_SIZE = 1024;

    /** The model type of a user's TorchScript model: {@code model_path} is the file, the tokenizer beside it. */
    static final String TORCHSCRIPT = "torchscript";
    /** The tokenizer a {@code torchscript} model reads beside its file when {@code state_dict_path} names none. */
    static final String TORCHSCRIPT_TOKENIZER = "tokenizer.json";
    static final Set<String> MODEL_TYPES = Set.of("diagnostic", "st", "bundled", TORCHSCRIPT);
    /** Built-in placement strategies; any other value must be the class name of a user's strategy. */
    public static final Set<String> STRATEGIES = Set.of("least_loaded", "round_robin", "gpu_memory");
    private static final Pattern CLASS_NAME =
            Pattern.compile("([a-zA-Z_$][a-zA-Z\\d_$]*\\.)+[a-zA-Z_$][a-zA-Z\\d_$]*");

    private ConfigLoader() {}

    public static SstConfig defaults() {
        return new SstConfig();
    }

    public static SstConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(List.of("config file " + file + " does not exist"));
        }
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot read config file " + file + ": " + e.getMessage()));
        }
    }

    public static SstConfig parse(String json) {
        List<String> problems = new ArrayList<>();
        SstConfig config = read(json, problems);
        if (config != null) {
            problems.addAll(validate(config));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    /**
     * Reads a config without range checks, adding unknown keys and malformed values to {@code problems}.
     * Returns null when no config can be built (not JSON, a wrongly typed value); unknown keys are skipped,
     * so the rest can still be checked and layered ({@link ConfigSources}).
     */
    static SstConfig read(String json, List<String> problems) {
        ObjectMapper mapper = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addHandler(new DeserializationProblemHandler() {
                    @Override
                    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
                            JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName)
                            throws IOException {
                        problems.add("unknown key " + path(p.getParsingContext().pathAsPointer().toString()));
                        p.skipChildren();
                        return true;
                    }
                });
        SstConfig config;
        try {
            config = mapper.readValue(json, SstConfig.class);
        } catch (InvalidFormatException e) {
            problems.add(path(e.getPath()) + ": value " + e.getValue() + " is not a valid "
                    + e.getTargetType().getSimpleName());
            return null;
        } catch (MismatchedInputException e) {
            problems.add(path(e.getPath()) + ": " + e.getOriginalMessage());
            return null;
        } catch (JsonProcessingException e) {
            problems.add("config is not valid JSON: " + e.getOriginalMessage());
            return null;
        }
        if (config == null) {
            problems.add("config is JSON null");
            return null;
        }
        // Sections are read as objects with defaults; an explicit null would leave nothing to check or layer.
        int before = problems.size();
        requireSection(problems, "cluster", config.cluster);
        requireSection(problems, "serving", config.serving);
        requireSection(problems, "job", config.job);
        return problems.size() == before ? config : null;
    }

    private static void requireSection(List<String> problems, String key, Object section) {
        if (section == null) {
            problems.add(key + ": must be an object, got null");
        }
    }

    /**
     * Checks that every {@code model_path} and {@code state_dict_path} that is given exists on this machine
     * (relative paths from the working directory, as the job opens them); for model type {@code torchscript},
     * that {@code model_path} is a file and its tokenizer ({@code state_dict_path}, else {@code tokenizer.json}
     * beside it) is one too. Separate from {@link #validate} because a config may be written on one machine
     * for a cluster whose files live elsewhere.
     */
    public static List<String> validateModelFiles(SstConfig c) {
        List<String> p = new ArrayList<>();
        if (c.languages == null) {
            return p;
        }
        c.languages.forEach((pair, l) -> {
            if (l == null || l.modelConfig == null) {
                return;
            }
            String at = "languages." + pair + ".model_config.";
            SstConfig.ModelConfig m = l.modelConfig;
            if (!TORCHSCRIPT.equals(m.modelType)) {
                requireFile(p, at + "model_path", m.modelPath, false);
                requireFile(p, at + "state_dict_path", m.stateDictPath, false);
                return;
            }
            // torchscript: the model is one file, and it cannot be decoded without its tokenizer.
            Path model = requireFile(p, at + "model_path", m.modelPath, true);
            if (m.stateDictPath != null && !m.stateDictPath.isEmpty()) {
                requireFile(p, at + "state_dict_path", m.stateDictPath, true);
            } else if (model != null) {
                Path tokenizer = model.resolveSibling(TORCHSCRIPT_TOKENIZER);
                if (!Files.isRegularFile(tokenizer)) {
                    p.add(at + "model_path: the tokenizer beside it, " + tokenizer + ", does not exist (model type '"
                            + TORCHSCRIPT + "' reads " + TORCHSCRIPT_TOKENIZER + " there unless state_dict_path names one)");
                }
            }
        });
        return p;
    }

    /** The path when {@code file} is given and exists (as a regular file when {@code regular}); else null, noting why if given. */
    private static Path requireFile(List<String> p, String key, String file, boolean regular) {
        if (file == null || file.isEmpty()) {
            return null;
        }
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            p.add(key + ": '" + file + "' is not a valid path");
            return null;
        }
        if (!Files.exists(path)) {
            p.add(key + ": " + file + " does not exist");
            return null;
        }
        if (regular && !Files.isRegularFile(path)) {
            p.add(key + ": " + file + " is not a file (model type '" + TORCHSCRIPT + "' needs one)");
            return null;
        }
        return path;
    }

    /** Range and consistency checks; empty when the config is usable. */
    public static List<String> validate(SstConfig c) {
        List<String> p = new ArrayList<>();
        SstConfig.Cluster cl = c.cluster;
        requireText(p, "cluster.bootstrap_servers", cl.bootstrapServers);
        requireText(p, "cluster.requests_topic", cl.requestsTopic);
        requireText(p, "cluster.translations_topic", cl.translationsTopic);
        requireText(p, "cluster.control_topic", cl.controlTopic);
        range(p, "cluster.requests_partitions", cl.requestsPartitions, 1, 1024);
        range(p, "cluster.translations_partitions", cl.translationsPartitions, 1, 1024);
        range(p, "cluster.control_partitions", cl.controlPartitions, 1, 1024);
        range(p, "cluster.web_ui_port", cl.webUiPort, 1, 65535);

        SstConfig.Serving s = c.serving;
        range(p, "serving.port", s.port, 0, 65535);
        validateBatching(p, s.maxBatchSize, s.batchTimeoutMs, s.loadBalanceStrategy);
        range(p, "serving.max_inflight_batches_per_slot", s.maxInflightBatchesPerSlot, 1, 64);
        range(p, "serving.max_sessions_per_slot", s.maxSessionsPerSlot, 1, 100_000);
        range(p, "serving.session_idle_timeout_s", s.sessionIdleTimeoutS, 1, 86_400);
        range(p, "serving.default_device_memory_mb", s.defaultDeviceMemoryMb, 1, 10_000_000);
        if (s.deviceMemoryMb != null) {
            s.deviceMemoryMb.forEach((device, mb) -> {
                if (mb == null || mb < 1) {
                    p.add("serving.device_memory_mb." + device + ": must be >= 1, got " + mb);
                } else if (s.gpuLanguageMap != null && !s.gpuLanguageMap.containsKey(device)) {
                    p.add("serving.device_memory_mb." + device + ": device is not in serving.gpu_language_map");
                }
            });
        }
        if (s.gpuLanguageMap == null || s.gpuLanguageMap.isEmpty()) {
            p.add("serving.gpu_language_map: must map at least one device to a language pair");
        } else {
            s.gpuLanguageMap.forEach((device, pair) -> {
                if (c.languages == null || !c.languages.containsKey(pair)) {
                    p.add("serving.gpu_language_map." + device + ": language pair '" + pair
                            + "' is not defined under languages");
                }
            });
        }

        SstConfig.Job j = c.job;
        range(p, "job.parallelism", j.parallelism, 1, 1024);
        range(p, "job.checkpoint_interval_ms", j.checkpointIntervalMs, 100, 3_600_000);
        range(p, "job.buffer_timeout_ms", j.bufferTimeoutMs, 0, 1_000);
        range(p, "job.inference_timeout_ms", j.inferenceTimeoutMs, 100, 600_000);
        requireText(p, "job.consumer_group", j.consumerGroup);

        if (c.languages == null || c.languages.isEmpty()) {
            p.add("languages: must define at least one language pair");
        } else {
            for (Map.Entry<String, SstConfig.Language> e : c.languages.entrySet()) {
                String at = "languages." + e.getKey();
                SstConfig.Language l = e.getValue();
                if (l == null) {
                    p.add(at + ": must be an object");
                    continue;
                }
                requireText(p, at + ".source_lang", l.sourceLang);
                requireText(p, at + ".target_lang", l.targetLang);
                requireText(p, at + ".src_code", l.srcCode);
                requireText(p, at + ".tgt_code", l.tgtCode);
                SstConfig.ModelConfig m = l.modelConfig;
                if (m == null) {
                    p.add(at + ".model_config: must be an object");
                    continue;
                }
                if (!MODEL_TYPES.contains(m.modelType)) {
                    p.add(at + ".model_config.model_type: '" + m.modelType + "' is not one of " + sorted(MODEL_TYPES));
                } else if (TORCHSCRIPT.equals(m.modelType) && (m.modelPath == null || m.modelPath.isBlank())) {
                    p.add(at + ".model_config.model_path: model type '" + TORCHSCRIPT + "' needs a TorchScript file (.pt)");
                }
                range(p, at + ".model_config.latency_multiplier", m.latencyMultiplier, 1, 4);
                boolean trained = "st".equals(m.modelType) || "bundled".equals(m.modelType);
                if (m.agreement != null && !trained) {
                    p.add(at + ".model_config.agreement: only trained models (st, bundled) have a streaming policy, "
                            + "model type is '" + m.modelType + "'");
                }
                if (m.commitProbability != null && !trained) {
                    p.add(at + ".model_config.commit_probability: only trained models (st, bundled) have a streaming "
                            + "policy, model type is '" + m.modelType + "'");
                } else if (m.commitProbability != null && !(m.commitProbability >= 0 && m.commitProbability < 1)) {
                    p.add(at + ".model_config.commit_probability: must be in [0, 1), got " + m.commitProbability);
                }
                if (!(m.diagnosticStepMs >= 0 && m.diagnosticStepMs <= 10_000)) {
                    p.add(at + ".model_config.diagnostic_step_ms: must be in [0, 10000], got " + m.diagnosticStepMs);
                }
                if (!(m.sessionMemoryMb > 0 && m.sessionMemoryMb <= 1_000_000)) {
                    p.add(at + ".model_config.session_memory_mb: must be in (0, 1000000], got " + m.sessionMemoryMb);
                }
            }
        }
        return p;
    }

    /**
     * The batching and placement settings that {@code POST /configure} may change at run time, checked by the
     * same rules as the file. Null arguments are not checked (they are not being changed).
     */
    public static void validateBatching(List<String> p, Integer maxBatchSize, Long batchTimeoutMs, String strategy) {
        if (maxBatchSize != null) {
            range(p, "serving.max_batch_size", maxBatchSize, 1, MAX_BATCH_SIZE);
        }
        if (batchTimeoutMs != null) {
            range(p, "serving.batch_timeout_ms", batchTimeoutMs, 0, 60_000);
        }
        if (strategy != null && !STRATEGIES.contains(strategy) && !CLASS_NAME.matcher(strategy).matches()) {
            p.add("serving.load_balance_strategy: '" + strategy + "' is not one of " + sorted(STRATEGIES)
                    + " nor a class name");
        }
    }

    /** Pretty JSON of a config, as {@code sst config --show} prints it and {@code --create-default} writes it. */
    public static String toJson(SstConfig c) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void range(List<String> p, String key, long value, long min, long max) {
        if (value < min || value > max) {
            p.add(key + ": must be in [" + min + ", " + max + "], got " + value);
        }
    }

    private static void requireText(List<String> p, String key, String value) {
        if (value == null || value.isBlank()) {
            p.add(key + ": must not be empty");
        }
    }

    private static String sorted(Set<String> s) {
        return s.stream().sorted().collect(Collectors.joining(", ", "[", "]"));
    }

    /** Jackson's "/serving/max_batch_size" as the "serving.max_batch_size" people write. */
    private static String path(String pointer) {
        String s = pointer.startsWith("/") ? pointer.substring(1) : pointer;
        return s.replace('/', '.');
    }

    private static String path(List<com.fasterxml.jackson.databind.JsonMappingException.Reference> refs) {
        return refs.stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
