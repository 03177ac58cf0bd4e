package io.infinisst.stream.model.corpus;

/**
 * Chinese number readings in characters: 2305 → 两千三百零五, 20 → 二十, 1010 → 一千零一十, and the
 * counting form used before a measure word or unit (2 → 两: 两张票, 两点, 两公里).
 */
public final class Chinese {
    private static final String DIGITS = "零一二三四五六七八九";
    private static final String[] UNITS = {"千", "百", "十", ""};
    private static final int[] POWERS = {1000, 100, 10, 1};

    private Chinese() {}

    /**
     * The reading of 0–9999 on its own (a number, a room, a year of a date). A leading 2 in the thousands
     * or hundreds is 两 (两千, 两百), as people say it; a lone or final 2 is 二; each run of inner zeros is
     * one 零; 10–19 at the start drop the 一 (十五), elsewhere keep it (一百一十).
     */
    public static String number(int n) {
        English.checkRange(n, 0, 9999);
        if (n == 0) {
            return "零";
        }
        StringBuilder out = new StringBuilder();
        boolean started = false;
        boolean zeroPending = false;
        for (int i = 0; i < POWERS.length; i++) {
            int digit = n / POWERS[i] % 10;
            if (digit == 0) {
                zeroPending = started;
                continue;
            }
            if (zeroPending) {
                out.append('零');
                zeroPending = false;
            }
            boolean leadingTen = !started && POWERS[i] == 10 && digit == 1;
            if (!leadingTen) {
                boolean liang = !started && digit == 2 && POWERS[i] >= 100;
                out.append(liang ? '两' : DIGITS.charAt(digit));
            }
            out.append(UNITS[i]);
            started = true;
        }
        return out.toString();
    }

    /** The counting form before a measure word or unit: as {@link #number} except a lone 2 is 两 (两张, 两点). */
    public static String count(int n) {
        return n == 2 ? "两" : number(n);
    }

    /** A decimal amount read digit by digit after 点: (12, 50) → 十二点五, (1, 99) → 一点九九. */
    public static String decimal(int whole, int hundredths) {
        English.checkRange(hundredths, 0, 99);
        if (hundredths == 0) {
            return number(whole);
        }
        StringBuilder out = new StringBuilder(number(whole)).append('点').append(DIGITS.charAt(hundredths / 10));
        if (hundredths % 10 != 0) {
            out.append(DIGITS.charAt(hundredths % 10));
        }
        return out.toString();
    }
}
