package io.infinisst.stream.model.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link Segmenter}. */
class SegmenterTest {
    private final StreamingPolicy policy = StreamingPolicy.defaults();

    private List<Segmenter.Action> feed(Segmenter s, float db, int steps) {
        List<Segmenter.Action> out = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            out.add(s.add(db));
        }
        return out;
    }

    @Test
    void speechFollowedByAPauseClosesTheSegmentAfterTheEndSilence() {
        Segmenter s = new Segmenter(policy);
        feed(s, -70, 3);
        assertThat(feed(s, -20, 30)).containsOnly(Segmenter.Action.KEEP);
        assertThat(s.hasSpeech()).isTrue();
        List<Segmenter.Action> pause = feed(s, -70, policy.endSilenceSteps());
        assertThat(pause.subList(0, policy.endSilenceSteps() - 1)).containsOnly(Segmenter.Action.KEEP);
        assertThat(pause.get(policy.endSilenceSteps() - 1)).isEqualTo(Segmenter.Action.CLOSE);
        assertThat(s.length()).isZero();
    }

    @Test
    void speechTenDecibelsOverSteadyNoiseIsFoundAndTheNoiseAloneIsDropped() {
        Segmenter s = new Segmenter(policy);
        List<Segmenter.Action> noise = feed(s, -35, policy.maxLeadingSteps());
        assertThat(noise.get(noise.size() - 1)).isEqualTo(Segmenter.Action.DROP);
        feed(s, -25, 20);
        assertThat(s.hasSpeech()).isTrue();
    }

    @Test
    void aClickIsDroppedNotTranslated() {
        Segmenter s = new Segmenter(policy);
        feed(s, -70, 2);
        feed(s, -20, policy.minSpeechSteps() - 1);
        List<Segmenter.Action> after = feed(s, -70, policy.maxLeadingSteps());
        assertThat(after).contains(Segmenter.Action.DROP).doesNotContain(Segmenter.Action.CLOSE);
    }

    @Test
    void aPauseOfAnyLengthLeavesTheSameLeadingContextBeforeTheNextSpeech() {
        // Before: a dropped segment was emptied, so the silence kept before the next speech was the pause's length
        // modulo max_leading_steps — anything from none to 440 ms, and the model translated the same sentence
        // differently after different pauses (StreamCheck --repeat).
        for (int pause : new int[] {12, 13, 17, 25, 40}) {
            Segmenter s = new Segmenter(policy);
            feed(s, -20, 20);
            feed(s, -70, policy.endSilenceSteps()); // closes the sentence
            feed(s, -70, pause);
            assertThat(s.length()).as("pause of %d steps", pause).isEqualTo(s.kept());
            assertThat(s.hasSpeech()).isFalse();
        }
        assertThat(new Segmenter(policy).kept()).isEqualTo(policy.maxLeadingSteps() - 1);
    }

    @Test
    void speechWithoutPausesIsCutAtTheLongestSegment() {
        Segmenter s = new Segmenter(policy);
        List<Segmenter.Action> a = new ArrayList<>();
        for (int i = 0; i < policy.maxSegmentSteps(); i++) {
            a.add(s.add(i % 5 == 0 ? -45 : -20)); // syllables with short dips between them
        }
        assertThat(a.get(a.size() - 1)).isEqualTo(Segmenter.Action.CLOSE);
        assertThat(a.subList(0, a.size() - 1)).containsOnly(Segmenter.Action.KEEP);
    }
}
