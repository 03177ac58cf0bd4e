package io.infinisst.stream.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.infinisst.stream.protocol.records.ControlRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests for {@link ControlValidator}. */
class ControlValidatorTest {
    private final ControlValidator validator = new ControlValidator();
    private OneInputStreamOperatorTestHarness<ControlRecord, ControlRecord> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forProcessFunction(validator);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void shouldPassRecordsTheJobCanApply() throws Exception {
        ControlRecord size = new ControlRecord(1, 8, null, null, null);
        ControlRecord all = new ControlRecord(2, 16, 0L, false, "gpu_memory");
        ControlRecord custom = new ControlRecord(3, null, null, null, LastSlotStrategy.class.getName());
        harness.processElement(size, 0);
        harness.processElement(all, 0);
        harness.processElement(custom, 0);

        assertThat(harness.extractOutputValues()).containsExactly(size, all, custom);
        assertThat(validator.acceptedRecords()).isEqualTo(3);
    }

    @Test
    void shouldDropAndCountRecordsWithProblems() throws Exception {
        harness.processElement(new ControlRecord(1, 0, null, null, null), 0);
        harness.processElement(new ControlRecord(2, null, -5L, null, null), 0);
        harness.processElement(new ControlRecord(3, null, null, null, null), 0);
        harness.processElement(new ControlRecord(4, null, null, null, "fastest"), 0);
        harness.processElement(new ControlRecord(5, null, null, null, "com.example.Missing"), 0);
        harness.processElement(new ControlRecord(6, null, null, null, "java.lang.String"), 0);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(validator.rejectedRecords()).isEqualTo(6);
    }
}
