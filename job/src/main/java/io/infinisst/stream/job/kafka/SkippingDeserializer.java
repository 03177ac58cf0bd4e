package io.infinisst.stream.job.kafka;

import io.infinisst.stream.protocol.records.MalformedRecordException;
import java.io.Serializable;
import java.util.function.Function;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a topic's records with the protocol's serde. A record that does not decode is logged (topic,
 * partition, offset, reason), counted and skipped: one bad producer must not stop every session's job, and
 * retrying a record that can never decode would stall its partition forever.
 */
public class SkippingDeserializer<T> implements KafkaRecordDeserializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SkippingDeserializer.class);

    /** A serde's decode method, serializable so the schema can ship to the task managers. */
    public interface Decoder<T> extends Function<byte[], T>, Serializable {}

    private final Class<T> type;
    private final Decoder<T> decoder;
    private final String metricName;

    /** Replaced by the registered metric in {@link #open}; a plain counter when used outside a job (tests). */
    private transient Counter malformed;

    protected SkippingDeserializer(Class<T> type, Decoder<T> decoder, String metricName) {
        this.type = type;
        this.decoder = decoder;
        this.metricName = metricName;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        malformed = context.getMetricGroup().counter(metricName);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
        T value;
        try {
            value = decoder.apply(record.value());
        } catch (MalformedRecordException e) {
            counter().inc();
            LOG.warn("skipping malformed {} record {}-{}@{}: {}", type.getSimpleName(), record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            return;
        }
        out.collect(value);
    }

    /** Records skipped as malformed since this schema was opened. */
    public long malformedRecords() {
        return counter().getCount();
    }

    private Counter counter() {
        if (malformed == null) {
            malformed = new SimpleCounter();
        }
        return malformed;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(type);
    }
}
