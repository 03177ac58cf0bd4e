package io.infinisst.stream.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.infinisst.stream.job.records.BatchResult;
import io.infinisst.stream.job.records.ChunkResult;
import io.infinisst.stream.protocol.records.TranslationEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;

/** Tests for {@link BatchResultSplitter}. */
class BatchResultSplitterTest {

    @Test
    void shouldEmitOneEventPerChunkWithTheStepsTimings() {
        BatchResult batch = new BatchResult("cpu:0", 2, 5, 10, 20, List.of(
                new ChunkResult("a", 0, "hello", false, 0, 960, 3, null),
                new ChunkResult("b", 4, "", true, 3840, 4000, 4, "boom")));
        List<TranslationEvent> out = new ArrayList<>();

        new BatchResultSplitter().flatMap(batch, new ListCollector<>(out));

        assertThat(out).containsExactly(
                new TranslationEvent("a", 0, "hello", false, 0, 960, 3, 10, 20, "cpu:0", 2, null),
                new TranslationEvent("b", 4, "", true, 3840, 4000, 4, 10, 20, "cpu:0", 2, "boom"));
    }
}
