package io.infinisst.stream.job;

import io.infinisst.stream.job.functions.BatchInference;
import io.infinisst.stream.job.functions.BatchResultSplitter;
import io.infinisst.stream.job.functions.MicroBatcher;
import io.infinisst.stream.job.functions.SessionAssembler;
import io.infinisst.stream.job.functions.SlotPlacer;
import io.infinisst.stream.job.functions.TranslatorFactory;
import io.infinisst.stream.job.kafka.SessionRequestDeserializer;
import io.infinisst.stream.job.kafka.TranslationEventSerializer;
import io.infinisst.stream.job.records.BatchResult;
import io.infinisst.stream.job.records.ChunkBatch;
import io.infinisst.stream.job.records.ChunkRequest;
import io.infinisst.stream.protocol.config.ConfigLoader;
import io.infinisst.stream.protocol.config.ConfigException;
import io.infinisst.stream.protocol.config.SstConfig;
import io.infinisst.stream.protocol.records.SessionRequest;
import io.infinisst.stream.protocol.records.TranslationEvent;
import java.nio.file.Path;
import java.util.List;
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
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The InfiniSST Stream job: session requests in, translation events out.
 *
 * <pre>
 * source ─keyBy(session)→ SessionAssembler ─keyBy(pair)→ SlotPlacer ─keyBy(slot)→ MicroBatcher
 *        ─forward→ BatchInference (async) → BatchResultSplitter ─┬→ sink
 *                       SlotPlacer.UNPLACED (error events) ──────┘
 * </pre>
 *
 * <p>The job takes its source and sink in the constructor so tests run the same graph on in-memory I/O;
 * {@link #main} and {@link #submit} plug in Kafka. The graph uses processing time only: chunking and batching
 * react to when audio arrives, not to client clocks.
 */
public final class SstJob {
    public static final String JOB_NAME = "InfiniSST Stream";

    private final SstConfig config;
    private final Source<SessionRequest, ?, ?> source;
    private final Sink<TranslationEvent> sink;
    private final TranslatorFactory translators;

    /**
     * @param config a validated configuration (checked again here; a bad one throws {@link ConfigException})
     * @param source the session requests
     * @param sink where translation events go; may be null when only {@link #translations} is used
     */
    public SstJob(SstConfig config, Source<SessionRequest, ?, ?> source, Sink<TranslationEvent> sink) {
        this(config, source, sink, TranslatorFactory.fromConfig());
    }

    /** As {@link #SstJob(SstConfig, Source, Sink)} with the slots' models made by {@code translators}. */
    public SstJob(SstConfig config, Source<SessionRequest, ?, ?> source, Sink<TranslationEvent> sink,
            TranslatorFactory translators) {
        this.config = Objects.requireNonNull(config, "config");
        this.source = Objects.requireNonNull(source, "source");
        this.sink = sink;
        this.translators = Objects.requireNonNull(translators, "translators");
        List<String> problems = ConfigLoader.validate(config);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
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

        SingleOutputStreamOperator<ChunkRequest> placed = chunks
                .keyBy(ChunkRequest::languagePair, Types.STRING)
                .process(new SlotPlacer(config), TypeInformation.of(ChunkRequest.class))
                .name("slot placer").uid("slot-placer");

        SingleOutputStreamOperator<ChunkBatch> batches = placed
                .keyBy(ChunkRequest::slot, Types.STRING)
                .process(new MicroBatcher(config), TypeInformation.of(ChunkBatch.class))
                .name("micro batcher").uid("micro-batcher");

        // Same parallelism as the batcher, so batches are forwarded: a slot's batches always reach the one
        // subtask that holds that slot's model and thread, in the order they were formed.
        int capacity = config.serving.gpuLanguageMap.size() * config.serving.maxInflightBatchesPerSlot;
        SingleOutputStreamOperator<BatchResult> results = AsyncDataStream
                .unorderedWait(batches, new BatchInference(config, translators), config.job.inferenceTimeoutMs,
                        TimeUnit.MILLISECONDS, capacity)
                .name("batch inference").uid("batch-inference");

        DataStream<TranslationEvent> translated = results
                .flatMap(new BatchResultSplitter(), TypeInformation.of(TranslationEvent.class))
                .name("batch result splitter").uid("batch-result-splitter");

        return translated.union(placed.getSideOutput(SlotPlacer.UNPLACED));
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

    /** The production graph (Kafka in, Kafka out) on {@code env}, started without waiting for it to end. */
    public static JobClient submit(StreamExecutionEnvironment env, SstConfig config) throws Exception {
        new SstJob(config, kafkaSource(config), kafkaSink(config)).build(env);
        return env.executeAsync(JOB_NAME);
    }

    /** {@code flink run job.jar [--config FILE]}: the configuration file, else the defaults. */
    public static void main(String[] args) throws Exception {
        SstConfig config = ConfigLoader.defaults();
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i]) && i + 1 < args.length) {
                config = ConfigLoader.load(Path.of(args[++i]));
            } else {
                throw new IllegalArgumentException("unknown argument '" + args[i] + "'; usage: [--config FILE]");
            }
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new SstJob(config, kafkaSource(config), kafkaSink(config)).build(env);
        env.execute(JOB_NAME);
    }
}
