package io.infinisst.stream.eval.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits an unsegmented hypothesis stream into one segment per reference sentence so that the summed edit
 * distance to the references is minimal: the AS-WER segmentation of Matusov et al. (2005, "Evaluating machine
 * translation output with automatic sentence segmentation"), as RWTH's mwerSegmenter computes it
 * ({@code Evaluator_unsegmentedWER::computeSpecialWER}; also in mjpost/mweralign) with one reference per
 * sentence, unit costs and no tokenizer.
 *
 * <p>The algorithm: a Levenshtein alignment of the hypothesis units (rows j = 0..J) against the references
 * concatenated with a boundary marker after each sentence (columns i = 0..I). Word columns take the cheapest of
 * deletion (from the left), insertion (from above) and substitution/match (diagonal, cost 0 when the units are
 * equal ignoring ASCII case), ties resolved as mwerSegmenter resolves them: deletion before insertion before
 * substitution. A marker column costs nothing: it copies the cell to its left, so a segment boundary can only
 * be crossed horizontally; every cell carries a back-pointer to the row at which its path last crossed a marker.
 * When row j reaches sentence s's marker, the back-pointer there is the start of segment s if segment s ends
 * after hypothesis unit j. Backtracing from (J, last marker) yields all boundaries. Two properties follow from
 * the source and are kept: row 0 counts every column, markers included, as one deletion; and a hypothesis unit
 * inserted between two sentences attaches to the earlier one (the marker column admits no vertical step).
 *
 * <p>Time O(J·I), memory O(I + J·S) for S sentences.
 */
public final class MwerSegmenter {

    private static final int MARKER = -1;

    private MwerSegmenter() {
    }

    /**
     * The exclusive end index in {@code hypothesis} of each reference sentence's segment: segment s is
     * {@code [ends[s-1], ends[s])} with {@code ends[-1] = 0}, and {@code ends[S-1] = hypothesis.size()}.
     * Segments may be empty.
     */
    public static int[] segmentEnds(List<String> hypothesis, List<List<String>> references) {
        int sentences = references.size();
        if (sentences == 0) {
            throw new IllegalArgumentException("references: at least one reference sentence is needed");
        }
        int rows = hypothesis.size();
        int[] ends = new int[sentences];
        if (rows == 0) {
            return ends;
        }
        Map<String, Integer> vocabulary = new HashMap<>();
        int[] hyp = new int[rows];
        for (int j = 0; j < rows; j++) {
            hyp[j] = id(vocabulary, hypothesis.get(j));
        }
        List<Integer> columnList = new ArrayList<>();
        for (List<String> sentence : references) {
            for (String unit : sentence) {
                columnList.add(id(vocabulary, unit));
            }
            columnList.add(MARKER);
        }
        int columns = columnList.size();
        int[] ref = columnList.stream().mapToInt(Integer::intValue).toArray();

        int[] prevCost = new int[columns + 1];
        int[] prevBp = new int[columns + 1];
        int[] cost = new int[columns + 1];
        int[] bp = new int[columns + 1];
        for (int i = 0; i <= columns; i++) {
            prevCost[i] = i;
        }
        // segmentStart[j][s]: where segment s starts on the best path that ends segment s after unit j.
        int[][] segmentStart = new int[rows + 1][sentences];
        for (int j = 1; j <= rows; j++) {
            cost[0] = j;
            bp[0] = 0;
            int s = 0;
            for (int i = 1; i <= columns; i++) {
                if (ref[i - 1] == MARKER) {
                    cost[i] = cost[i - 1];
                    segmentStart[j][s++] = bp[i - 1];
                    bp[i] = j;
                    continue;
                }
                int del = cost[i - 1] + 1;
                int ins = prevCost[i] + 1;
                int sub = prevCost[i - 1] + (ref[i - 1] == hyp[j - 1] ? 0 : 1);
                if (sub < del) {
                    if (sub < ins) {
                        cost[i] = sub;
                        bp[i] = prevBp[i - 1];
                    } else {
                        cost[i] = ins;
                        bp[i] = prevBp[i];
                    }
                } else if (del <= ins) {
                    cost[i] = del;
                    bp[i] = bp[i - 1];
                } else {
                    cost[i] = ins;
                    bp[i] = prevBp[i];
                }
            }
            int[] t = prevCost;
            prevCost = cost;
            cost = t;
            t = prevBp;
            prevBp = bp;
            bp = t;
        }
        int end = rows;
        for (int s = sentences - 1; s >= 0; s--) {
            ends[s] = end;
            end = segmentStart[end][s];
        }
        return ends;
    }

    /** The hypothesis units split into one (possibly empty) list per reference sentence. */
    public static List<List<String>> resegment(List<String> hypothesis, List<List<String>> references) {
        int[] ends = segmentEnds(hypothesis, references);
        List<List<String>> out = new ArrayList<>(ends.length);
        int start = 0;
        for (int end : ends) {
            out.add(List.copyOf(hypothesis.subList(start, end)));
            start = end;
        }
        return out;
    }

    /** mwerSegmenter compares words case-insensitively ({@code makelowerstring}: ASCII letters only). */
    private static int id(Map<String, Integer> vocabulary, String unit) {
        StringBuilder lower = new StringBuilder(unit.length());
        for (int k = 0; k < unit.length(); k++) {
            char c = unit.charAt(k);
            lower.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return vocabulary.computeIfAbsent(lower.toString(), w -> vocabulary.size());
    }
}
