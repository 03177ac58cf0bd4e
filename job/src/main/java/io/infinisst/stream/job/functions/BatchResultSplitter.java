package io.infinisst.stream.job.functions;

import io.infinisst.stream.job.records.BatchResult;
import io.infinisst.stream.job.records.ChunkResult;
import io.infinisst.stream.protocol.records.TranslationEvent;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** Turns one model step's result into one translation event per chunk, each carrying the step's timings. */
public class BatchResultSplitter implements FlatMapFunction<BatchResult, TranslationEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(BatchResult batch, Collector<TranslationEvent> out) {
        for (ChunkResult r : batch.results()) {
            out.collect(new TranslationEvent(r.sessionId(), r.chunkIndex(), r.text(), r.last(), r.audioStartMs(),
                    r.audioEndMs(), r.ingressMs(), batch.inferenceStartMs(), batch.inferenceEndMs(), batch.slot(),
                    batch.batchSize(), r.error()));
        }
    }
}
