package io.infinisst.stream.eval.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * What one latency "token" is: a word for languages written with spaces, a character for Chinese and Japanese
 * (SimulEval's {@code --eval-latency-unit word|char}).
 */
public enum LatencyUnit {
    WORD,
    CHAR;

    /**
     * The units of hypothesis text: SimulEval's {@code content.strip().split()} for words; for characters every
     * code point that is not whitespace (SimulEval drops spaces before {@code list(...)}).
     */
    public List<String> units(String text) {
        if (this == WORD) {
            return PythonText.split(text);
        }
        List<String> out = new ArrayList<>();
        text.codePoints().filter(cp -> !PythonText.isSpace(cp)).forEach(cp -> out.add(Character.toString(cp)));
        return out;
    }

    /** Joins units back into text: with spaces for words, directly for characters (as SimulEval's prediction). */
    public String join(List<String> units) {
        return String.join(this == WORD ? " " : "", units);
    }

    /**
     * The reference length |Y*| SimulEval uses for AL and LAAL ({@code Instance.reference_length}):
     * {@code len(reference.split(" "))} for words (a single-space split, so a doubled space counts an empty
     * word, as in SimulEval) and {@code len(reference.strip())} for characters (inner spaces count).
     */
    public int referenceLength(String reference) {
        if (this == WORD) {
            int count = 1;
            for (int i = 0; i < reference.length(); i++) {
                if (reference.charAt(i) == ' ') {
                    count++;
                }
            }
            return count;
        }
        String stripped = PythonText.strip(reference);
        return stripped.codePointCount(0, stripped.length());
    }

    /** Characters for Chinese and Japanese targets, words otherwise; accepts codes, names or pairs. */
    public static LatencyUnit forTargetLanguage(String language) {
        return BleuTokenizer.Languages.isChinese(language) || BleuTokenizer.Languages.isJapanese(language)
                ? CHAR : WORD;
    }
}
