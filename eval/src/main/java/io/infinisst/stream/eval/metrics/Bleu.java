package io.infinisst.stream.eval.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * BLEU exactly as sacreBLEU 2.x computes it ({@code sacrebleu/metrics/bleu.py}): each segment is lower-cased
 * (optionally), right-stripped and tokenized; clipped n-gram matches against the per-n-gram maximum over the
 * segment's references; the closest reference length (shorter wins a tie) for the brevity penalty; statistics
 * summed over the corpus; then precisions, smoothing and the geometric mean.
 *
 * <p>{@link #corpus(BleuTokenizer)} gives sacreBLEU's defaults (exp smoothing, no effective order);
 * {@link #sentence(BleuTokenizer)} gives {@code sentence_bleu}'s (exp smoothing with effective order).
 * Instances are immutable and thread-safe.
 */
public final class Bleu {

    /** sacreBLEU's default maximum n-gram order. */
    public static final int MAX_NGRAM_ORDER = 4;

    /**
     * The sacreBLEU release line whose algorithm this reproduces; it stands in the signature's {@code version}
     * field so a reader can tell these scores from ones produced by the Python package itself.
     */
    public static final String SACREBLEU_VERSION = "2.x";

    /** sacreBLEU's smoothing methods (Chen and Cherry 2014), with their default values. */
    public enum Smoothing {
        /** No smoothing: a zero precision makes BLEU zero. */
        NONE("none", null),
        /** Method 1: a zero match count becomes {@code value} (default 0.1). */
        FLOOR("floor", 0.1),
        /** Method 2: add {@code value} (default 1) to matches and totals for n > 1. */
        ADD_K("add-k", 1.0),
        /** Method 3 (NIST, mteval-v13a): the k-th zero precision becomes 1 / (2^k * total). The default. */
        EXP("exp", null);

        private final String signature;
        private final Double defaultValue;

        Smoothing(String signature, Double defaultValue) {
            this.signature = signature;
            this.defaultValue = defaultValue;
        }

        public String signature() {
            return signature;
        }

        /** The value used when none is given; null for methods that take none. */
        public Double defaultValue() {
            return defaultValue;
        }

        /** The method with this sacreBLEU name ({@code none}, {@code floor}, {@code add-k}, {@code exp}). */
        public static Smoothing of(String name) {
            for (Smoothing s : values()) {
                if (s.signature.equals(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("smooth_method: unknown smoothing '" + name
                    + "' (supported: none, floor, add-k, exp)");
        }
    }

    private final BleuTokenizer tokenizer;
    private final boolean lowercase;
    private final Smoothing smoothing;
    private final Double smoothValue;
    private final int maxNgramOrder;
    private final boolean effectiveOrder;

    /**
     * @param tokenizer how segments are tokenized
     * @param lowercase lower-case hypotheses and references first ({@code case:lc})
     * @param smoothing smoothing method
     * @param smoothValue value for {@code floor} and {@code add-k}; null for the method's default
     * @param maxNgramOrder highest n-gram order (sacreBLEU: 4)
     * @param effectiveOrder stop at the highest order with any hypothesis n-grams (for sentence-level BLEU)
     */
    public Bleu(BleuTokenizer tokenizer, boolean lowercase, Smoothing smoothing, Double smoothValue,
                int maxNgramOrder, boolean effectiveOrder) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.smoothing = Objects.requireNonNull(smoothing, "smoothing");
        if (maxNgramOrder < 1) {
            throw new IllegalArgumentException("max_ngram_order: must be at least 1, got " + maxNgramOrder);
        }
        if (smoothValue != null && (smoothValue.isNaN() || smoothValue < 0)) {
            throw new IllegalArgumentException("smooth_value: must be a non-negative number, got " + smoothValue);
        }
        this.lowercase = lowercase;
        this.smoothValue = smoothValue;
        this.maxNgramOrder = maxNgramOrder;
        this.effectiveOrder = effectiveOrder;
    }

    /** sacreBLEU's {@code corpus_bleu} defaults with the given tokenizer. */
    public static Bleu corpus(BleuTokenizer tokenizer) {
        return new Bleu(tokenizer, false, Smoothing.EXP, null, MAX_NGRAM_ORDER, false);
    }

    /** sacreBLEU's {@code sentence_bleu} defaults with the given tokenizer (exp smoothing, effective order). */
    public static Bleu sentence(BleuTokenizer tokenizer) {
        return new Bleu(tokenizer, false, Smoothing.EXP, null, MAX_NGRAM_ORDER, true);
    }

    /**
     * Corpus BLEU. References come as sacreBLEU takes them: a list of reference <em>streams</em>, each parallel
     * to the hypotheses. A null or empty entry means that segment has fewer references ({@code nrefs:var}).
     *
     * @throws IllegalArgumentException when a stream's length differs from the hypotheses' (sacreBLEU would
     *     silently truncate) or a segment has no reference at all
     */
    public BleuScore corpusScore(List<String> hypotheses, List<List<String>> referenceStreams) {
        Objects.requireNonNull(hypotheses, "hypotheses");
        Objects.requireNonNull(referenceStreams, "referenceStreams");
        if (hypotheses.isEmpty()) {
            throw new IllegalArgumentException("hypotheses: at least one segment is needed");
        }
        if (referenceStreams.isEmpty()) {
            throw new IllegalArgumentException("references: at least one reference stream is needed");
        }
        for (int r = 0; r < referenceStreams.size(); r++) {
            if (referenceStreams.get(r).size() != hypotheses.size()) {
                throw new IllegalArgumentException("references: stream " + r + " has "
                        + referenceStreams.get(r).size() + " segments but there are " + hypotheses.size()
                        + " hypotheses");
            }
        }
        long[] stats = new long[2 + 2 * maxNgramOrder];
        Set<Integer> refCounts = new HashSet<>();
        for (int seg = 0; seg < hypotheses.size(); seg++) {
            List<String> refs = new ArrayList<>();
            for (List<String> stream : referenceStreams) {
                String ref = stream.get(seg);
                if (ref != null && !ref.isEmpty()) {
                    refs.add(ref);
                }
            }
            if (refs.isEmpty()) {
                throw new IllegalArgumentException("references: segment " + seg + " has no reference");
            }
            refCounts.add(refs.size());
            String hyp = Objects.requireNonNull(hypotheses.get(seg), "hypothesis " + seg);
            long[] s = segmentStatistics(hyp, refs);
            for (int k = 0; k < stats.length; k++) {
                stats[k] += s[k];
            }
        }
        int numRefs = refCounts.size() == 1 ? refCounts.iterator().next() : -1;
        return fromStatistics(stats, numRefs);
    }

    /** Sentence BLEU of one hypothesis against one or more references. */
    public BleuScore sentenceScore(String hypothesis, List<String> references) {
        List<List<String>> streams = new ArrayList<>();
        for (String ref : references) {
            streams.add(List.of(ref));
        }
        return corpusScore(List.of(hypothesis), streams);
    }

    /** The signature sacreBLEU prints for this configuration; {@code numRefs} -1 means a variable number. */
    public String signature(int numRefs) {
        String smooth = smoothing.signature();
        if (smoothing.defaultValue() != null) {
            double v = smoothValue != null ? smoothValue : smoothing.defaultValue();
            smooth += String.format(Locale.ROOT, "[%.2f]", v);
        }
        return "nrefs:" + (numRefs < 0 ? "var" : Integer.toString(numRefs))
                + "|case:" + (lowercase ? "lc" : "mixed")
                + "|eff:" + (effectiveOrder ? "yes" : "no")
                + "|tok:" + tokenizer.signature()
                + "|smooth:" + smooth
                + "|version:" + SACREBLEU_VERSION;
    }

    /** The segment after sacreBLEU's {@code _preprocess_segment}: optional lower-casing, rstrip, tokenization. */
    public String preprocess(String segment) {
        String s = lowercase ? segment.toLowerCase(Locale.ROOT) : segment;
        return tokenizer.tokenize(PythonText.rstrip(s));
    }

    private long[] segmentStatistics(String hypothesis, List<String> references) {
        Map<String, Integer> refNgrams = new HashMap<>();
        List<Integer> refLens = new ArrayList<>();
        for (String ref : references) {
            List<String> tokens = PythonText.split(preprocess(ref));
            refLens.add(tokens.size());
            // Multiple references: each n-gram may be matched as often as the most generous reference allows.
            ngrams(tokens).forEach((ngram, count) -> refNgrams.merge(ngram, count, Math::max));
        }
        List<String> hypTokens = PythonText.split(preprocess(hypothesis));
        int hypLen = hypTokens.size();
        long[] stats = new long[2 + 2 * maxNgramOrder];
        stats[0] = hypLen;
        stats[1] = closestRefLen(hypLen, refLens);
        for (Map.Entry<String, Integer> e : ngrams(hypTokens).entrySet()) {
            int n = order(e.getKey()) - 1;
            stats[2 + maxNgramOrder + n] += e.getValue();
            Integer inRef = refNgrams.get(e.getKey());
            if (inRef != null) {
                stats[2 + n] += Math.min(e.getValue(), inRef);
            }
        }
        return stats;
    }

    private BleuScore fromStatistics(long[] stats, int numRefs) {
        long[] correct = new long[maxNgramOrder];
        long[] total = new long[maxNgramOrder];
        System.arraycopy(stats, 2, correct, 0, maxNgramOrder);
        System.arraycopy(stats, 2 + maxNgramOrder, total, 0, maxNgramOrder);
        return computeBleu(correct, total, stats[0], stats[1], smoothing, smoothValue, effectiveOrder,
                maxNgramOrder, signature(numRefs));
    }

    /**
     * BLEU from its sufficient statistics, sacreBLEU's {@code BLEU.compute_bleu}.
     *
     * @param signature carried into the result unchanged
     */
    public static BleuScore computeBleu(long[] correct, long[] total, long sysLen, long refLen, Smoothing smoothing,
                                        Double smoothValue, boolean effectiveOrder, int maxNgramOrder,
                                        String signature) {
        if (correct.length != maxNgramOrder || total.length != maxNgramOrder) {
            throw new IllegalArgumentException("statistics: expected " + maxNgramOrder + " orders, got "
                    + correct.length + " matches and " + total.length + " totals");
        }
        double value = smoothValue != null ? smoothValue
                : smoothing.defaultValue() != null ? smoothing.defaultValue() : 0.0;
        double bp;
        if (sysLen < refLen) {
            bp = sysLen > 0 ? Math.exp(1.0 - (double) refLen / sysLen) : 0.0;
        } else {
            bp = 1.0;
        }
        double[] precisions = new double[maxNgramOrder];
        List<Long> counts = toList(correct);
        List<Long> totals = toList(total);

        boolean anyMatch = false;
        for (long c : correct) {
            anyMatch |= c != 0;
        }
        if (!anyMatch) {
            // sacreBLEU #141: no matching n-gram of any order means 0, whatever the smoothing.
            return new BleuScore(0.0, counts, totals, toList(precisions), bp, sysLen, refLen, signature);
        }

        double smoothMteval = 1.0;
        int effOrder = maxNgramOrder;
        for (int n = 1; n <= maxNgramOrder; n++) {
            double c = correct[n - 1];
            double t = total[n - 1];
            if (smoothing == Smoothing.ADD_K && n > 1) {
                c += value;
                t += value;
            }
            if (t == 0) {
                break;
            }
            if (effectiveOrder) {
                effOrder = n;
            }
            if (c == 0) {
                if (smoothing == Smoothing.EXP) {
                    smoothMteval *= 2;
                    precisions[n - 1] = 100.0 / (smoothMteval * t);
                } else if (smoothing == Smoothing.FLOOR) {
                    precisions[n - 1] = 100.0 * value / t;
                }
            } else {
                precisions[n - 1] = 100.0 * c / t;
            }
        }
        double logSum = 0;
        for (int n = 0; n < effOrder; n++) {
            logSum += myLog(precisions[n]);
        }
        double score = bp * Math.exp(logSum / effOrder);
        return new BleuScore(score, counts, totals, toList(precisions), bp, sysLen, refLen, signature);
    }

    /** sacreBLEU's {@code my_log}: log, with a huge negative stand-in for log(0) so the mean collapses to 0. */
    private static double myLog(double x) {
        return x == 0.0 ? -9999999999.0 : Math.log(x);
    }

    private Map<String, Integer> ngrams(List<String> tokens) {
        // Tokens never contain whitespace (they come from split()), so a space-joined key is unambiguous.
        Map<String, Integer> out = new HashMap<>();
        for (int n = 1; n <= maxNgramOrder; n++) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                out.merge(String.join(" ", tokens.subList(i, i + n)), 1, Integer::sum);
            }
        }
        return out;
    }

    private static int order(String ngram) {
        int n = 1;
        for (int i = 0; i < ngram.length(); i++) {
            if (ngram.charAt(i) == ' ') {
                n++;
            }
        }
        return n;
    }

    private static int closestRefLen(int hypLen, List<Integer> refLens) {
        int closestDiff = -1;
        int closestLen = -1;
        for (int refLen : refLens) {
            int diff = Math.abs(hypLen - refLen);
            if (closestDiff == -1 || diff < closestDiff) {
                closestDiff = diff;
                closestLen = refLen;
            } else if (diff == closestDiff && refLen < closestLen) {
                closestLen = refLen;
            }
        }
        return closestLen;
    }

    private static List<Long> toList(long[] a) {
        List<Long> out = new ArrayList<>(a.length);
        for (long v : a) {
            out.add(v);
        }
        return out;
    }

    private static List<Double> toList(double[] a) {
        List<Double> out = new ArrayList<>(a.length);
        for (double v : a) {
            out.add(v);
        }
        return out;
    }

    public BleuTokenizer tokenizer() {
        return tokenizer;
    }

    public boolean lowercase() {
        return lowercase;
    }

    public Smoothing smoothing() {
        return smoothing;
    }

    public int maxNgramOrder() {
        return maxNgramOrder;
    }

    public boolean effectiveOrder() {
        return effectiveOrder;
    }
}
