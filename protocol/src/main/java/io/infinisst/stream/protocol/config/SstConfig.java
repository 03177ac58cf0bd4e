package io.infinisst.stream.protocol.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system's configuration, in the seed system's sections ({@code cluster}, {@code serving},
 * {@code languages}) plus {@code job} for the Flink job. Fields hold the defaults; a JSON file overrides
 * what it names. Read it with {@link ConfigLoader}; treat an instance as read-only once loaded.
 * Serializable because the Flink job ships it to its operators.
 */
public final class SstConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String ENGLISH_CHINESE = "English -> Chinese";
    public static final String ENGLISH_ITALIAN = "English -> Italian";

    public Cluster cluster = new Cluster();
    public Serving serving = new Serving();
    public Job job = new Job();
    public Map<String, Language> languages = defaultLanguages();

    /** Where Kafka and Flink are. */
    public static final class Cluster implements Serializable {
        private static final long serialVersionUID = 1L;
        /** Start a single-node KRaft broker inside the process (the embedded default). */
        @JsonProperty("embedded_kafka")
        public boolean embeddedKafka = true;
        @JsonProperty("bootstrap_servers")
        public String bootstrapServers = "127.0.0.1:9092";
        @JsonProperty("requests_topic")
        public String requestsTopic = "sst.requests";
        @JsonProperty("translations_topic")
        public String translationsTopic = "sst.translations";
        @JsonProperty("control_topic")
        public String controlTopic = "sst.control";
        @JsonProperty("requests_partitions")
        public int requestsPartitions = 4;
        @JsonProperty("translations_partitions")
        public int translationsPartitions = 4;
        @JsonProperty("control_partitions")
        public int controlPartitions = 1;
        /** REST address of the Flink cluster running the job (health checks; the local MiniCluster's UI). */
        @JsonProperty("flink_rest_address")
        public String flinkRestAddress = "http://127.0.0.1:8081";
        @JsonProperty("web_ui_host")
        public String webUiHost = "127.0.0.1";
        @JsonProperty("web_ui_port")
        public int webUiPort = 8081;
    }

    /** How sessions are served: HTTP, slots, batching. */
    public static final class Serving implements Serializable {
        private static final long serialVersionUID = 1L;
        public String host = "0.0.0.0";
        public int port = 8000;
        /** GPU indexes visible to the job; empty means CPU only. */
        @JsonProperty("cuda_visible_devices")
        public String cudaVisibleDevices = "";
        /**
         * One slot per entry: device → language pair. A device is a GPU index ({@code 0}) or a CPU replica
         * ({@code cpu:0}); several devices may serve one pair.
         */
        @JsonProperty("gpu_language_map")
        public Map<String, String> gpuLanguageMap = defaultSlots();
        @JsonProperty("max_batch_size")
        public int maxBatchSize = 32;
        @JsonProperty("batch_timeout_ms")
        public long batchTimeoutMs = 100;
        @JsonProperty("enable_dynamic_batching")
        public boolean enableDynamicBatching = true;
        /**
         * How a new session picks a slot of its pair: {@code least_loaded}, {@code round_robin},
         * {@code gpu_memory}, or the class name of a user's own strategy.
         */
        @JsonProperty("load_balance_strategy")
        public String loadBalanceStrategy = "least_loaded";
        /** Sessions one slot serves at once; beyond every slot's limit, {@code /init} queues the session. */
        @JsonProperty("max_sessions_per_slot")
        public int maxSessionsPerSlot = 64;
        /**
         * Memory of each device in MiB, for {@code gpu_memory} placement; a device not named here counts
         * {@code default_device_memory_mb}.
         */
        @JsonProperty("device_memory_mb")
        public Map<String, Long> deviceMemoryMb = new LinkedHashMap<>();
        @JsonProperty("default_device_memory_mb")
        public long defaultDeviceMemoryMb = 16_384;
        /** Batches a slot may have queued or running at once; more backpressures the Kafka source. */
        @JsonProperty("max_inflight_batches_per_slot")
        public int maxInflightBatchesPerSlot = 1;
        /** Sessions with no audio and no ping for this long are ended and their state dropped. */
        @JsonProperty("session_idle_timeout_s")
        public long sessionIdleTimeoutS = 300;
    }

    /** The Flink job's own settings. */
    public static final class Job implements Serializable {
        private static final long serialVersionUID = 1L;
        public int parallelism = 1;
        @JsonProperty("checkpoint_interval_ms")
        public long checkpointIntervalMs = 10_000;
        /**
         * Network buffer flush interval; 0 flushes every record. Flink's 100 ms default would dominate chunk
         * latency, and even 5 ms cost ≈ 7 ms at the median over the job's three exchanges (measured, README);
         * the job's records are chunks, about one per second per session, too few for per-record flushing
         * to cost throughput.
         */
        @JsonProperty("buffer_timeout_ms")
        public long bufferTimeoutMs = 0;
        /** A model step that takes longer than this fails its chunks with an error event. */
        @JsonProperty("inference_timeout_ms")
        public long inferenceTimeoutMs = 30_000;
        /** Kafka consumer group of the job's source. */
        @JsonProperty("consumer_group")
        public String consumerGroup = "sst-job";
    }

    /** One language pair, as the seed system described it. */
    public static final class Language implements Serializable {
        private static final long serialVersionUID = 1L;
        @JsonProperty("source_lang")
        public String sourceLang;
        @JsonProperty("target_lang")
        public String targetLang;
        @JsonProperty("src_code")
        public String srcCode;
        @JsonProperty("tgt_code")
        public String tgtCode;
        @JsonProperty("model_config")
        public ModelConfig modelConfig = new ModelConfig();

        public Language() {}

        Language(String source, String target, String src, String tgt) {
            this.sourceLang = source;
            this.targetLang = target;
            this.srcCode = src;
            this.tgtCode = tgt;
        }
    }

    /** Which model serves a language pair and how. */
    public static final class ModelConfig implements Serializable {
        private static final long serialVersionUID = 1L;
        /**
         * {@code diagnostic} (the pipeline-measuring model, which does not translate), {@code st} (a trained
         * model directory), {@code bundled} (the model shipped for the pair) or {@code torchscript} (a user's
         * TorchScript file and its tokenizer); see docs/model.md.
         */
        @JsonProperty("model_type")
        public String modelType = "diagnostic";
        @JsonProperty("model_path")
        public String modelPath;
        /** The parameter file; for {@code torchscript}, the tokenizer instead (default: tokenizer.json beside model_path). */
        @JsonProperty("state_dict_path")
        public String stateDictPath;
        /** Default latency multiplier for sessions that do not choose one. */
        @JsonProperty("latency_multiplier")
        public int latencyMultiplier = 2;
        /**
         * Diagnostic model only: milliseconds of tensor work added to every step, whatever the batch size
         * (as an accelerator's per-call cost), so pipeline overhead can be measured apart from model cost.
         */
        @JsonProperty("diagnostic_step_ms")
        public double diagnosticStepMs = 0;
        /**
         * Trained models ({@code st}, {@code bundled}) only: also send, within an open sentence, the text two
         * consecutive hypotheses agree on (lower latency, some BLEU lost; docs/model.md). Null: the model's own
         * manifest decides (off for the bundled models).
         */
        @JsonProperty("agreement")
        public Boolean agreement;
        /**
         * Trained models ({@code st}, {@code bundled}) only: also send, within an open sentence, the longest prefix
         * of its hypothesis to which the model gives at least this probability (0: no such commits; lower: sooner,
         * with more BLEU lost; docs/model.md). Null: the model's own manifest decides.
         */
        @JsonProperty("commit_probability")
        public Double commitProbability;
        /** Memory one session's context takes on the device, in MiB (for {@code gpu_memory} placement). */
        @JsonProperty("session_memory_mb")
        public double sessionMemoryMb = 1;
    }

    private static Map<String, Language> defaultLanguages() {
        Map<String, Language> m = new LinkedHashMap<>();
        // The models shipped in models/en-zh and models/en-it.
        Language zh = new Language("English", "Chinese", "en", "zh");
        zh.modelConfig.modelType = "bundled";
        m.put(ENGLISH_CHINESE, zh);
        Language it = new Language("English", "Italian", "en", "it");
        it.modelConfig.modelType = "bundled";
        m.put(ENGLISH_ITALIAN, it);
        return m;
    }

    private static Map<String, String> defaultSlots() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cpu:0", ENGLISH_CHINESE);
        m.put("cpu:1", ENGLISH_ITALIAN);
        return m;
    }

    /** Slots of one language pair, in the order the map lists them. */
    public List<String> slotsOf(String languagePair) {
        List<String> slots = new ArrayList<>();
        serving.gpuLanguageMap.forEach((device, pair) -> {
            if (pair.equals(languagePair)) {
                slots.add(device);
            }
        });
        return slots;
    }
}
