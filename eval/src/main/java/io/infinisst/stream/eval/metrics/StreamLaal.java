package io.infinisst.stream.eval.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * StreamLAAL (Papi et al. 2024, "StreamAtt", the IWSLT simultaneous track's metric for unsegmented streams):
 * the output of a whole session is resegmented against its reference sentences with {@link MwerSegmenter},
 * each segment's delays are taken relative to its sentence's start in the source, and LAAL is computed per
 * sentence with that sentence's audio duration as |X| and its reference length as |Y*|. Sentences whose segment
 * is empty are skipped, as FBK's {@code stream_laal.py} skips them; the corpus value is the mean over all
 * scored sentences of all streams.
 */
public final class StreamLaal {

    private StreamLaal() {
    }

    /**
     * One reference sentence of a stream.
     *
     * @param text the reference translation
     * @param startMs where the sentence's speech starts in the stream's source audio
     * @param durationMs how long its speech lasts
     */
    public record ReferenceSentence(String text, double startMs, double durationMs) {
        public ReferenceSentence {
            Objects.requireNonNull(text, "text");
            if (!(durationMs > 0)) {
                throw new IllegalArgumentException("durationMs: must be positive, got " + durationMs);
            }
        }
    }

    /**
     * One sentence after resegmentation.
     *
     * @param hypothesis the segment's text (units joined as {@link LatencyUnit#join(List)} does), for BLEU
     * @param units its units with delays relative to the sentence start
     * @param laal its LAAL in ms, NaN when the segment is empty
     * @param laalCa its computation-aware LAAL in ms, NaN when empty or not measured
     */
    public record Sentence(String hypothesis, TimedUnits units, double laal, double laalCa) {
    }

    /**
     * @param sentences one per reference sentence, in order
     * @param streamLaal mean LAAL over scored sentences (ms); NaN when none was scored
     * @param streamLaalCa mean computation-aware LAAL (ms); NaN when not measured
     * @param scored sentences with a non-empty segment
     * @param skipped sentences whose segment was empty
     */
    public record Result(List<Sentence> sentences, double streamLaal, double streamLaalCa, int scored, int skipped) {
        public Result {
            sentences = List.copyOf(sentences);
        }

        /** The resegmented hypotheses, parallel to the references: the input for BLEU on a stream. */
        public List<String> hypotheses() {
            return sentences.stream().map(Sentence::hypothesis).toList();
        }
    }

    /**
     * Resegments one stream's output and scores it.
     *
     * @param hypothesis every unit the stream emitted, with delays in ms from the start of the stream's source
     * @param references the stream's reference sentences, in order
     * @param unit words, or characters for Chinese; used for both alignment and lengths
     */
    public static Result score(TimedUnits hypothesis, List<ReferenceSentence> references, LatencyUnit unit) {
        Objects.requireNonNull(hypothesis, "hypothesis");
        Objects.requireNonNull(unit, "unit");
        if (references.isEmpty()) {
            throw new IllegalArgumentException("references: a stream needs at least one reference sentence");
        }
        List<List<String>> refUnits = references.stream().map(r -> unit.units(r.text())).toList();
        int[] ends = MwerSegmenter.segmentEnds(hypothesis.units(), refUnits);

        List<Sentence> sentences = new ArrayList<>(references.size());
        double sum = 0;
        double sumCa = 0;
        int scored = 0;
        int scoredCa = 0;
        int start = 0;
        for (int s = 0; s < references.size(); s++) {
            ReferenceSentence ref = references.get(s);
            TimedUnits segment = hypothesis.slice(start, ends[s]).shifted(ref.startMs());
            start = ends[s];
            double laal = Double.NaN;
            double laalCa = Double.NaN;
            if (segment.size() > 0) {
                int refLength = unit.referenceLength(ref.text());
                laal = Latency.lengthAdaptiveAverageLagging(segment.delays(), ref.durationMs(), refLength);
                sum += laal;
                scored++;
                if (segment.hasElapsed()) {
                    laalCa = Latency.lengthAdaptiveAverageLagging(segment.elapsed(), ref.durationMs(), refLength);
                    sumCa += laalCa;
                    scoredCa++;
                }
            }
            sentences.add(new Sentence(unit.join(segment.units()), segment, laal, laalCa));
        }
        return new Result(sentences, mean(sum, scored), mean(sumCa, scoredCa), scored,
                references.size() - scored);
    }

    /**
     * The corpus StreamLAAL of several streams: the mean over every scored sentence of every stream (not the
     * mean of the streams' means), as {@code stream_laal.py} averages.
     */
    public static Result corpus(List<Result> streams) {
        List<Sentence> all = new ArrayList<>();
        double sum = 0;
        double sumCa = 0;
        int scored = 0;
        int scoredCa = 0;
        for (Result r : streams) {
            for (Sentence s : r.sentences()) {
                all.add(s);
                if (!Double.isNaN(s.laal())) {
                    sum += s.laal();
                    scored++;
                }
                if (!Double.isNaN(s.laalCa())) {
                    sumCa += s.laalCa();
                    scoredCa++;
                }
            }
        }
        return new Result(all, mean(sum, scored), mean(sumCa, scoredCa), scored, all.size() - scored);
    }

    private static double mean(double sum, int n) {
        return n == 0 ? Double.NaN : sum / n;
    }
}
