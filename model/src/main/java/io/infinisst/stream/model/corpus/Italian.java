package io.infinisst.stream.model.corpus;

import java.util.Locale;
import java.util.Map;

/**
 * Italian numbers in words and the article system: the definite and indefinite article chosen by
 * gender, number and the next word's first sounds (il/lo/l'/la, i/gli/le, un/uno/una/un'), and the
 * articulated prepositions (a + il = al, di + lo = dello, in + l' = nell', su + le = sulle).
 */
public final class Italian {
    private static final String[] UNITS = {"zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto",
        "nove", "dieci", "undici", "dodici", "tredici", "quattordici", "quindici", "sedici", "diciassette", "diciotto",
        "diciannove"};
    private static final String[] TENS = {"", "", "venti", "trenta", "quaranta", "cinquanta", "sessanta", "settanta",
        "ottanta", "novanta"};
    /** How each preposition joins an article: the stem before the article's tail (de + l = del, ne + gli = negli). */
    private static final Map<String, String> PREPOSITION_STEMS = Map.of("a", "a", "di", "de", "in", "ne", "da", "da",
            "su", "su");
    /** The tail an article leaves on a preposition (a + lo = allo, a + l' = all', a + le = alle). */
    private static final Map<String, String> ARTICLE_TAILS = Map.of("il", "l", "lo", "llo", "l'", "ll'", "la", "lla",
            "i", "i", "gli", "gli", "le", "lle");

    private Italian() {}

    /**
     * A cardinal 0–9999 in one word: ventuno and ventotto drop the tens' vowel, a final tre takes its
     * accent in compounds (ventitré, centotré), cento + ottanta is centottanta, mille/duemila.
     */
    public static String number(int n) {
        English.checkRange(n, 0, 9999);
        if (n < 20) {
            return UNITS[n];
        }
        int thousands = n / 1000;
        int rest = n % 1000;
        String words = (thousands == 0 ? "" : thousands == 1 ? "mille" : UNITS[thousands] + "mila")
                + (rest == 0 ? "" : belowThousand(rest));
        return words.endsWith("tre") ? words.substring(0, words.length() - 1) + "é" : words;
    }

    /** The definite article for a word ("il ", "lo ", "l'", "la ", "i ", "gli ", "le "), with its trailing space or apostrophe. */
    public static String definite(String word, Gender gender, boolean plural) {
        return join(definiteBare(word, gender, plural));
    }

    /** The indefinite article ("un ", "uno ", "una ", "un'") for a singular word. */
    public static String indefinite(String word, Gender gender) {
        if (gender == Gender.F) {
            return startsWithVowel(word) ? "un'" : "una ";
        }
        return needsLo(word) ? "uno " : "un ";
    }

    /**
     * A preposition fused with the definite article a word takes: {@code articulated("a", "ospedale", M, false)}
     * is "all'", {@code ("di", "studenti", M, true)} is "degli ".
     */
    public static String articulated(String preposition, String word, Gender gender, boolean plural) {
        String stem = PREPOSITION_STEMS.get(preposition);
        if (stem == null) {
            throw new IllegalArgumentException("no articulated forms for preposition '" + preposition + "'");
        }
        return join(stem + ARTICLE_TAILS.get(definiteBare(word, gender, plural)));
    }

    /** Whether a word takes l'/un' (it starts with a vowel, or a silent h as in "hotel"). */
    public static boolean startsWithVowel(String word) {
        return !word.isEmpty() && "aeiouhàèéìòù".indexOf(Character.toLowerCase(word.charAt(0))) >= 0;
    }

    /** Whether a masculine word takes lo/uno/gli: s + consonant, z, gn, ps, pn, x, y. */
    static boolean needsLo(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.length() >= 2 && w.charAt(0) == 's' && "aeiou".indexOf(w.charAt(1)) < 0) {
            return true;
        }
        return w.startsWith("z") || w.startsWith("gn") || w.startsWith("ps") || w.startsWith("pn")
                || w.startsWith("x") || w.startsWith("y");
    }

    private static String definiteBare(String word, Gender gender, boolean plural) {
        boolean vowel = startsWithVowel(word);
        if (gender == Gender.F) {
            return plural ? "le" : vowel ? "l'" : "la";
        }
        if (plural) {
            return vowel || needsLo(word) ? "gli" : "i";
        }
        return vowel ? "l'" : needsLo(word) ? "lo" : "il";
    }

    private static String join(String article) {
        return article.endsWith("'") ? article : article + " ";
    }

    private static String belowThousand(int n) {
        int hundreds = n / 100;
        int rest = n % 100;
        String prefix = hundreds == 0 ? "" : hundreds == 1 ? "cento" : UNITS[hundreds] + "cento";
        if (rest == 0) {
            return prefix;
        }
        String tail = belowHundred(rest);
        if (hundreds > 0 && rest / 10 == 8) {
            return prefix.substring(0, prefix.length() - 1) + tail; // centottanta, not centoottanta
        }
        return prefix + tail;
    }

    private static String belowHundred(int n) {
        if (n < 20) {
            return UNITS[n];
        }
        String tens = TENS[n / 10];
        int units = n % 10;
        if (units == 0) {
            return tens;
        }
        if (units == 1 || units == 8) {
            return tens.substring(0, tens.length() - 1) + UNITS[units]; // ventuno, ventotto
        }
        return tens + UNITS[units];
    }
}
