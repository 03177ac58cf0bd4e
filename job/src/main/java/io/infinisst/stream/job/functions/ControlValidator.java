package io.infinisst.stream.job.functions;

import io.infinisst.stream.protocol.records.ControlRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets through only the control records the job can apply: values in range ({@link ControlRecord#problems()}) and,
 * when a placement strategy is named, one that can be created here. Checking once, before the broadcast, keeps
 * every operator that holds the settings in agreement, and a bad record is logged once rather than by every
 * subtask. The ingress validates {@code POST /configure} too; this guards against any other producer on the topic.
 *
 * <p>Metrics: {@code controlRecordsAccepted}, {@code controlRecordsRejected}.
 */
public class ControlValidator extends ProcessFunction<ControlRecord, ControlRecord> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ControlValidator.class);

    private transient Counter accepted;
    private transient Counter rejected;

    @Override
    public void open(OpenContext openContext) {
        accepted = getRuntimeContext().getMetricGroup().counter("controlRecordsAccepted");
        rejected = getRuntimeContext().getMetricGroup().counter("controlRecordsRejected");
    }

    @Override
    public void processElement(ControlRecord r, Context ctx, Collector<ControlRecord> out) {
        List<String> problems = new ArrayList<>(r.problems());
        if (problems.isEmpty() && r.loadBalanceStrategy() != null) {
            try {
                PlacementStrategy.forName(r.loadBalanceStrategy(), getRuntimeContext().getUserCodeClassLoader());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            rejected.inc();
            LOG.warn("control record version {} ignored: {}", r.version(), String.join("; ", problems));
            return;
        }
        accepted.inc();
        LOG.info("control record version {} accepted: {}", r.version(), r);
        out.collect(r);
    }

    long acceptedRecords() {
        return accepted.getCount();
    }

    long rejectedRecords() {
        return rejected.getCount();
    }
}
