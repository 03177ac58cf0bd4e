package io.infinisst.stream.model.corpus;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One typed slot value: a lexicon noun, adjective or phrase, or a generated quantity (a number, a clock
 * time, a price...). It answers the surface forms templates ask for, in each language: explicit lexicon
 * columns first ({@code zh_m} is the measure word, {@code it_loc} "in banca"), then, for nouns, the forms
 * grammar derives (Italian articles and articulated prepositions, "this"/"my"/"your", English a/an and plural).
 */
public final class Entry {

    /** What an entry is; it decides which forms can be derived and which columns a lexicon must have. */
    public enum Kind {
        /** A countable noun: {@code en, zh, it, it_pl, it_g} required, {@code zh_m} (measure word) usually. */
        NOUN,
        /** An adjective or participle agreeing in Italian: {@code it_ms, it_fs, it_mp, it_fp}. */
        ADJECTIVE,
        /** A fixed phrase per language (a city, a weather clause, a request), optionally with a gender. */
        PHRASE,
        /** A generated number-bearing value (cardinal, clock time, date, price, percentage, measure). */
        QUANTITY
    }

    private final String category;
    private final String key;
    private final Kind kind;
    private final Map<String, String> columns;
    private final Gender gender;
    private final Gender pluralGender;
    private final int number;

    Entry(String category, String key, Kind kind, Map<String, String> columns, Gender gender, Gender pluralGender,
            int number) {
        this.category = category;
        this.key = key;
        this.kind = kind;
        this.columns = Map.copyOf(columns);
        this.gender = gender;
        this.pluralGender = pluralGender;
        this.number = number;
    }

    /** A generated quantity with precomputed forms keyed like lexicon columns ({@code en}, {@code zh_m}, {@code it_a}). */
    static Entry quantity(String category, String key, int number, Map<String, String> forms) {
        return new Entry(category, key, Kind.QUANTITY, forms, Gender.M, Gender.M, number);
    }

    /** The lexicon category or quantity type it came from ({@code place}, {@code clock}). */
    public String category() {
        return category;
    }

    /** The stable key templates and held-out pairs name it by: the English form, or e.g. {@code 9:30}. */
    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    /** The Italian gender of the singular or plural (uovo is masculine, uova feminine). */
    public Gender gender(boolean plural) {
        return plural ? pluralGender : gender;
    }

    /** The number a quantity carries (a count before a noun), if any. */
    public OptionalInt number() {
        return kind == Kind.QUANTITY ? OptionalInt.of(number) : OptionalInt.empty();
    }

    /**
     * The surface form {@code name} in {@code lang} ({@code ""} is the plain form), or null when this entry
     * has none: a template asking for it is then invalid for this value, which {@link Grammar#validate} reports.
     */
    public String form(Lang lang, String name) {
        String explicit = columns.get(name.isEmpty() ? lang.code() : lang.code() + "_" + name);
        if (explicit != null || kind != Kind.NOUN) {
            return explicit;
        }
        return switch (lang) {
            case EN -> englishNounForm(name);
            case ZH -> null;
            case IT -> italianNounForm(name);
        };
    }

    /** The Italian form of an adjective agreeing with a noun of this gender and number; other languages' plain form. */
    public String agreeing(Lang lang, Gender nounGender, boolean plural) {
        if (lang != Lang.IT) {
            return form(lang, "");
        }
        return columns.get("it_" + (nounGender == Gender.F ? "f" : "m") + (plural ? "p" : "s"));
    }

    private String englishNounForm(String name) {
        String en = columns.get("en");
        return switch (name) {
            case "pl" -> English.plural(en);
            case "a" -> English.withIndefinite(en);
            default -> null;
        };
    }

    private String italianNounForm(String name) {
        String singular = columns.get("it");
        String plural = columns.get("it_pl");
        boolean pl = name.endsWith("pl");
        String base = pl ? name.substring(0, name.length() - 2) : name;
        String word = pl ? plural : singular;
        Gender g = gender(pl);
        return switch (base) {
            case "def" -> Italian.definite(word, g, pl) + word;
            case "indef" -> pl ? null : Italian.indefinite(word, g) + word;
            case "none" -> pl ? null : "ness" + Italian.indefinite(word, g) + word; // nessun/nessuno/nessuna/nessun'
            case "a", "di", "in", "da", "su" -> Italian.articulated(base, word, g, pl) + word;
            case "loc" -> pl ? null : Italian.articulated("a", word, g, false) + word;
            case "this" -> demonstrative(g, pl) + word;
            case "my" -> possessive(g, pl, "il mio ", "la mia ", "i miei ", "le mie ") + word;
            case "your" -> possessive(g, pl, "il tuo ", "la tua ", "i tuoi ", "le tue ") + word;
            default -> null;
        };
    }

    /** questo/questa/questi/queste, never elided: "quest'" before a vowel is optional and now the rarer form. */
    private static String demonstrative(Gender g, boolean plural) {
        return g == Gender.F ? (plural ? "queste " : "questa ") : (plural ? "questi " : "questo ");
    }

    private static String possessive(Gender g, boolean plural, String ms, String fs, String mp, String fp) {
        return g == Gender.F ? (plural ? fp : fs) : (plural ? mp : ms);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Entry other && category.equals(other.category) && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(category, key);
    }

    @Override
    public String toString() {
        return category + ":" + key;
    }
}
