package io.infinisst.stream.model.corpus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generated slot types, each a finite list of values with their readings in the three languages:
 * {@code num:A-B} cardinals, {@code clock} times (1–12 h, every 5 min), {@code date}s, {@code price}s in
 * euros and dollars, {@code percent}, {@code temp}eratures, {@code dist}ances, short {@code dur}ations and
 * {@code days}/weeks. Finite lists let held-out (template, slot, value) pairs be drawn per slot.
 */
final class Quantities {
    private static final Pattern NUM = Pattern.compile("num:(\\d+)-(\\d+)");
    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    private static final int[] MINUTES = {2, 3, 4, 5, 10, 15, 20, 25, 30, 40, 45, 50};

    private Quantities() {}

    /** Whether a slot type is generated here rather than read from a lexicon. */
    static boolean isQuantity(String type) {
        return NUM.matcher(type).matches() || List.of("clock", "date", "price", "percent", "temp", "dist", "dur", "days")
                .contains(type);
    }

    /** The values of a generated type; dates take month names from the lexicon's {@code month} category. */
    static List<Entry> values(String type, Lexicon lexicon) {
        Matcher num = NUM.matcher(type);
        if (num.matches()) {
            int low = Integer.parseInt(num.group(1));
            int high = Integer.parseInt(num.group(2));
            if (low > high || high > 9999) {
                throw new IllegalArgumentException("slot type '" + type + "' must be num:A-B with A <= B <= 9999");
            }
            List<Entry> out = new ArrayList<>();
            for (int n = low; n <= high; n++) {
                out.add(cardinal(type, n));
            }
            return out;
        }
        return switch (type) {
            case "clock" -> clocks();
            case "date" -> dates(lexicon.category("month"));
            case "price" -> prices();
            case "percent" -> percents();
            case "temp" -> temperatures();
            case "dist" -> distances();
            case "dur" -> durations();
            case "days" -> days();
            default -> throw new IllegalArgumentException("unknown quantity type '" + type + "'");
        };
    }

    static Entry cardinal(String type, int n) {
        return Entry.quantity(type, Integer.toString(n), n, Map.of("en", English.number(n), "zh", Chinese.number(n),
                "zh_m", Chinese.count(n), "it", Italian.number(n)));
    }

    /** Clock time h:mm read as "nine thirty" / 九点半 / "le nove e mezza", with Italian "alle", "dalle", "sono le". */
    static Entry clock(int hour, int minute) {
        Map<String, String> f = new HashMap<>();
        String hourEn = English.number(hour);
        f.put("en", minute == 0 ? hourEn + " o'clock" : minute < 10 ? hourEn + " oh " + English.number(minute)
                : hourEn + " " + English.number(minute));
        f.put("zh", Chinese.count(hour) + "点" + (minute == 0 ? "" : minute == 30 ? "半"
                : (minute < 10 ? "零" : "") + Chinese.number(minute) + "分"));
        boolean one = hour == 1; // l'una is feminine singular; le due, le tre... plural
        String hourIt = one ? "una" : Italian.number(hour);
        String minuteIt = minute == 0 ? "" : minute == 15 ? " e un quarto" : minute == 30 ? " e mezza"
                : " e " + Italian.number(minute);
        String time = hourIt + minuteIt;
        f.put("it", Italian.definite(hourIt, Gender.F, !one) + time);
        for (String prep : List.of("a", "da", "di")) {
            f.put("it_" + prep, Italian.articulated(prep, hourIt, Gender.F, !one) + time);
        }
        f.put("it_be", (one ? "è " : "sono ") + f.get("it"));
        return Entry.quantity("clock", hour + ":" + (minute < 10 ? "0" : "") + minute, hour, f);
    }

    /** A date read as "March fifth" / 三月五日 / "il cinque marzo" (il primo, l'otto, l'undici). */
    static Entry date(Entry month, int monthNumber, int day) {
        Map<String, String> f = new HashMap<>();
        f.put("en", month.form(Lang.EN, "") + " " + English.ordinal(day));
        f.put("zh", month.form(Lang.ZH, "") + Chinese.number(day) + "日");
        String dayIt = day == 1 ? "primo" : Italian.number(day);
        String bare = dayIt + " " + month.form(Lang.IT, "");
        f.put("it", Italian.definite(dayIt, Gender.M, false) + bare);
        f.put("it_bare", bare);
        for (String prep : List.of("a", "da", "di")) {
            f.put("it_" + prep, Italian.articulated(prep, dayIt, Gender.M, false) + bare);
        }
        return Entry.quantity("date", monthNumber + "-" + day, day, f);
    }

    /** A price: "twelve euros fifty" / 十二点五欧元 / "dodici euro e cinquanta"; whole amounts count (两欧元). */
    static Entry price(int whole, int cents, boolean dollars) {
        String unitEn = dollars ? (whole == 1 ? "dollar" : "dollars") : (whole == 1 ? "euro" : "euros");
        String en = English.number(whole) + " " + unitEn + (cents == 0 ? "" : " " + English.number(cents));
        String zh = (cents == 0 ? Chinese.count(whole) : Chinese.decimal(whole, cents)) + (dollars ? "美元" : "欧元");
        String it = (whole == 1 ? (dollars ? "un dollaro" : "un euro")
                : Italian.number(whole) + (dollars ? " dollari" : " euro"))
                + (cents == 0 ? "" : " e " + Italian.number(cents));
        String key = whole + "." + (cents < 10 ? "0" : "") + cents + (dollars ? "USD" : "EUR");
        return Entry.quantity("price", key, whole, Map.of("en", en, "zh", zh, "it", it));
    }

    /** A percentage: "twenty five percent" / 百分之二十五 / "venticinque per cento", with il/l', del/dell', al/all'. */
    static Entry percent(int n) {
        String it = Italian.number(n) + " per cento";
        String word = Italian.number(n);
        Map<String, String> f = new HashMap<>(Map.of("en", English.number(n) + " percent", "zh", "百分之" + Chinese.number(n),
                "it", it, "it_def", Italian.definite(word, Gender.M, false) + it));
        for (String prep : List.of("a", "di")) {
            f.put("it_" + prep, Italian.articulated(prep, word, Gender.M, false) + it);
        }
        return Entry.quantity("percent", n + "%", n, f);
    }

    /** A temperature −10…40: "minus five degrees" / 零下五度 / "meno cinque gradi", "one degree" / "un grado". */
    static Entry temperature(int t) {
        int abs = Math.abs(t);
        String en = (t < 0 ? "minus " : "") + English.number(abs) + (abs == 1 ? " degree" : " degrees");
        String zh = t == 0 ? "零度" : (t < 0 ? "零下" : "") + Chinese.count(abs) + "度";
        String it = (t < 0 ? "meno " : "") + (abs == 1 ? "un grado" : Italian.number(abs) + " gradi");
        return Entry.quantity("temp", t + "C", abs, Map.of("en", en, "zh", zh, "it", it));
    }

    private static List<Entry> clocks() {
        List<Entry> out = new ArrayList<>();
        for (int h = 1; h <= 12; h++) {
            for (int m = 0; m < 60; m += 5) {
                out.add(clock(h, m));
            }
        }
        return out;
    }

    private static List<Entry> dates(List<Entry> months) {
        if (months.size() != 12) {
            throw new IllegalStateException("lexicon category 'month' must have 12 entries, has " + months.size());
        }
        List<Entry> out = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            for (int d = 1; d <= DAYS_IN_MONTH[m]; d++) {
                out.add(date(months.get(m), m + 1, d));
            }
        }
        return out;
    }

    private static List<Entry> prices() {
        List<Entry> out = new ArrayList<>();
        for (boolean dollars : new boolean[] {false, true}) {
            for (int w = 1; w <= 200; w++) {
                out.add(price(w, 0, dollars));
            }
            for (int w = 1; w <= 50; w++) {
                out.add(price(w, 50, dollars));
            }
            for (int w = 1; w <= 30; w++) {
                out.add(price(w, 99, dollars));
            }
        }
        return out;
    }

    private static List<Entry> percents() {
        List<Entry> out = new ArrayList<>();
        for (int n = 1; n <= 100; n++) {
            out.add(percent(n));
        }
        return out;
    }

    private static List<Entry> temperatures() {
        List<Entry> out = new ArrayList<>();
        for (int t = -10; t <= 40; t++) {
            out.add(temperature(t));
        }
        return out;
    }

    private static List<Entry> distances() {
        List<Entry> out = new ArrayList<>();
        for (int m = 100; m < 1000; m += 50) {
            out.add(Entry.quantity("dist", m + "m", m, Map.of("en", English.number(m) + " meters",
                    "zh", Chinese.count(m) + "米", "it", Italian.number(m) + " metri")));
        }
        for (int km = 1; km <= 30; km++) {
            out.add(Entry.quantity("dist", km + "km", km, Map.of(
                    "en", English.number(km) + (km == 1 ? " kilometer" : " kilometers"),
                    "zh", Chinese.count(km) + "公里",
                    "it", km == 1 ? "un chilometro" : Italian.number(km) + " chilometri")));
        }
        return out;
    }

    private static List<Entry> durations() {
        List<Entry> out = new ArrayList<>();
        for (int m : MINUTES) {
            out.add(duration(m + "min", m, English.number(m) + " minutes", Chinese.count(m) + "分钟",
                    Italian.number(m) + " minuti", false));
        }
        out.add(duration("30min-half", 30, "half an hour", "半个小时", "mezz'ora", true));
        out.add(duration("1h", 1, "an hour", "一个小时", "un'ora", true));
        out.add(duration("1.5h", 1, "an hour and a half", "一个半小时", "un'ora e mezza", true));
        for (int h = 2; h <= 6; h++) {
            out.add(duration(h + "h", h, English.number(h) + " hours", Chinese.count(h) + "个小时",
                    Italian.number(h) + " ore", false));
        }
        return out;
    }

    /** A duration; {@code it_take} is "ci vuole un'ora" / "ci vogliono due ore" (the verb agrees). */
    private static Entry duration(String key, int n, String en, String zh, String it, boolean singular) {
        return Entry.quantity("dur", key, n, Map.of("en", en, "zh", zh, "it", it,
                "it_take", (singular ? "ci vuole " : "ci vogliono ") + it));
    }

    private static List<Entry> days() {
        List<Entry> out = new ArrayList<>();
        for (int d = 1; d <= 10; d++) {
            out.add(Entry.quantity("days", d + "d", d, Map.of("en", English.number(d) + (d == 1 ? " day" : " days"),
                    "zh", Chinese.count(d) + "天", "it", d == 1 ? "un giorno" : Italian.number(d) + " giorni")));
        }
        for (int w = 1; w <= 4; w++) {
            out.add(Entry.quantity("days", w + "w", w, Map.of("en", English.number(w) + (w == 1 ? " week" : " weeks"),
                    "zh", Chinese.count(w) + "个星期", "it", w == 1 ? "una settimana" : Italian.number(w) + " settimane")));
        }
        return out;
    }
}
