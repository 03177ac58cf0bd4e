package io.infinisst.stream.eval.metrics;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A BLEU result with the sufficient statistics sacreBLEU reports beside it.
 *
 * @param score BLEU on sacreBLEU's 0..100 scale
 * @param counts matching n-grams for n = 1..max order (before any add-k smoothing)
 * @param totals hypothesis n-grams for n = 1..max order (before any add-k smoothing)
 * @param precisions the (smoothed) n-gram precisions, in percent
 * @param bp brevity penalty
 * @param sysLen hypothesis tokens
 * @param refLen closest-reference tokens
 * @param signature sacreBLEU-style reproducibility signature, e.g. {@code nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.x}
 */
public record BleuScore(double score, List<Long> counts, List<Long> totals, List<Double> precisions, double bp,
                        long sysLen, long refLen, String signature) {

    public BleuScore {
        counts = List.copyOf(counts);
        totals = List.copyOf(totals);
        precisions = List.copyOf(precisions);
    }

    /** {@code sys_len / ref_len}, 0 when there is no reference text. */
    public double ratio() {
        return refLen == 0 ? 0 : (double) sysLen / refLen;
    }

    /**
     * sacreBLEU's one-line report, e.g.
     * {@code BLEU|nrefs:1|...|version:2.x = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)}.
     */
    public String format() {
        String prec = precisions.stream().map(p -> String.format(Locale.ROOT, "%.1f", p))
                .collect(Collectors.joining("/"));
        return String.format(Locale.ROOT, "BLEU|%s = %.2f %s (BP = %.3f ratio = %.3f hyp_len = %d ref_len = %d)",
                signature, score, prec, bp, ratio(), sysLen, refLen);
    }
}
