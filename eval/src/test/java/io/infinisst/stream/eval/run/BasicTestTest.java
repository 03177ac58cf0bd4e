package io.infinisst.stream.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.infinisst.stream.eval.data.EvalItem;
import io.infinisst.stream.eval.data.EvalSet;
import io.infinisst.stream.eval.score.Runs;
import io.infinisst.stream.eval.score.SessionScore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link BasicTest}. */
class BasicTestTest {
    private final EvalItem item = Runs.utterance("a", 2, "一", "uno");

    @Test
    void shouldPassAPairWhoseTranslationArrivedAndCompleted() throws Exception {
        List<BasicTest.Check> checks = BasicTest.run(new EvalSet(List.of(item), "t"),
                List.of("English -> Chinese", "English -> Italian"),
                (user, it, pair) -> Runs.run(user, it, pair, Runs.T0, 50, "x", "y"));
        assertThat(checks).extracting(BasicTest.Check::passed).containsExactly(true, true);
        assertThat(BasicTest.table(checks)).contains("PASS").contains("2/2 language pairs passed");
    }

    @Test
    void shouldFailAPairWithoutTranslationOrCompletion() {
        SessionRun run = Runs.run(0, item, "English -> Italian", Runs.T0, 50, " ");
        SessionRun incomplete = new SessionRun(0, item, run.languagePair(), 1, null, Runs.T0,
                new io.infinisst.stream.eval.client.StreamClient.Result("s", "READY", run.result().translations(),
                        List.of("ERROR: boom"), false, null, 2, 100), null);
        BasicTest.Check c = BasicTest.check(SessionScore.of(incomplete));
        assertThat(c.passed()).isFalse();
        assertThat(c.reason()).isEqualTo("no translation arrived; ERROR: boom; no PROCESSING_COMPLETE");
        assertThat(BasicTest.table(List.of(c))).contains("FAIL").contains("0/1 language pairs passed");
    }
}
