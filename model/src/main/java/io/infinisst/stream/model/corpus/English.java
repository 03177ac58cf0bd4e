package io.infinisst.stream.model.corpus;

import java.util.Locale;

/**
 * English as a speaker says it: numbers in words (so the synthesizer and the model's source text agree),
 * ordinals, the indefinite article and regular plurals.
 */
public final class English {
    private static final String[] ONES = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
        "ninety"};
    private static final String[] ORDINALS = {"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
        "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
        "seventeenth", "eighteenth", "nineteenth", "twentieth"};
    private static final String[] TENS_ORDINALS = {"", "", "twentieth", "thirtieth"};

    private English() {}

    /**
     * A cardinal 0–9999 in words, British style with "and" before the last part
     * (2305: "two thousand three hundred and five"); no hyphens ("twenty five"), as a synthesizer reads it.
     */
    public static String number(int n) {
        checkRange(n, 0, 9999);
        if (n == 0) {
            return "zero";
        }
        StringBuilder out = new StringBuilder();
        int thousands = n / 1000;
        int hundreds = n / 100 % 10;
        int rest = n % 100;
        if (thousands > 0) {
            out.append(ONES[thousands]).append(" thousand");
        }
        if (hundreds > 0) {
            append(out, ONES[hundreds] + " hundred");
        }
        if (rest > 0) {
            if (out.length() > 0) {
                out.append(" and");
            }
            append(out, belowHundred(rest));
        }
        return out.toString();
    }

    /** An ordinal 1–31 in words ("fifth", "twenty first"), as in dates and floors. */
    public static String ordinal(int n) {
        checkRange(n, 1, 31);
        if (n <= 20) {
            return ORDINALS[n];
        }
        int units = n % 10;
        return units == 0 ? TENS_ORDINALS[n / 10] : TENS[n / 10] + " " + ORDINALS[units];
    }

    /** The noun phrase with "a" or "an" by its first sound ("an hour", "a university", "a one way ticket"). */
    public static String withIndefinite(String phrase) {
        String lower = phrase.toLowerCase(Locale.ROOT);
        boolean an;
        if (lower.startsWith("uni") || lower.startsWith("eu") || lower.startsWith("one") || lower.startsWith("use")
                || lower.startsWith("usu")) {
            an = false; // spelled with a vowel, said with a consonant ("a university", "a euro")
        } else if (lower.startsWith("hour") || lower.startsWith("honest") || lower.startsWith("honour")) {
            an = true; // silent h
        } else {
            an = "aeiou".indexOf(lower.charAt(0)) >= 0;
        }
        return (an ? "an " : "a ") + phrase;
    }

    /** The regular plural of a noun phrase's last word (bus → buses, city → cities, map → maps). */
    public static String plural(String noun) {
        if (noun.endsWith("s") || noun.endsWith("x") || noun.endsWith("ch") || noun.endsWith("sh")) {
            return noun + "es";
        }
        if (noun.endsWith("y") && noun.length() > 1 && "aeiou".indexOf(noun.charAt(noun.length() - 2)) < 0) {
            return noun.substring(0, noun.length() - 1) + "ies";
        }
        return noun + "s";
    }

    private static String belowHundred(int n) {
        if (n < 20) {
            return ONES[n];
        }
        return n % 10 == 0 ? TENS[n / 10] : TENS[n / 10] + " " + ONES[n % 10];
    }

    private static void append(StringBuilder out, String words) {
        if (out.length() > 0) {
            out.append(' ');
        }
        out.append(words);
    }

    static void checkRange(int n, int low, int high) {
        if (n < low || n > high) {
            throw new IllegalArgumentException("number " + n + " is outside " + low + ".." + high);
        }
    }
}
