package io.infinisst.stream.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.infinisst.stream.protocol.records.ControlRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Tests for {@link ControlRecordDeserializer}. */
class ControlRecordDeserializerTest {
    private final ControlRecordDeserializer schema = new ControlRecordDeserializer();
    private final List<ControlRecord> out = new ArrayList<>();
    private final Collector<ControlRecord> collector = new Collector<>() {
        @Override
        public void collect(ControlRecord record) {
            out.add(record);
        }

        @Override
        public void close() {}
    };

    @Test
    void shouldDecodeWhatTheIngressPublishes() throws Exception {
        ControlRecord sent = new ControlRecord(1_700_000_000_000L, 8, 50L, true, "round_robin");
        schema.deserialize(record(ControlRecord.serialize(sent)), collector);
        schema.deserialize(record("{\"version\":2,\"max_batch_size\":4}".getBytes(StandardCharsets.UTF_8)),
                collector);

        assertThat(out).containsExactly(sent, new ControlRecord(2, 4, null, null, null));
        assertThat(schema.malformedRecords()).isZero();
    }

    @Test
    void shouldSkipAndCountMalformedRecordsWithoutFailing() throws Exception {
        schema.deserialize(record("not json".getBytes(StandardCharsets.UTF_8)), collector);
        schema.deserialize(record("null".getBytes(StandardCharsets.UTF_8)), collector);
        schema.deserialize(record(new byte[0]), collector);
        schema.deserialize(record(null), collector);
        schema.deserialize(record("{\"version\":3,\"max_batch_size\":2}".getBytes(StandardCharsets.UTF_8)),
                collector);

        assertThat(out).extracting(ControlRecord::version).containsExactly(3L);
        assertThat(schema.malformedRecords()).isEqualTo(4);
    }

    @Test
    void shouldProduceAPojoTypeNotAGenericOne() {
        assertThat(schema.getProducedType()).isInstanceOf(PojoTypeInfo.class);
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>("sst.control", 0, 7, null, value);
    }
}
