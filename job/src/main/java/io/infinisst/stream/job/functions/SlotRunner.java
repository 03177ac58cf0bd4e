package io.infinisst.stream.job.functions;

import io.infinisst.stream.job.records.BatchResult;
import io.infinisst.stream.job.records.ChunkBatch;
import io.infinisst.stream.job.records.ChunkRequest;
import io.infinisst.stream.job.records.ChunkResult;
import io.infinisst.stream.model.StepInput;
import io.infinisst.stream.model.StepOutput;
import io.infinisst.stream.model.StreamingTranslator;
import io.infinisst.stream.protocol.audio.Resampler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model slot inside {@link BatchInference}: its translator, the one thread that ever touches it, and the queue
 * of batches waiting for it.
 *
 * <p><b>Work-conserving steps.</b> A batch handed to an idle slot runs at once. Batches that arrive while the slot
 * is busy wait in its queue, and when the step in progress ends the slot takes, in arrival order, every queued
 * batch that fits into one step — until one would exceed the first batch's {@link ChunkBatch#maxStepSize()} or
 * bring a second chunk of a session already in the step — and runs them together. So a slot never idles while
 * work waits, and whatever piles up behind a busy slot leaves together instead of one small batch after another.
 * Each batch still gets its own {@link BatchResult} (with the size of the step it shared); a session's chunks
 * keep their order because batches are only ever merged with the ones queued right behind them.
 *
 * <p><b>Bound.</b> {@link #submit} blocks its caller while the chunks already queued (not counting the running
 * step) and the new batch's would exceed {@code maxInflight × maxStepSize}: a saturated slot stops the task thread
 * and backpressure reaches the Kafka source. A batch larger than the bound still goes in when the queue is empty.
 *
 * <p>The translator and {@link #open} are confined to the slot's thread; the queue is guarded by {@code this}.
 */
final class SlotRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SlotRunner.class);

    /** Told of every model step, on the slot's thread: how many chunks it ran and how long it took. */
    interface StepObserver {
        void stepped(int chunks, long millis);
    }

    /** A batch waiting for the slot, and what to do with its result (called on the slot's thread). */
    private record Queued(ChunkBatch batch, Consumer<BatchResult> done) {}

    final String slot;
    private final int maxInflight;
    /** A single thread: it keeps each session's steps in order and models one device doing one step at a time. */
    private final ExecutorService executor;
    private final Supplier<StreamingTranslator> factory;
    private final StepObserver observer;

    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private int queuedChunks;
    private int running;
    private boolean closed;

    private StreamingTranslator translator;
    private RuntimeException loadFailure;
    private final Set<String> open = new HashSet<>();

    SlotRunner(String slot, int maxInflight, Supplier<StreamingTranslator> factory, StepObserver observer) {
        this.slot = slot;
        this.maxInflight = maxInflight;
        this.factory = factory;
        this.observer = observer;
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

    /**
     * Queues {@code batch} for the slot, blocking while the slot's queue is full; {@code done} gets its result on
     * the slot's thread.
     *
     * @throws RejectedExecutionException when the slot is shutting down
     * @throws InterruptedException when interrupted while waiting for room
     */
    void submit(ChunkBatch batch, Consumer<BatchResult> done) throws InterruptedException {
        synchronized (this) {
            long bound = (long) maxInflight * batch.maxStepSize();
            while (!closed && queuedChunks > 0 && queuedChunks + batch.size() > bound) {
                wait();
            }
            if (closed) {
                throw new RejectedExecutionException("slot " + slot + " is shutting down");
            }
            queue.add(new Queued(batch, done));
            queuedChunks += batch.size();
        }
        try {
            // One drain per batch: a drain that finds its batch already taken by an earlier step does nothing.
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                // Shut down between the check and here: the batch would never run.
                for (var it = queue.iterator(); it.hasNext(); ) {
                    if (it.next().batch() == batch) {
                        it.remove();
                        queuedChunks -= batch.size();
                    }
                }
            }
            throw e;
        }
    }

    /** Takes what fits into one step from the queue and runs it; on the slot's thread. */
    private void drain() {
        List<Queued> step = takeStep();
        if (step.isEmpty()) {
            return;
        }
        try {
            List<ChunkRequest> chunks = new ArrayList<>();
            step.forEach(q -> chunks.addAll(q.batch().chunks()));
            ChunkBatch first = step.get(0).batch();
            BatchResult merged = run(new ChunkBatch(slot, chunks, first.formedAtMs(), first.maxStepSize()));
            observer.stepped(chunks.size(), merged.inferenceEndMs() - merged.inferenceStartMs());
            int from = 0;
            for (Queued q : step) {
                int to = from + q.batch().size();
                q.done().accept(new BatchResult(slot, merged.batchSize(), q.batch().formedAtMs(),
                        merged.inferenceStartMs(), merged.inferenceEndMs(), merged.results().subList(from, to)));
                from = to;
            }
        } finally {
            synchronized (this) {
                running = 0;
            }
        }
    }

    /** Removes the queued batches that make the next step: the head, and those behind it that fit. */
    private synchronized List<Queued> takeStep() {
        List<Queued> step = new ArrayList<>();
        if (queue.isEmpty()) {
            return step;
        }
        int limit = queue.peek().batch().maxStepSize();
        Set<String> sessions = new HashSet<>();
        int size = 0;
        while (!queue.isEmpty()) {
            ChunkBatch next = queue.peek().batch();
            if (!step.isEmpty() && (size + next.size() > limit || !disjoint(sessions, next))) {
                break;
            }
            next.chunks().forEach(c -> sessions.add(c.sessionId()));
            size += next.size();
            step.add(queue.poll());
        }
        queuedChunks -= size;
        running = step.size();
        notifyAll();
        return step;
    }

    private static boolean disjoint(Set<String> sessions, ChunkBatch batch) {
        for (ChunkRequest c : batch.chunks()) {
            if (sessions.contains(c.sessionId())) {
                return false;
            }
        }
        return true;
    }

    /** Batches queued or in the running step. */
    synchronized int batchesInFlight() {
        return queue.size() + running;
    }

    /** Chunks queued behind the running step. */
    synchronized int queuedChunks() {
        return queuedChunks;
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

    /**
     * Runs what is queued, closes the model on its own thread, then stops the thread; callers blocked in
     * {@link #submit} are turned away.
     */
    void shutdown(long waitMs) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
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
