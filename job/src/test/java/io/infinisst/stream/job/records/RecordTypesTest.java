package io.infinisst.stream.job.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.infinisst.stream.protocol.records.ControlRecord;
import io.infinisst.stream.protocol.records.SessionRequest;
import io.infinisst.stream.protocol.records.TranslationEvent;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests that the job's records travel through Flink as POJOs, never through Kryo. */
class RecordTypesTest {

    @ParameterizedTest
    @ValueSource(classes = {ChunkRequest.class, ChunkBatch.class, PendingChunk.class, ChunkResult.class,
            BatchResult.class, SessionState.class, SessionRequest.class, TranslationEvent.class,
            ServingSettings.class, SlotLoad.class, ControlRecord.class})
    void shouldBePojoTypesWhoseSerializersNeedNoKryo(Class<?> type) {
        TypeInformation<?> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        SerializerConfigImpl noGenerics = new SerializerConfigImpl();
        noGenerics.setGenericTypes(false);
        // Throws UnsupportedOperationException when any field would fall back to Kryo.
        assertThat(info.createSerializer(noGenerics)).isNotNull();
    }

    @Test
    void shouldRoundTripABatchThroughItsFlinkSerializer() throws Exception {
        ChunkRequest a = new ChunkRequest("a", "English -> Chinese", "0", 3, new float[] {0.5f, -0.25f}, 2880, 3840,
                123, false, null);
        ChunkRequest b = new ChunkRequest("b", "English -> Chinese", "0", 7, new float[0], 0, 0, 9, true, "idle");
        ChunkBatch batch = new ChunkBatch("0", List.of(a, b), 77, 16);
        SerializerConfigImpl noGenerics = new SerializerConfigImpl();
        noGenerics.setGenericTypes(false);
        TypeSerializer<ChunkBatch> serializer = TypeInformation.of(ChunkBatch.class).createSerializer(noGenerics);

        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(batch, out);
        ChunkBatch copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(copy).isEqualTo(batch);
    }
}
