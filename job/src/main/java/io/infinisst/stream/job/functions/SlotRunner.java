package io.infinisst.stream.job.functions;

import io.infinisst.stream.job.records.BatchResult;
import io.infinisst.stream.job.records.ChunkBatch;
import io.infinisst.stream.job.records.ChunkRequest;
import io.infinisst.stream.job.records.ChunkResult;
import io.infinisst.stream.model.StepInput;
import io.infinisst.stream.model.StepOutput;
import io.infinisst.stream.model.StreamingTranslator;
import io.infinisst.stream.protocol.audio.Resampler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model slot inside {@link BatchInference}: its translator, the one thread that ever touches it, and the
 * permits that bound the batches queued or running on it. Everything but {@link #permits} and {@link #executor} is
 * confined to that thread.
 */
final class SlotRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SlotRunner.class);

    final String slot;
    /** Batches handed to this slot and not yet finished; acquiring blocks the caller when the slot is saturated. */
    final Semaphore permits;
    /** A single thread: it keeps each session's steps in order and models one device doing one step at a time. */
    final ExecutorService executor;

    private final Supplier<StreamingTranslator> factory;
    private StreamingTranslator translator;
    private RuntimeException loadFailure;
    private final Set<String> open = new HashSet<>();

    SlotRunner(String slot, int maxInflight, Supplier<StreamingTranslator> factory) {
        this.slot = slot;
        this.permits = new Semaphore(maxInflight);
        this.factory = factory;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sst-slot-" + slot);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Loads the model on the slot's thread now rather than at the first batch, whose chunks would otherwise wait
     * for the load (about a second for DJL). A load failure is kept and reported by the first batch.
     */
    void preload() {
        executor.execute(() -> {
            try {
                model();
            } catch (RuntimeException e) {
                LOG.warn("slot {}: {}", slot, e.getMessage());
            }
        });
    }

    /** Runs one model step for a batch; on the slot's thread only. Never throws: failures become error results. */
    BatchResult run(ChunkBatch batch) {
        long start = System.currentTimeMillis();
        try {
            StreamingTranslator model = model();
            List<StepInput> inputs = new ArrayList<>(batch.size());
            for (ChunkRequest c : batch.chunks()) {
                if (open.add(c.sessionId())) {
                    // First chunk of the session on this slot (chunk 0, or the first after a restore).
                    model.open(c.sessionId());
                }
                float[] audio = Resampler.resample(c.audio(), ChunkRequest.SAMPLE_RATE, model.sampleRate());
                inputs.add(new StepInput(c.sessionId(), c.chunkIndex(), audio, c.last()));
            }
            List<StepOutput> outputs;
            try {
                outputs = model.step(inputs);
            } finally {
                closeEnded(batch, model);
            }
            long end = System.currentTimeMillis();
            return new BatchResult(slot, batch.size(), batch.formedAtMs(), start, end, match(batch, outputs));
        } catch (RuntimeException e) {
            LOG.warn("slot {}: model step for {} chunks failed", slot, batch.size(), e);
            return BatchResult.failed(batch, "model step failed on slot " + slot + ": " + e, start,
                    System.currentTimeMillis());
        }
    }

    /** Pairs outputs with chunks by session; a model that returns the wrong sessions fails the whole step. */
    private List<ChunkResult> match(ChunkBatch batch, List<StepOutput> outputs) {
        if (outputs == null || outputs.size() != batch.size()) {
            throw new IllegalStateException("model returned " + (outputs == null ? "null" : outputs.size())
                    + " outputs for " + batch.size() + " inputs");
        }
        Map<String, String> text = new HashMap<>();
        for (StepOutput o : outputs) {
            text.put(o.sessionId(), o.text());
        }
        List<ChunkResult> results = new ArrayList<>(batch.size());
        for (ChunkRequest c : batch.chunks()) {
            String t = text.get(c.sessionId());
            if (t == null) {
                throw new IllegalStateException("model returned no output for session " + c.sessionId());
            }
            results.add(ChunkResult.ok(c, t));
        }
        return results;
    }

    /** Sessions whose last chunk was in the batch drop their context, whether or not the step succeeded. */
    private void closeEnded(ChunkBatch batch, StreamingTranslator model) {
        for (ChunkRequest c : batch.chunks()) {
            if (c.last() && open.remove(c.sessionId())) {
                try {
                    model.close(c.sessionId());
                } catch (RuntimeException e) {
                    LOG.warn("slot {}: closing session {} failed", slot, c.sessionId(), e);
                }
            }
        }
    }

    /** The model, loaded on first use on this thread; a load failure is kept, not retried on every batch. */
    private StreamingTranslator model() {
        if (translator == null) {
            if (loadFailure != null) {
                throw loadFailure;
            }
            try {
                translator = factory.get();
                LOG.info("slot {}: loaded model {}", slot, translator.name());
            } catch (RuntimeException e) {
                loadFailure = new IllegalStateException("model for slot " + slot + " could not be loaded: " + e, e);
                throw loadFailure;
            }
        }
        return translator;
    }

    int openSessions() {
        return open.size();
    }

    /** Closes the model on its own thread after the queued steps, then stops the thread. */
    void shutdown(long waitMs) {
        if (executor.isShutdown()) {
            return;
        }
        executor.execute(() -> {
            if (translator != null) {
                try {
                    translator.close();
                } catch (RuntimeException e) {
                    LOG.warn("slot {}: closing model failed", slot, e);
                }
                translator = null;
            }
        });
        executor.shutdown();
        try {
            if (!executor.awaitTermination(waitMs, TimeUnit.MILLISECONDS)) {
                LOG.warn("slot {}: model still busy after {} ms; interrupting it", slot, waitMs);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
