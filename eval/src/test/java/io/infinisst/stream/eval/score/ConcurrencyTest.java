package io.infinisst.stream.eval.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.infinisst.stream.eval.data.EvalItem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link Concurrency}. */
class ConcurrencyTest {
    private final EvalItem item = Runs.utterance("a", 6, "一", "uno");

    @Test
    void shouldSustainEverySessionThatKeepsUp() {
        List<SessionScore> s = List.of(SessionScore.of(Runs.run(0, item, "English -> Italian", Runs.T0, 100,
                        "a", "b", "c", "d", "e", "f")),
                SessionScore.of(Runs.run(1, item, "English -> Italian", Runs.T0 + 500, 100,
                        "a", "b", "c", "d", "e", "f")));
        assertThat(Concurrency.of(s)).isEqualTo(new Concurrency(2, 2));
    }

    @Test
    void shouldNotCountInstantsSharedWithASessionThatFellBehind() {
        // chunk duration 960 ms; the second session's translations come 5 s late (limit 1.92 s), so no instant
        // it was part of counts, and only the first session alone was sustained
        List<SessionScore> s = List.of(SessionScore.of(Runs.run(0, item, "English -> Italian", Runs.T0, 100,
                        "a", "b", "c", "d", "e", "f")),
                SessionScore.of(Runs.run(1, item, "English -> Italian", Runs.T0 + 3000, 5000, "a", "b", "c")));
        Concurrency c = Concurrency.of(s);
        assertThat(c.peak()).isEqualTo(2);
        assertThat(c.sustained()).isEqualTo(1);
    }
}
