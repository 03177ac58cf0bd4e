package io.infinisst.stream.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.infinisst.stream.protocol.audio.AudioEncoding;
import io.infinisst.stream.protocol.records.SessionRequest;
import io.infinisst.stream.protocol.records.SessionRequestSerde;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Tests for {@link SessionRequestDeserializer}. */
class SessionRequestDeserializerTest {
    private final SessionRequestDeserializer schema = new SessionRequestDeserializer();
    private final List<SessionRequest> out = new ArrayList<>();
    private final Collector<SessionRequest> collector = new Collector<>() {
        @Override
        public void collect(SessionRequest record) {
            out.add(record);
        }

        @Override
        public void close() {}
    };

    @Test
    void shouldDecodeEveryRequestType() throws Exception {
        List<SessionRequest> sent = List.of(
                SessionRequest.start("s1", 1, "English -> Chinese", 2, 48_000, AudioEncoding.F32LE, "c"),
                SessionRequest.audio("s1", 1, 2, new byte[] {1, 2, 3, 4}),
                SessionRequest.end("s1", 2, 3, "eof"));
        for (SessionRequest r : sent) {
            schema.deserialize(record(SessionRequestSerde.serialize(r)), collector);
        }

        assertThat(out).containsExactlyElementsOf(sent);
        assertThat(schema.malformedRecords()).isZero();
    }

    @Test
    void shouldSkipAndCountMalformedRecordsWithoutFailing() throws Exception {
        byte[] good = SessionRequestSerde.serialize(SessionRequest.audio("s1", 1, 2, new byte[] {1, 2}));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);

        schema.deserialize(record(new byte[] {'x', 'y', 'z', 0}), collector);
        schema.deserialize(record(truncated), collector);
        schema.deserialize(record(null), collector);
        schema.deserialize(record(good), collector);

        assertThat(out).hasSize(1);
        assertThat(schema.malformedRecords()).isEqualTo(3);
    }

    @Test
    void shouldProduceAPojoTypeNotAGenericOne() {
        assertThat(schema.getProducedType()).isInstanceOf(PojoTypeInfo.class);
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>("sst.requests", 0, 42, "s1".getBytes(), value);
    }
}
