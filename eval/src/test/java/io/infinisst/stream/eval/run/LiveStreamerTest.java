package io.infinisst.stream.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.infinisst.stream.eval.client.StreamClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link LiveStreamer}. */
class LiveStreamerTest {

    @Test
    void shouldRecoverTheFirstFrameTimeFromTheEarliestTranslation() {
        long start = 10_000;
        // chunk 0 ends at 1920 ms: its last sample is in frame 19, due 1900 ms after the first, sent 3 ms late
        StreamClient.Received late = new StreamClient.Received("s", 0, "a", false, 1920, 0, 100, start + 1903 + 100);
        // chunk 1 ends at 3840 ms: frame 38, sent on time
        StreamClient.Received onTime = new StreamClient.Received("s", 1, "b", false, 3840, 0, 80, start + 3800 + 80);
        assertThat(LiveStreamer.sourceStart(List.of(late, onTime), 9_000, 0.1, 1.0)).isEqualTo(start);
    }

    @Test
    void shouldFallBackWithoutTranslations() {
        assertThat(LiveStreamer.sourceStart(List.of(), 9_000, 0.1, 1.0)).isEqualTo(9_000);
    }
}
