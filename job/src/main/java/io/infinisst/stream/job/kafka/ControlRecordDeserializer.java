package io.infinisst.stream.job.kafka;

import io.infinisst.stream.protocol.records.ControlRecord;
import io.infinisst.stream.protocol.records.MalformedRecordException;
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
 * Reads {@code sst.control} records ({@link ControlRecord} JSON). A record that does not decode is logged (topic,
 * partition, offset, reason), counted and skipped: the topic is read from its beginning at every fresh start, so
 * one bad record failing the job would fail it again at every restart.
 */
public class ControlRecordDeserializer implements KafkaRecordDeserializationSchema<ControlRecord> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ControlRecordDeserializer.class);

    /** Replaced by the registered metric in {@link #open}; a plain counter when used outside a job (tests). */
    private transient Counter malformed;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        malformed = context.getMetricGroup().counter("malformedControlRecords");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ControlRecord> out) {
        ControlRecord control;
        try {
            control = ControlRecord.deserialize(record.value());
        } catch (MalformedRecordException e) {
            counter().inc();
            LOG.warn("skipping malformed control record {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        out.collect(control);
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
    public TypeInformation<ControlRecord> getProducedType() {
        return TypeInformation.of(ControlRecord.class);
    }
}
