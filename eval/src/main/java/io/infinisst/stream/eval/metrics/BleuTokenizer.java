package io.infinisst.stream.eval.metrics;

import java.util.Locale;

/**
 * The sacreBLEU 2.x tokenizers BLEU is computed with, each reproducing its Python source line by line
 * ({@code sacrebleu/tokenizers/tokenizer_*.py}); {@link #signature()} is the {@code tok:} field of the signature.
 */
public enum BleuTokenizer {

    /** {@code none}: the line as given; n-grams are then taken over whitespace-separated items. */
    NONE("none") {
        @Override
        public String tokenize(String line) {
            return line;
        }
    },

    /** {@code 13a} (sacreBLEU's default): mteval-v13a, the WMT standard for languages written with spaces. */
    THIRTEEN_A("13a") {
        @Override
        public String tokenize(String line) {
            line = line.replace("<skipped>", "");
            line = line.replace("-\n", "");
            line = line.replace("\n", " ");
            if (line.indexOf('&') >= 0) {
                line = line.replace("&quot;", "\"");
                line = line.replace("&amp;", "&");
                line = line.replace("&lt;", "<");
                line = line.replace("&gt;", ">");
            }
            return RegexpTokenizer.tokenize(" " + line + " ");
        }
    },

    /**
     * {@code zh}: every character in {@link #isChineseChar(int) sacreBLEU's CJK ranges} becomes a token of its
     * own, the rest goes through the 13a punctuation rules (but not 13a's entity unescaping or padding).
     */
    ZH("zh") {
        @Override
        public String tokenize(String line) {
            line = PythonText.strip(line);
            StringBuilder spaced = new StringBuilder(line.length() * 3);
            line.codePoints().forEach(cp -> {
                if (isChineseChar(cp)) {
                    spaced.append(' ').appendCodePoint(cp).append(' ');
                } else {
                    spaced.appendCodePoint(cp);
                }
            });
            return RegexpTokenizer.tokenize(spaced.toString());
        }
    },

    /** {@code char}: every character separated by a space (whitespace then drops out of the n-grams). */
    CHAR("char") {
        @Override
        public String tokenize(String line) {
            StringBuilder out = new StringBuilder(line.length() * 2);
            line.codePoints().forEach(cp -> {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.appendCodePoint(cp);
            });
            return out.toString();
        }
    };

    /**
     * {@code tokenizer_zh.py}'s {@code _UCODE_RANGES}, as Python evaluates them. Two entries there are written
     * {@code '\u20000'} and {@code '\u2f800'}, which Python reads as a BMP character followed by a digit, not as
     * the supplementary code points U+20000 and U+2F800 the comments name; comparing a one-character string
     * against such two-character bounds makes the effective ranges U+2001..U+2A6D (general punctuation, quotes,
     * dashes, ellipsis, letterlike symbols, arrows, maths...) and U+2F81..U+2FA1. Extension B ideographs are
     * therefore <em>not</em> split. We keep Python's behaviour because it is what every published zh score used.
     */
    private static final int[][] CJK_RANGES = {
        {0x3400, 0x4DB5}, // CJK Unified Ideographs Extension A
        {0x4E00, 0x9FA5}, // CJK Unified Ideographs
        {0x9FA6, 0x9FBB}, // CJK Unified Ideographs, release 4.1
        {0xF900, 0xFA2D}, // CJK Compatibility Ideographs
        {0xFA30, 0xFA6A}, // CJK Compatibility Ideographs, release 3.2
        {0xFA70, 0xFAD9}, // CJK Compatibility Ideographs, release 4.1
        {0x2001, 0x2A6D}, // written ('\u20000', '\u2a6d6'): see above
        {0x2F81, 0x2FA1}, // written ('\u2f800', '\u2fa1d'): see above
        {0xFF00, 0xFFEF}, // full-width ASCII and punctuation, half-width kana, Hangul
        {0x2E80, 0x2EFF}, // CJK Radicals Supplement
        {0x3000, 0x303F}, // CJK punctuation
        {0x31C0, 0x31EF}, // CJK strokes
        {0x2F00, 0x2FDF}, // Kangxi radicals
        {0x2FF0, 0x2FFF}, // ideographic description characters
        {0x3100, 0x312F}, // Bopomofo
        {0x31A0, 0x31BF}, // Bopomofo extended
        {0xFE10, 0xFE1F},
        {0xFE30, 0xFE4F},
        {0x2600, 0x26FF},
        {0x2700, 0x27BF},
        {0x3200, 0x32FF},
        {0x3300, 0x33FF},
    };

    private final String signature;

    BleuTokenizer(String signature) {
        this.signature = signature;
    }

    /** Tokenizes one segment the way sacreBLEU's tokenizer of this name does. */
    public abstract String tokenize(String line);

    /** The name sacreBLEU uses on its command line and in the signature ({@code 13a}, {@code zh}...). */
    public String signature() {
        return signature;
    }

    /** Whether sacreBLEU's {@code zh} tokenizer treats this code point as a Chinese character. */
    public static boolean isChineseChar(int codePoint) {
        for (int[] range : CJK_RANGES) {
            if (codePoint >= range[0] && codePoint <= range[1]) {
                return true;
            }
        }
        return false;
    }

    /** The tokenizer with this sacreBLEU name ({@code none}, {@code 13a}, {@code zh}, {@code char}). */
    public static BleuTokenizer of(String name) {
        for (BleuTokenizer t : values()) {
            if (t.signature.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("tokenize: unknown BLEU tokenizer '" + name
                + "' (supported: none, 13a, zh, char)");
    }

    /**
     * sacreBLEU's choice for a target language: {@code zh} for Chinese, {@code 13a} otherwise. Accepts a code
     * ({@code zh}, {@code zh-CN}), an English name ({@code Chinese}) or a pair ({@code English -> Chinese}).
     */
    public static BleuTokenizer forTargetLanguage(String language) {
        return Languages.isChinese(language) ? ZH : THIRTEEN_A;
    }

    /** Language names as they appear in this project's language pairs. */
    static final class Languages {
        private Languages() {
        }

        static String target(String language) {
            String s = language == null ? "" : language;
            int arrow = s.lastIndexOf("->");
            return (arrow >= 0 ? s.substring(arrow + 2) : s).trim().toLowerCase(Locale.ROOT);
        }

        static boolean isChinese(String language) {
            String t = target(language);
            return t.equals("zh") || t.startsWith("zh-") || t.startsWith("zh_") || t.startsWith("chinese")
                    || t.equals("mandarin");
        }

        static boolean isJapanese(String language) {
            String t = target(language);
            return t.equals("ja") || t.startsWith("ja-") || t.startsWith("japanese");
        }
    }
}
