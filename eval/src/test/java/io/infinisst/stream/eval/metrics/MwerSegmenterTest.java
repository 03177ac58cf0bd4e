package io.infinisst.stream.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tests for {@link MwerSegmenter}. */
class MwerSegmenterTest {

    private static List<String> words(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split(" "));
    }

    private static List<List<String>> refs(String... sentences) {
        return Arrays.stream(sentences).map(MwerSegmenterTest::words).toList();
    }

    @Test
    void shouldSplitExactOutputAtSentenceBoundaries() {
        assertThat(MwerSegmenter.resegment(words("the cat sat on the mat it was happy"),
                refs("the cat sat", "on the mat", "it was happy")))
                .containsExactly(words("the cat sat"), words("on the mat"), words("it was happy"));
    }

    @Test
    void shouldAbsorbDeletionsAndInsertionsInsideSentences() {
        // "sat" missing from sentence 1, "big" added to sentence 2: cost 2 with the split after "cat";
        // splitting after "on" instead would cost 3 (on/sat substitution, then "the big mat" vs "on the mat": 2).
        assertThat(MwerSegmenter.resegment(words("the cat on the big mat"), refs("the cat sat", "on the mat")))
                .containsExactly(words("the cat"), words("on the big mat"));
    }

    @Test
    void shouldAttachUnitInsertedBetweenSentencesToEarlierOne() {
        // "x" costs one insertion on either side; mwerSegmenter's marker column admits no vertical step, so the
        // extra unit is inserted at the end of sentence 1.
        assertThat(MwerSegmenter.resegment(words("a b x c d"), refs("a b", "c d")))
                .containsExactly(words("a b x"), words("c d"));
    }

    @Test
    void shouldLeaveMissingSentenceEmpty() {
        assertThat(MwerSegmenter.resegment(words("one two five six"), refs("one two", "three four", "five six")))
                .containsExactly(words("one two"), List.of(), words("five six"));
    }

    @Test
    void shouldCompareUnitsIgnoringAsciiCase() {
        assertThat(MwerSegmenter.resegment(words("The Cat Sat On"), refs("the cat sat", "on")))
                .containsExactly(words("The Cat Sat"), words("On"));
    }

    @Test
    void shouldGiveEmptySegmentsForEmptyHypothesis() {
        assertThat(MwerSegmenter.segmentEnds(List.of(), refs("a", "b"))).containsExactly(0, 0);
        assertThatThrownBy(() -> MwerSegmenter.segmentEnds(words("a"), List.of()))
                .hasMessage("references: at least one reference sentence is needed");
    }

    @Test
    void shouldMinimiseSummedEditDistanceOverAllSegmentations() {
        // Brute force over every segmentation of small random cases. The objective is the summed Levenshtein
        // distance plus mwerSegmenter's row-0 charge of one per boundary crossed before the first hypothesis
        // unit (i.e. per leading empty segment).
        Random random = new Random(7);
        String[] alphabet = {"a", "b", "c", "d"};
        for (int trial = 0; trial < 400; trial++) {
            int sentences = 1 + random.nextInt(4);
            List<List<String>> references = new ArrayList<>();
            for (int s = 0; s < sentences; s++) {
                references.add(randomWords(random, alphabet, random.nextInt(4)));
            }
            List<String> hyp = randomWords(random, alphabet, random.nextInt(8));
            int[] ends = MwerSegmenter.segmentEnds(hyp, references);
            assertThat(ends[sentences - 1]).isEqualTo(hyp.size());
            int chosen = objective(hyp, references, ends);
            int best = bestObjective(hyp, references, new int[sentences], 0, 0);
            assertThat(chosen).as("trial %d: hyp %s refs %s ends %s", trial, hyp, references, Arrays.toString(ends))
                    .isEqualTo(best);
        }
    }

    private static List<String> randomWords(Random random, String[] alphabet, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(alphabet[random.nextInt(alphabet.length)]);
        }
        return out;
    }

    private static int bestObjective(List<String> hyp, List<List<String>> refs, int[] ends, int s, int from) {
        if (s == refs.size() - 1) {
            ends[s] = hyp.size();
            return objective(hyp, refs, ends);
        }
        int best = Integer.MAX_VALUE;
        for (int end = from; end <= hyp.size(); end++) {
            ends[s] = end;
            best = Math.min(best, bestObjective(hyp, refs, ends, s + 1, end));
        }
        return best;
    }

    private static int objective(List<String> hyp, List<List<String>> refs, int[] ends) {
        int total = 0;
        int start = 0;
        boolean leading = !hyp.isEmpty();
        for (int s = 0; s < refs.size(); s++) {
            List<String> segment = hyp.subList(start, ends[s]);
            total += levenshtein(segment, refs.get(s));
            if (leading && segment.isEmpty() && s < refs.size() - 1) {
                total += 1;
            } else {
                leading = false;
            }
            start = ends[s];
        }
        return total;
    }

    private static int levenshtein(List<String> a, List<String> b) {
        int[][] d = new int[a.size() + 1][b.size() + 1];
        for (int i = 0; i <= a.size(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.size(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                int sub = d[i - 1][j - 1] + (a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1);
                d[i][j] = Math.min(sub, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
            }
        }
        return d[a.size()][b.size()];
    }
}
