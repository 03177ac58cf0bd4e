package io.infinisst.stream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infinisst.stream.job.functions.FakeTranslator;
import io.infinisst.stream.protocol.config.ConfigException;
import io.infinisst.stream.protocol.config.SstConfig;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** Tests for {@link SstJob}'s construction; {@link SstJobITCase} runs the graph. */
class SstJobTest {

    @Test
    void shouldRejectAPlacementStrategyClassThatIsNotOnTheClasspath() {
        SstConfig config = new SstConfig();
        config.serving.loadBalanceStrategy = "com.example.MissingStrategy";

        assertThatThrownBy(() -> new SstJob(config, new ReplaySource(List.of()), null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("serving.load_balance_strategy: 'com.example.MissingStrategy' is not one of "
                        + "[gpu_memory, least_loaded, round_robin] and no class of that name is on the job's "
                        + "classpath");
    }

    @Test
    void shouldWireTheProductionGraphWithANameAndUidOnEveryOperator() {
        SstConfig config = new SstConfig();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new SstJob(config, SstJob.kafkaSource(config), SstJob.kafkaControlSource(config), SstJob.kafkaSink(config))
                .build(env);

        Collection<StreamNode> nodes = env.getStreamGraph().getStreamNodes();
        assertThat(nodes).extracting(StreamNode::getOperatorName).contains("Source: control records", "control validator",
                "slot placer", "micro batcher");
        assertThat(nodes).allSatisfy(n -> assertThat(n.getTransformationUID()).as(n.getOperatorName()).isNotBlank());
    }

    @Test
    void shouldReadTheControlTopicAsAnUnboundedStream() {
        assertThat(SstJob.kafkaControlSource(new SstConfig()).getBoundedness())
                .isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    }

    @Test
    void shouldAcceptAUsersPlacementStrategyByClassName() {
        SstConfig config = new SstConfig();
        config.serving.loadBalanceStrategy = "io.infinisst.stream.job.functions.LastSlotStrategy";

        assertThat(new SstJob(config, new ReplaySource(List.of()), null, (slot, cfg) -> new FakeTranslator(slot)))
                .isNotNull();
    }
}
