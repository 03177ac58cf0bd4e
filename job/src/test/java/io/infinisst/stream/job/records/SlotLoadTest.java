package io.infinisst.stream.job.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Tests for {@link SlotLoad}. */
class SlotLoadTest {

    @Test
    void shouldCountRecentChunksDecayingWithTheWindow() {
        SlotLoad load = SlotLoad.IDLE.withChunk(1_000).withChunk(1_000);

        assertThat(load.recentChunksAt(1_000)).isEqualTo(2.0);
        assertThat(load.recentChunksAt(1_000 + SlotLoad.RECENT_WINDOW_MS)).isCloseTo(2 / Math.E, within(1e-9));
        assertThat(load.withChunk(1_000 + SlotLoad.RECENT_WINDOW_MS).recentChunksAt(1_000 + SlotLoad.RECENT_WINDOW_MS))
                .isCloseTo(1 + 2 / Math.E, within(1e-9));
    }

    @Test
    void shouldKeepTheSessionCountApartFromTheChunks() {
        SlotLoad load = SlotLoad.IDLE.withSessions(1).withSessions(1).withChunk(0).withSessions(-1);

        assertThat(load.sessions()).isEqualTo(1);
        assertThat(load.recentChunksAt(0)).isEqualTo(1.0);
    }
}
