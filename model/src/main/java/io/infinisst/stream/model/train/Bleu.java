package io.infinisst.stream.model.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus BLEU-4 (Papineni et al.: clipped n-gram precisions, geometric mean, brevity penalty over the corpus,
 * no smoothing) for the training's dev check. The model module cannot depend on {@code eval}, whose
 * sacreBLEU-compatible scorer is what the project reports; this one exists so training can pick its best
 * epoch, and its tokenization is deliberately simple: {@link Tokenization#CHARS} takes every non-space
 * character as a token (sacreBLEU's {@code zh} splits Chinese characters the same way), {@link Tokenization#WORDS}
 * splits at spaces and around punctuation (close to {@code 13a} on this corpus's Italian).
 */
public final class Bleu {
    /** How text becomes tokens. */
    public enum Tokenization { CHARS, WORDS }

    private Bleu() {}

    /** The tokenization a target language code calls for: characters for zh/ja, words otherwise. */
    public static Tokenization forLanguage(String code) {
        return code.equals("zh") || code.equals("ja") ? Tokenization.CHARS : Tokenization.WORDS;
    }

    /** BLEU in [0, 100] of {@code hypotheses} against one reference each. */
    public static double corpus(List<String> hypotheses, List<String> references, Tokenization tok) {
        if (hypotheses.size() != references.size()) {
            throw new IllegalArgumentException(hypotheses.size() + " hypotheses for " + references.size() + " references");
        }
        long[] match = new long[4];
        long[] total = new long[4];
        long hypLen = 0;
        long refLen = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            List<String> h = tokens(hypotheses.get(i), tok);
            List<String> r = tokens(references.get(i), tok);
            hypLen += h.size();
            refLen += r.size();
            for (int n = 1; n <= 4; n++) {
                Map<String, Integer> ref = ngrams(r, n);
                for (Map.Entry<String, Integer> e : ngrams(h, n).entrySet()) {
                    match[n - 1] += Math.min(e.getValue(), ref.getOrDefault(e.getKey(), 0));
                    total[n - 1] += e.getValue();
                }
            }
        }
        double logSum = 0;
        for (int n = 0; n < 4; n++) {
            if (match[n] == 0) {
                return 0;
            }
            logSum += Math.log(match[n] / (double) total[n]);
        }
        double bp = hypLen >= refLen ? 1 : Math.exp(1 - refLen / (double) Math.max(hypLen, 1));
        return 100 * bp * Math.exp(logSum / 4);
    }

    static List<String> tokens(String text, Tokenization tok) {
        List<String> out = new ArrayList<>();
        if (tok == Tokenization.CHARS) {
            text.codePoints().filter(cp -> !Character.isWhitespace(cp)).forEach(cp -> out.add(new String(Character.toChars(cp))));
            return out;
        }
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isWhitespace(ch)) {
                flush(word, out);
            } else if (Character.isLetterOrDigit(ch) || ch == '\'' || ch == '\u2019') {
                word.append(ch);
            } else {
                flush(word, out);
                out.add(String.valueOf(ch));
            }
        }
        flush(word, out);
        return out;
    }

    private static void flush(StringBuilder word, List<String> out) {
        if (word.length() > 0) {
            out.add(word.toString());
            word.setLength(0);
        }
    }

    private static Map<String, Integer> ngrams(List<String> t, int n) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i + n <= t.size(); i++) {
            m.merge(String.join("\u0001", t.subList(i, i + n)), 1, Integer::sum);
        }
        return m;
    }
}
