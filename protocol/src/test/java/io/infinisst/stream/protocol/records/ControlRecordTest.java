package io.infinisst.stream.protocol.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Tests for {@link ControlRecord}. */
class ControlRecordTest {

    @Test
    void shouldRoundTripAndLeaveOutWhatIsNotChanged() {
        ControlRecord r = new ControlRecord(42, 8, null, null, "round_robin");
        byte[] bytes = ControlRecord.serialize(r);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(
                "{\"version\":42,\"max_batch_size\":8,\"load_balance_strategy\":\"round_robin\"}");
        assertThat(ControlRecord.deserialize(bytes)).isEqualTo(r);
    }

    @Test
    void shouldNameEveryBadValue() {
        assertThat(new ControlRecord(1, 0, -5L, true, "nope").problems()).containsExactly(
                "serving.max_batch_size: must be in [1, 1024], got 0",
                "serving.batch_timeout_ms: must be in [0, 60000], got -5",
                "serving.load_balance_strategy: 'nope' is not one of [gpu_memory, least_loaded, round_robin] nor a class name");
        assertThat(new ControlRecord(1, null, null, null, null).problems()).singleElement().asString()
                .startsWith("nothing to change");
        assertThat(new ControlRecord(1, 16, 50L, false, "least_loaded").problems()).isEmpty();
    }

    @Test
    void shouldRejectMalformedBytes() {
        assertThatThrownBy(() -> ControlRecord.deserialize("{\"max_batch_size\": \"x\"}".getBytes()))
                .isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(() -> ControlRecord.deserialize(new byte[0])).isInstanceOf(MalformedRecordException.class);
    }
}
