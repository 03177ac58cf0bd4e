package io.infinisst.stream.model;

import java.util.List;

/**
 * A streaming speech-translation model serving one slot (one replica on one device). Sessions are
 * opened, stepped chunk by chunk in batches, and closed; the model keeps each open session's context
 * (what it has heard and said) between steps, bounded however long the session runs.
 *
 * <p>Not thread-safe: a slot calls it from one thread at a time, which is also what keeps each
 * session's steps in chunk order.
 */
public interface StreamingTranslator extends AutoCloseable {

    /** Sample rate of the audio {@link #step} expects (mono floats in [-1, 1]). */
    int sampleRate();

    /** A short human-readable name, e.g. {@code diagnostic(step=0ms)}. */
    String name();

    /** Opens a session's context; called once before its first step. Opening an open session resets it. */
    void open(String sessionId);

    /**
     * Runs one model step for a batch of sessions, each with its next chunk. Every session appears at
     * most once, and each must be open.
     *
     * @return each session's new target text, in the order of {@code batch}; text once returned is
     *     never retracted by a later step
     */
    List<StepOutput> step(List<StepInput> batch);

    /** Drops a session's context. Closing an unknown session does nothing. */
    void close(String sessionId);

    /** Number of sessions currently open (their contexts held in memory). */
    int openSessions();

    /** Releases the model's native resources. */
    @Override
    void close();
}
