package io.infinisst.stream.protocol.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Tests for {@link Outbox}. */
class OutboxTest {
    /** Runs drains only when asked, so the test sees the queue between writes. */
    private final List<Runnable> pending = new ArrayList<>();
    private final Executor manual = pending::add;

    private void runPending() {
        while (!pending.isEmpty()) {
            pending.remove(0).run();
        }
    }

    @Test
    void shouldWriteInOrderAndRefuseBeyondItsLimit() {
        List<Integer> written = new ArrayList<>();
        Outbox box = new Outbox(manual, 2, "client");
        assertThat(box.offer(() -> written.add(1))).isTrue();
        assertThat(box.offer(() -> written.add(2))).isTrue();
        assertThat(box.offer(() -> written.add(3))).isFalse();
        runPending();
        assertThat(written).containsExactly(1, 2);
        assertThat(box.offer(() -> written.add(4))).isTrue();
        runPending();
        assertThat(written).containsExactly(1, 2, 4);
    }

    @Test
    void shouldSendNothingAfterTheLastWrite() {
        List<String> written = new ArrayList<>();
        Outbox box = new Outbox(manual, 10, "client");
        box.offer(() -> written.add("text"));
        box.finish(() -> written.add("close"));
        assertThat(box.offer(() -> written.add("late"))).isFalse();
        runPending();
        assertThat(written).containsExactly("text", "close");
        assertThat(box.isClosed()).isTrue();
    }

    @Test
    void shouldAbandonTheQueueWhenAWriteFails() {
        List<String> written = new ArrayList<>();
        Outbox box = new Outbox(manual, 10, "client");
        box.offer(() -> {
            throw new IllegalStateException("socket closed");
        });
        box.offer(() -> written.add("never"));
        runPending();
        assertThat(written).isEmpty();
        assertThat(box.isClosed()).isTrue();
    }
}
