package io.infinisst.stream.eval.metrics;

import java.util.regex.Pattern;

/**
 * sacreBLEU's {@code TokenizerRegexp} ({@code sacrebleu/tokenizers/tokenizer_re.py}): the mteval-v13a punctuation
 * rules shared by the {@code 13a} and {@code zh} tokenizers, applied in the same order with the same replacements.
 */
final class RegexpTokenizer {

    /**
     * Python's {@code [\{-\~\[-\` -\&\(-\+\:-\@\/]} written as explicit code ranges, because in a Java character
     * class {@code [} opens a nested class and {@code &&} intersects: {@code {|}~}, {@code [\]^_`}, space to
     * {@code &}, {@code ()*+}, {@code :;<=>?@} and {@code /}. The apostrophe, {@code ,}, {@code -} and {@code .}
     * are deliberately absent.
     */
    private static final Pattern SYMBOL = Pattern.compile("([\\x7B-\\x7E\\x5B-\\x60\\x20-\\x26\\x28-\\x2B\\x3A-\\x40\\x2F])");
    private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([\\.,])");
    private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([\\.,])([^0-9])");
    private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

    private RegexpTokenizer() {
    }

    static String tokenize(String line) {
        line = SYMBOL.matcher(line).replaceAll(" $1 ");
        line = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(line).replaceAll("$1 $2 ");
        line = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(line).replaceAll(" $1 $2");
        line = DASH_AFTER_DIGIT.matcher(line).replaceAll("$1 $2 ");
        return PythonText.normalizeSpaces(line);
    }
}
