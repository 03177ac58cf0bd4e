package io.infinisst.stream.job.functions;

import io.infinisst.stream.model.StepInput;
import io.infinisst.stream.model.StepOutput;
import io.infinisst.stream.model.StreamingTranslator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A model that translates nothing but checks the contract the job must keep: sessions opened before their steps,
 * one chunk per session per step, chunk indices in order, one thread. Its text names what it heard:
 * {@code "<session>#<chunk>:<samples>"}.
 */
public class FakeTranslator implements StreamingTranslator {
    private final String slot;
    private final Map<String, Long> nextChunk = new HashMap<>();
    private final Set<String> open = new HashSet<>();
    /** Contract violations seen; a test asserts it stays empty. */
    public final List<String> violations = new CopyOnWriteArrayList<>();
    public final List<String> threads = new CopyOnWriteArrayList<>();
    public final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    /** When set, every step waits for it: lets a test hold a slot busy. */
    public volatile CountDownLatch gate;
    /** When set, a step holding this session fails. */
    public volatile String failOn;
    public volatile boolean closed;

    public FakeTranslator(String slot) {
        this.slot = slot;
    }

    @Override
    public int sampleRate() {
        return 16_000;
    }

    @Override
    public String name() {
        return "fake(" + slot + ")";
    }

    @Override
    public void open(String sessionId) {
        open.add(sessionId);
        nextChunk.put(sessionId, -1L);
    }

    @Override
    public List<StepOutput> step(List<StepInput> batch) {
        threads.add(Thread.currentThread().getName());
        batchSizes.add(batch.size());
        CountDownLatch g = gate;
        if (g != null) {
            try {
                if (!g.await(30, TimeUnit.SECONDS)) {
                    violations.add("gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Set<String> seen = new HashSet<>();
        List<StepOutput> out = new ArrayList<>();
        for (StepInput in : batch) {
            if (!open.contains(in.sessionId())) {
                violations.add("step on unopened session " + in.sessionId());
            }
            if (!seen.add(in.sessionId())) {
                violations.add("two chunks of " + in.sessionId() + " in one step");
            }
            long prev = nextChunk.getOrDefault(in.sessionId(), -1L);
            if (in.chunkIndex() != prev + 1) {
                violations.add(in.sessionId() + " chunk " + in.chunkIndex() + " after " + prev);
            }
            nextChunk.put(in.sessionId(), in.chunkIndex());
            if (in.sessionId().equals(failOn)) {
                throw new IllegalStateException("injected failure for " + failOn);
            }
            out.add(new StepOutput(in.sessionId(), in.sessionId() + "#" + in.chunkIndex() + ":" + in.audio().length));
        }
        return out;
    }

    @Override
    public void close(String sessionId) {
        open.remove(sessionId);
        nextChunk.remove(sessionId);
    }

    @Override
    public int openSessions() {
        return open.size();
    }

    @Override
    public void close() {
        closed = true;
    }
}
