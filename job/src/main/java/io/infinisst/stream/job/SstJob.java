package io.infinisst.stream.job;

import io.infinisst.stream.job.functions.BatchInference;
import io.infinisst.stream.job.functions.BatchResultSplitter;
import io.infinisst.stream.job.functions.ControlValidator;
import io.infinisst.stream.job.functions.MicroBatcher;
import io.infinisst.stream.job.functions.PlacementStrategy;
import io.infinisst.stream.job.functions.SessionAssembler;
import io.infinisst.stream.job.functions.SlotPlacer;
import io.infinisst.stream.job.functions.TranslatorFactory;
import io.infinisst.stream.job.kafka.ControlRecordDeserializer;
import io.infinisst.stream.job.kafka.SessionRequestDeserializer;
import io.infinisst.stream.job.kafka.TranslationEventSerializer;
import io.infinisst.stream.job.records.BatchResult;
import io.infinisst.stream.job.records.ChunkBatch;
import io.infinisst.stream.job.records.ChunkRequest;
import io.infinisst.stream.job.records.ServingSettings;
import io.infinisst.stream.protocol.config.ConfigException;
import io.infinisst.stream.protocol.config.ConfigLoader;
import io.infinisst.stream.protocol.config.ConfigSources;
import io.infinisst.stream.protocol.config.SstConfig;
import io.infinisst.stream.protocol.records.ControlRecord;
import io.infinisst.stream.protocol.records.SessionRequest;
import io.infinisst.stream.protocol.records.TranslationEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The InfiniSST Stream job: session requests in, translation events out.
 *
 * <pre>
 * source ─keyBy(session)→ SessionAssembler ─keyBy(pair)→ SlotPlacer ─keyBy(slot)→ MicroBatcher
 *        ─forward→ BatchInference (async) → BatchResultSplitter ─┬→ sink
 *                       SlotPlacer.UNPLACED (error events) ──────┘
 * control source → ControlValidator ─broadcast→ SlotPlacer, MicroBatcher   (settings changed at runtime)
 * </pre>
 *
 * <p>The job takes its sources and sink in the constructor so tests run the same graph on in-memory I/O;
 * {@link #main} and {@link #submit} plug in Kafka. The graph uses processing time only: chunking and batching
 * react to when audio arrives, not to client clocks.
 *
 * <p>Runtime control: {@link ControlRecord}s ({@code sst.control}) change {@code max_batch_size},
 * {@code batch_timeout_ms}, {@code enable_dynamic_batching} and {@code load_balance_strategy} while the job runs.
 * They reach the placer and the batcher through Flink broadcast state ({@link ServingSettings}); the configuration
 * file gives the values in force until the first record. Without a control source the file's values stay.
 */
public final class SstJob {
    public static final String JOB_NAME = "InfiniSST Stream";

    private final SstConfig config;
    private final Source<SessionRequest, ?, ?> source;
    private final Source<ControlRecord, ?, ?> control;
    private final Sink<TranslationEvent> sink;
    private final TranslatorFactory translators;

    /** A job without runtime control: the configuration's batching and placement settings stay in force. */
    public SstJob(SstConfig config, Source<SessionRequest, ?, ?> source, Sink<TranslationEvent> sink) {
        this(config, source, null, sink, TranslatorFactory.fromConfig());
    }

    /** As {@link #SstJob(SstConfig, Source, Sink)} with the slots' models made by {@code translators}. */
    public SstJob(SstConfig config, Source<SessionRequest, ?, ?> source, Sink<TranslationEvent> sink,
            TranslatorFactory translators) {
        this(config, source, null, sink, translators);
    }

    /** As {@link #SstJob(SstConfig, Source, Source, Sink, TranslatorFactory)} with the configured models. */
    public SstJob(SstConfig config, Source<SessionRequest, ?, ?> source, Source<ControlRecord, ?, ?> control,
            Sink<TranslationEvent> sink) {
        this(config, source, control, sink, TranslatorFactory.fromConfig());
    }

    /**
     * @param config a validated configuration (checked again here, and its placement strategy created once; a bad
     *     one throws {@link ConfigException})
     * @param source the session requests
     * @param control the control records that change the batching and placement settings while the job runs;
     *     null: the configuration's settings stay in force
     * @param sink where translation events go; may be null when only {@link #translations} is used
     * @param translators makes each slot's model
     */
    public SstJob(SstConfig config, Source<SessionRequest, ?, ?> source, Source<ControlRecord, ?, ?> control,
            Sink<TranslationEvent> sink, TranslatorFactory translators) {
        this.config = Objects.requireNonNull(config, "config");
        this.source = Objects.requireNonNull(source, "source");
        this.control = control;
        this.sink = sink;
        this.translators = Objects.requireNonNull(translators, "translators");
        List<String> problems = ConfigLoader.validate(config);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        try {
            // A user's strategy class that is missing or unfit is reported now, not when the first session comes.
            PlacementStrategy.forName(config.serving.loadBalanceStrategy);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of(e.getMessage()));
        }
    }

    /** Applies the job settings to {@code env} and wires source to sink; executes nothing. */
    public void build(StreamExecutionEnvironment env) {
        Objects.requireNonNull(sink, "this job was created without a sink");
        translations(env).sinkTo(sink).name("translations sink").uid("translations-sink");
    }

    /**
     * Applies the job settings to {@code env} and wires everything up to the translation events, without a sink:
     * for callers that attach their own (a test's collector, a second sink).
     */
    public DataStream<TranslationEvent> translations(StreamExecutionEnvironment env) {
        configure(env, config);

        DataStream<SessionRequest> requests = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "session requests",
                        TypeInformation.of(SessionRequest.class))
                .uid("session-requests-source");

        SingleOutputStreamOperator<ChunkRequest> chunks = requests
                .keyBy(SessionRequest::sessionId, Types.STRING)
                .process(new SessionAssembler(config), TypeInformation.of(ChunkRequest.class))
                .name("session assembler").uid("session-assembler");

        BroadcastStream<ControlRecord> settings = controlRecords(env).broadcast(ServingSettings.descriptor());

        SingleOutputStreamOperator<ChunkRequest> placed = chunks
                .keyBy(ChunkRequest::languagePair, Types.STRING)
                .connect(settings)
                .process(new SlotPlacer(config), TypeInformation.of(ChunkRequest.class))
                .name("slot placer").uid("slot-placer");

        SingleOutputStreamOperator<ChunkBatch> batches = placed
                .keyBy(ChunkRequest::slot, Types.STRING)
                .connect(settings)
                .process(new MicroBatcher(config), TypeInformation.of(ChunkBatch.class))
                .name("micro batcher").uid("micro-batcher");

        // Same parallelism as the batcher, so batches are forwarded: a slot's batches always reach the one
        // subtask that holds that slot's model and thread, in the order they were formed. The slots bound what
        // waits for them (BatchInference); the operator's capacity only needs to exceed that: per slot, the running
        // step and max_inflight_batches_per_slot steps' worth queued, of batches as small as one chunk each.
        int capacity = config.serving.gpuLanguageMap.size() * (config.serving.maxInflightBatchesPerSlot + 1)
                * ConfigLoader.MAX_BATCH_SIZE;
        SingleOutputStreamOperator<BatchResult> results = AsyncDataStream
                .unorderedWait(batches, new BatchInference(config, translators), config.job.inferenceTimeoutMs,
                        TimeUnit.MILLISECONDS, capacity)
                .name("batch inference").uid("batch-inference");

        DataStream<TranslationEvent> translated = results
                .flatMap(new BatchResultSplitter(), TypeInformation.of(TranslationEvent.class))
                .name("batch result splitter").uid("batch-result-splitter");

        return translated.union(placed.getSideOutput(SlotPlacer.UNPLACED));
    }

    /**
     * The valid control records, on one subtask (a handful of records, and one reader keeps them in topic order).
     * Without a control source, a stream that never carries a record: the operators still take a broadcast input.
     */
    private DataStream<ControlRecord> controlRecords(StreamExecutionEnvironment env) {
        TypeInformation<ControlRecord> type = TypeInformation.of(ControlRecord.class);
        if (control == null) {
            return env.fromSequence(0, 0).name("no control records").uid("no-control-records")
                    .flatMap((Long n, Collector<ControlRecord> out) -> { }, type)
                    .name("fixed settings").uid("fixed-settings");
        }
        return env.fromSource(control, WatermarkStrategy.noWatermarks(), "control records", type)
                .setParallelism(1).uid("control-records-source")
                .process(new ControlValidator(), type)
                .setParallelism(1).name("control validator").uid("control-validator");
    }

    /** Parallelism, checkpointing and buffer timeout from the {@code job} section. */
    public static void configure(StreamExecutionEnvironment env, SstConfig config) {
        env.setParallelism(config.job.parallelism);
        env.enableCheckpointing(config.job.checkpointIntervalMs);
        // Flink's 100 ms default flush interval would dominate chunk latency.
        env.setBufferTimeout(config.job.bufferTimeoutMs);
    }

    /** Reads {@code cluster.requests_topic} with group {@code job.consumer_group}: committed offsets, else earliest. */
    public static KafkaSource<SessionRequest> kafkaSource(SstConfig config) {
        return KafkaSource.<SessionRequest>builder()
                .setBootstrapServers(config.cluster.bootstrapServers)
                .setTopics(config.cluster.requestsTopic)
                .setGroupId(config.job.consumerGroup)
                // Requests not yet translated when the group first starts are still wanted: start at the beginning.
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new SessionRequestDeserializer())
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }

    /**
     * Reads {@code cluster.control_topic} from its earliest offset: a job started afresh replays every change and so
     * comes back with the latest settings (a job restored from a checkpoint has them in its broadcast state and
     * resumes from the checkpointed offsets). No offsets are committed; nothing needs them.
     */
    public static KafkaSource<ControlRecord> kafkaControlSource(SstConfig config) {
        return KafkaSource.<ControlRecord>builder()
                .setBootstrapServers(config.cluster.bootstrapServers)
                .setTopics(config.cluster.controlTopic)
                .setGroupId(config.job.consumerGroup + "-control")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new ControlRecordDeserializer())
                .setProperty("commit.offsets.on.checkpoint", "false")
                .build();
    }

    /** Writes {@code cluster.translations_topic} at least once: the egress deduplicates by (session, chunk). */
    public static KafkaSink<TranslationEvent> kafkaSink(SstConfig config) {
        return KafkaSink.<TranslationEvent>builder()
                .setBootstrapServers(config.cluster.bootstrapServers)
                .setRecordSerializer(new TranslationEventSerializer(config.cluster.translationsTopic))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                // Events are small and latency is the product: send each at once rather than lingering to batch.
                .setProperty("linger.ms", "0")
                .build();
    }

    /** The production graph (Kafka in, Kafka out, Kafka control) on {@code env}, started without waiting for it. */
    public static JobClient submit(StreamExecutionEnvironment env, SstConfig config) throws Exception {
        new SstJob(config, kafkaSource(config), kafkaControlSource(config), kafkaSink(config)).build(env);
        return env.executeAsync(JOB_NAME);
    }

    /**
     * {@code flink run job.jar [--config FILE]}: the configuration file over the defaults, overridden by the
     * environment variables ({@code MAX_BATCH_SIZE}, {@code SST_*}, ...) as everywhere else.
     */
    public static void main(String[] args) throws Exception {
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i]) && i + 1 < args.length) {
                file = Path.of(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument '" + args[i] + "'; usage: [--config FILE]");
            }
        }
        SstConfig config = ConfigSources.resolve(file, System.getenv(), Map.of()).config();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new SstJob(config, kafkaSource(config), kafkaControlSource(config), kafkaSink(config)).build(env);
        env.execute(JOB_NAME);
    }
}
