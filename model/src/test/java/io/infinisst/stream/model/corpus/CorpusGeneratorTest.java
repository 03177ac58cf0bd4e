package io.infinisst.stream.model.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tests for {@link CorpusGenerator}. */
class CorpusGeneratorTest {
    private static Grammar grammar;

    @BeforeAll
    static void load() {
        grammar = Grammar.load();
    }

    @Test
    void sameSeedGivesTheSameCorpus() {
        assertThat(texts(new CorpusGenerator(grammar, 42).sentences(Split.TRAIN, 500)))
                .isEqualTo(texts(new CorpusGenerator(grammar, 42).sentences(Split.TRAIN, 500)));
        assertThat(new CorpusGenerator(grammar, 42).streams(Split.TEST, 20))
                .isEqualTo(new CorpusGenerator(grammar, 42).streams(Split.TEST, 20));
    }

    @Test
    void anotherSeedGivesAnotherCorpus() {
        assertThat(texts(new CorpusGenerator(grammar, 1).sentences(Split.TRAIN, 200)))
                .isNotEqualTo(texts(new CorpusGenerator(grammar, 2).sentences(Split.TRAIN, 200)));
    }

    @Test
    void asksForMoreOnlyAppend() {
        CorpusGenerator g = new CorpusGenerator(grammar, 5);
        List<String> small = texts(g.sentences(Split.TRAIN, 300));
        assertThat(texts(g.sentences(Split.TRAIN, 600)).subList(0, 300)).isEqualTo(small);
    }

    @Test
    void givesExactlyTheCountAskedWithSequentialIds() {
        List<CorpusItem> dev = new CorpusGenerator(grammar, 3).sentences(Split.DEV, 250);
        assertThat(dev).hasSize(250);
        assertThat(dev.get(0).id()).isEqualTo("dev-000001");
        assertThat(dev.get(249).id()).isEqualTo("dev-000250");
        assertThat(dev).allMatch(i -> i.split() == Split.DEV && !i.isStream());
    }

    @Test
    void tensOfThousandsOfDistinctSentences() {
        List<CorpusItem> train = new CorpusGenerator(grammar, 9).sentences(Split.TRAIN, 40_000);
        assertThat(texts(train).stream().distinct().count()).isEqualTo(40_000);
    }

    @Test
    void splitsAreDisjointAndTestHoldsOutSlotCombinations() {
        CorpusGenerator g = new CorpusGenerator(grammar, 11);
        List<CorpusItem> train = g.sentences(Split.TRAIN, 5000);
        List<CorpusItem> dev = g.sentences(Split.DEV, 1000);
        List<CorpusItem> test = g.sentences(Split.TEST, 1000);
        Set<String> trainTexts = new HashSet<>(texts(train));
        assertThat(texts(dev)).noneMatch(trainTexts::contains);
        assertThat(texts(test)).noneMatch(trainTexts::contains);
        assertThat(texts(test)).noneMatch(new HashSet<>(texts(dev))::contains);
        assertThat(train).allMatch(i -> g.splitOf(i.sentences().get(0)) == Split.TRAIN);
        assertThat(dev).allMatch(i -> g.splitOf(i.sentences().get(0)) == Split.DEV);
        assertThat(test).allMatch(i -> g.isHeldOut(i.sentences().get(0)));
        // the test set still spreads over the domains, not one corner of the grammar
        assertThat(test.stream().map(i -> i.sentences().get(0).domain()).collect(Collectors.toSet()))
                .hasSizeGreaterThanOrEqualTo(12);
    }

    @Test
    void heldOutValuesAreAboutFifteenPercentPerTemplateSlot() {
        CorpusGenerator g = new CorpusGenerator(grammar, 11);
        assertThat(g.heldOutValues("di01", "p")).hasSize(Math.round(43 * 0.15f));
        assertThat(g.heldOutValues("tm01", "t")).hasSize(Math.round(144 * 0.15f));
        assertThat(g.heldOutValues("tm06", "d")).isEmpty(); // three values: too few to hold any out
        assertThat(g.heldOutValues("di01", "p")).isNotEqualTo(g.heldOutValues("di15", "p"));
    }

    @Test
    void streamsHaveThreeToSixSentencesOfTheirSplitWithPauses() {
        CorpusGenerator g = new CorpusGenerator(grammar, 13);
        for (Split split : Split.values()) {
            List<CorpusItem> streams = g.streams(split, 40);
            assertThat(streams).hasSize(40);
            assertThat(streams.get(0).id()).isEqualTo(split.label() + "-stream-00001");
            for (CorpusItem s : streams) {
                assertThat(s.sentences().size()).isBetween(3, 6);
                assertThat(s.pausesMs()).hasSize(s.sentences().size() - 1).allMatch(p -> p >= 300 && p <= 1200);
                assertThat(s.sentences()).allMatch(sentence -> g.splitOf(sentence) == split);
                assertThat(s.text(Lang.EN)).startsWith(s.sentences().get(0).en());
            }
        }
    }

    private static List<String> texts(List<CorpusItem> items) {
        return items.stream().map(i -> i.text(Lang.EN)).toList();
    }
}
