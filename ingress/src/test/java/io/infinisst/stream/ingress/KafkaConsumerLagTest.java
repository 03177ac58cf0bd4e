package io.infinisst.stream.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link KafkaConsumerLag}; the figures against a live broker are the launcher's ITCase. */
class KafkaConsumerLagTest {

    @Test
    void shouldSumEndMinusCommittedPerPartition() {
        Map<String, Object> lag = KafkaConsumerLag.lag("sst.requests", "sst-job", Map.of(0, 10L, 1, 7L, 2, 4L),
                Map.of(0, 15L, 1, 7L, 2, 9L, 3, 2L));
        assertThat(lag.get("total")).isEqualTo(12L); // 5 + 0 + 5 + 2 (partition 3 has no commit yet)
        assertThat(lag.get("partitions")).isEqualTo(Map.of("0", 5L, "1", 0L, "2", 5L, "3", 2L));
        assertThat(lag.get("group")).isEqualTo("sst-job");
        assertThat(lag.get("topic")).isEqualTo("sst.requests");
    }

    @Test
    void shouldBeUnavailableWithAReasonBeforeTheGroupCommits() {
        Map<String, Object> lag = KafkaConsumerLag.lag("sst.requests", "sst-job", Map.of(), Map.of(0, 15L));
        assertThat(lag).containsEntry("total", null);
        assertThat(lag.get("reason")).isEqualTo(
                "consumer group 'sst-job' has committed no offsets on sst.requests (the job commits them on each checkpoint)");
    }

    @Test
    void shouldBeUnavailableWithAReasonWhenKafkaDoesNotAnswer() {
        try (KafkaConsumerLag lag = new KafkaConsumerLag("127.0.0.1:1", "sst.requests", "sst-job",
                Duration.ofMillis(300))) {
            Map<String, Object> m = lag.measure();
            assertThat(m).containsEntry("total", null);
            assertThat(m.get("reason")).asString().isNotBlank();
        }
    }
}
