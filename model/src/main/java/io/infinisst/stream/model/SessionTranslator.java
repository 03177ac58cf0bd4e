package io.infinisst.stream.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link StreamingTranslator} that keeps one context per open session. This class opens, resets and drops
 * the contexts, checks every batch before the model sees it (each session once, each one open), and refuses
 * work once the model is closed; a subclass says what a new context is, runs a checked batch, and releases
 * its resources. Not thread-safe, like the contract.
 *
 * @param <C> what the model remembers of one session
 */
public abstract class SessionTranslator<C> implements StreamingTranslator {
    private final Map<String, C> contexts = new HashMap<>();
    private boolean closed;

    /** A new (or reopened) session's context. */
    protected abstract C newContext();

    /**
     * Runs one model step for a batch that has passed the checks of {@link #step(List)}.
     *
     * @param contexts each session's context, in the order of {@code batch}
     * @return each session's new text, in the order of {@code batch}
     */
    protected abstract List<StepOutput> step(List<StepInput> batch, List<C> contexts);

    /** Releases the model's native resources; called once, by the first {@link #close()}. */
    protected abstract void release();

    @Override
    public final void open(String sessionId) {
        checkNotClosed();
        contexts.put(sessionId, newContext());
    }

    /**
     * {@inheritDoc}
     *
     * <p>The whole batch is checked before any context is touched, so a rejected batch changes nothing.
     *
     * @throws IllegalArgumentException when a session appears more than once
     * @throws IllegalStateException when a session is not open, or the model is closed
     */
    @Override
    public final List<StepOutput> step(List<StepInput> batch) {
        checkNotClosed();
        List<C> checked = new ArrayList<>(batch.size());
        Set<String> seen = new HashSet<>();
        for (StepInput in : batch) {
            if (!seen.add(in.sessionId())) {
                throw new IllegalArgumentException("session '" + in.sessionId() + "' appears more than once in one batch");
            }
            C context = contexts.get(in.sessionId());
            if (context == null) {
                throw new IllegalStateException("session '" + in.sessionId() + "' is not open");
            }
            checked.add(context);
        }
        return step(batch, checked);
    }

    /** An open session's context, or null. */
    protected final C context(String sessionId) {
        return contexts.get(sessionId);
    }

    /** Replaces an open session's context with a new one (its stream ended; the id may be used again). */
    protected final void reset(String sessionId) {
        contexts.replace(sessionId, newContext());
    }

    @Override
    public final void close(String sessionId) {
        contexts.remove(sessionId);
    }

    @Override
    public final int openSessions() {
        return contexts.size();
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            contexts.clear();
            release();
        }
    }

    private void checkNotClosed() {
        if (closed) {
            throw new IllegalStateException("model " + name() + " is closed");
        }
    }
}
