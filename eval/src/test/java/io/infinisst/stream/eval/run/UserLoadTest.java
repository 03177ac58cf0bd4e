package io.infinisst.stream.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.infinisst.stream.eval.data.EvalItem;
import io.infinisst.stream.eval.data.EvalSet;
import io.infinisst.stream.eval.score.Runs;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Tests for {@link UserLoad}. */
class UserLoadTest {
    private static final List<String> PAIRS = List.of("English -> Chinese", "English -> Italian");
    private final EvalSet set = new EvalSet(List.of(Runs.utterance("a", 1, "一", "uno"),
            Runs.utterance("b", 1, "二", "due"), Runs.utterance("c", 1, "三", "tre")), "test");

    @Test
    void shouldPlanTheSameUsersForTheSameSeedAndMixPairs() {
        List<UserLoad.User> a = new UserLoad(set, PAIRS, 40, 300_000, 5).users();
        List<UserLoad.User> b = new UserLoad(set, PAIRS, 40, 300_000, 5).users();
        assertThat(a).isEqualTo(b);
        Map<String, Long> byPair = a.stream().collect(Collectors.groupingBy(UserLoad.User::languagePair,
                Collectors.counting()));
        assertThat(byPair).containsOnlyKeys(PAIRS);
        assertThat(a).extracting(UserLoad.User::arrivalMs).isSorted();
    }

    @Test
    void shouldStreamAtLeastOneItemPerUserEvenWhenArrivingLate() throws Exception {
        UserLoad load = new UserLoad(set, PAIRS, 4, 50, 3);
        List<SessionRun> runs = load.run((user, item, pair) -> Runs.run(user, item, pair, System.currentTimeMillis(),
                10, "x"), r -> { });
        assertThat(runs).extracting(SessionRun::user).contains(0, 1, 2, 3);
        for (SessionRun r : runs) {
            assertThat(r.languagePair()).isEqualTo(load.users().get(r.user()).languagePair());
        }
    }

    @Test
    void shouldGiveEveryUserEveryItemInItsOwnOrder() {
        for (UserLoad.User u : new UserLoad(set, PAIRS, 8, 1000, 9).users()) {
            assertThat(u.items()).extracting(EvalItem::id).containsExactlyInAnyOrder("a", "b", "c");
        }
    }
}
