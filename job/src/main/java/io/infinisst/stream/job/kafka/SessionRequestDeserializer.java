package io.infinisst.stream.job.kafka;

import io.infinisst.stream.protocol.records.MalformedRecordException;
import io.infinisst.stream.protocol.records.SessionRequest;
import io.infinisst.stream.protocol.records.SessionRequestSerde;
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
 * Reads {@code sst.requests} records with {@link SessionRequestSerde}. A record that does not decode is logged
 * (topic, partition, offset, reason), counted and skipped: one bad producer must not stop every session's job,
 * and retrying a record that can never decode would stall its partition forever.
 */
public class SessionRequestDeserializer implements KafkaRecordDeserializationSchema<SessionRequest> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SessionRequestDeserializer.class);

    /** Replaced by the registered metric in {@link #open}; a plain counter when used outside a job (tests). */
    private transient Counter malformed;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        malformed = context.getMetricGroup().counter("malformedRequestRecords");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SessionRequest> out) {
        SessionRequest request;
        try {
            request = SessionRequestSerde.deserialize(record.value());
        } catch (MalformedRecordException e) {
            counter().inc();
            LOG.warn("skipping malformed record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return;
        }
        out.collect(request);
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
    public TypeInformation<SessionRequest> getProducedType() {
        return TypeInformation.of(SessionRequest.class);
    }
}
