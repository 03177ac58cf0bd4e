package io.infinisst.stream.protocol.delivery;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Serializes the writes to one client connection on a shared executor. Hub listeners only enqueue, so a
 * slow or dead client never stalls the Kafka consumer thread or other sessions; the queue is bounded so a
 * client that stops reading is cut off instead of growing the heap.
 */
public final class Outbox {
    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());

    private final Executor executor;
    private final int limit;
    private final String name;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean draining;
    private boolean closed;

    public Outbox(Executor executor, int limit, String name) {
        this.executor = executor;
        this.limit = limit;
        this.name = name;
    }

    /** Queues a write; false when the outbox is closed or full (the caller then gives up the client). */
    public boolean offer(Runnable write) {
        synchronized (this) {
            if (closed || queue.size() >= limit) {
                return false;
            }
            queue.addLast(write);
            if (draining) {
                return true;
            }
            draining = true;
        }
        executor.execute(this::drain);
        return true;
    }

    /** Queues a last write (typically closing the connection); nothing after it is sent. */
    public void finish(Runnable lastWrite) {
        synchronized (this) {
            if (closed) {
                return;
            }
            queue.addLast(lastWrite);
            closed = true;
            if (draining) {
                return;
            }
            draining = true;
        }
        executor.execute(this::drain);
    }

    /** Drops whatever is queued: the connection is gone. */
    public void abandon() {
        synchronized (this) {
            closed = true;
            queue.clear();
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.pollFirst();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.INFO, name + ": write failed, dropping the connection's queue: " + e);
                abandon();
            }
        }
    }
}
