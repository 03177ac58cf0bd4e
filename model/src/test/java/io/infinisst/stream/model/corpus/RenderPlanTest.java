package io.infinisst.stream.model.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Tests for {@link RenderPlan} and {@link Voices}. */
class RenderPlanTest {
    private static final Set<Synth> ALL = EnumSet.allOf(Synth.class);

    @Test
    void heldOutVoicesSpeakOnlyTheTestSplit() {
        List<CorpusItem> items = items();
        List<RenderPlan> plans = RenderPlan.plan(items, 7, ALL);
        assertThat(plans).filteredOn(p -> p.item().split() == Split.TEST).allMatch(p -> p.voice().heldOut());
        assertThat(plans).filteredOn(p -> p.item().split() != Split.TEST).noneMatch(p -> p.voice().heldOut());
        assertThat(plans.stream().map(p -> p.voice().synth()).collect(Collectors.toSet())).isEqualTo(ALL);
    }

    @Test
    void voiceInventoryHoldsOutWholeVoices() {
        Set<String> train = Voices.pool(ALL, Split.TRAIN).stream().map(Voice::id).collect(Collectors.toSet());
        Set<String> test = Voices.pool(ALL, Split.TEST).stream().map(Voice::id).collect(Collectors.toSet());
        assertThat(train).doesNotContainAnyElementsOf(test);
        assertThat(test).contains("flite:rms", "festival:cmu_us_slt_arctic_hts", "espeak-ng:en-gb-scotland",
                "espeak-ng:en-us+m7");
        assertThat(train).noneMatch(id -> id.contains("scotland") || id.contains("en-029") || id.endsWith("+m7")
                || id.endsWith("+f4") || id.equals("flite:rms"));
        assertThat(Voices.pool(ALL, Split.DEV)).isEqualTo(Voices.pool(ALL, Split.TRAIN));
    }

    @Test
    void planIsDeterministicAndWithinRanges() {
        List<RenderPlan> a = RenderPlan.plan(items(), 7, ALL);
        assertThat(RenderPlan.plan(items(), 7, ALL)).isEqualTo(a);
        assertThat(RenderPlan.plan(items(), 8, ALL)).isNotEqualTo(a);
        for (RenderPlan p : a) {
            assertThat(p.speed()).isBetween(0.7, 1.3);
            assertThat(p.pitch()).isBetween(0.7, 1.3);
            if (p.noise() == Noise.NONE) {
                assertThat(p.snrDb()).isNaN();
            } else {
                assertThat(p.snrDb()).isBetween(10.0, 20.0);
            }
        }
        long noisy = a.stream().filter(p -> p.noise() != Noise.NONE).count();
        assertThat(noisy).isBetween(a.size() / 4L, 3L * a.size() / 4);
    }

    @Test
    void restrictingSynthesizersRestrictsVoices() {
        assertThat(RenderPlan.plan(items(), 7, EnumSet.of(Synth.ESPEAK_NG)))
                .allMatch(p -> p.voice().synth() == Synth.ESPEAK_NG);
        assertThatThrownBy(() -> RenderPlan.plan(items(), 7, EnumSet.noneOf(Synth.class)))
                .hasMessageContaining("no train voices");
    }

    private static List<CorpusItem> items() {
        CorpusGenerator g = new CorpusGenerator(Grammar.load(), 3);
        List<CorpusItem> items = new ArrayList<>(g.sentences(Split.TRAIN, 150));
        items.addAll(g.sentences(Split.DEV, 30));
        items.addAll(g.sentences(Split.TEST, 150));
        return items;
    }
}
