package io.infinisst.stream.model.corpus;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sentence pattern written once per language with typed slots, e.g. English {@code Where is the {p}?},
 * Chinese {@code {p}在哪里？}, Italian {@code Dov'è {p.def}?} with slot {@code p=place}. Placeholders:
 * <ul>
 *   <li>{@code {x}} the slot's plain form; {@code {x.f}} its form {@code f} ({@code x.m} measure word,
 *       {@code x.def} "il museo", {@code x.a} "al museo", {@code t.a} "alle nove", {@code x.pl} plural);</li>
 *   <li>{@code {n*x}} a count of a noun: "two tickets" / 两张票 / "due biglietti", "un biglietto";</li>
 *   <li>{@code {w@x}} adjective {@code w} (a slot or a fixed word of the {@code agree} lexicon) agreeing in
 *       Italian with noun {@code x}, {@code {w@x.pl}} with its plural ("è chiusa", "sono esauriti").</li>
 * </ul>
 * English and Italian renderings start with a capital letter.
 */
public final class Template {

    /** A slot: the name placeholders use and its type (a lexicon category or a {@link Quantities} type). */
    public record Slot(String name, String type) {}

    sealed interface Part permits Literal, Ref, Count, Agree {}

    record Literal(String text) implements Part {}

    record Ref(String slot, String form) implements Part {}

    record Count(String number, String noun) implements Part {}

    /** {@code adjective} is a slot name, or null with {@code fixed} set to an agree-lexicon word. */
    record Agree(String adjective, Entry fixed, String noun, boolean plural) implements Part {}

    private final String id;
    private final String domain;
    private final List<Slot> slots;
    private final Map<Lang, List<Part>> parts;
    private final Map<Lang, String> source;

    Template(String id, String domain, List<Slot> slots, Map<Lang, String> source, Lexicon lexicon) {
        this.id = id;
        this.domain = domain;
        this.slots = List.copyOf(slots);
        this.source = new EnumMap<>(source);
        this.parts = new EnumMap<>(Lang.class);
        for (Lang lang : Lang.values()) {
            parts.put(lang, parse(source.get(lang), lang, lexicon));
        }
    }

    public String id() {
        return id;
    }

    /** The domain it belongs to (greetings, numbers, time, weather, directions, travel...). */
    public String domain() {
        return domain;
    }

    public List<Slot> slots() {
        return slots;
    }

    /** The pattern as written for one language. */
    public String pattern(Lang lang) {
        return source.get(lang);
    }

    /** Renders the three languages with one value per slot. */
    public Sentence render(Map<String, Entry> values) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (Slot slot : slots) {
            Entry value = values.get(slot.name());
            if (value == null) {
                throw new IllegalArgumentException("template " + id + ": no value for slot '" + slot.name() + "'");
            }
            keys.put(slot.name(), value.key());
        }
        return new Sentence(id, domain, render(Lang.EN, values), render(Lang.ZH, values), render(Lang.IT, values), keys);
    }

    /** Renders one language; fails naming the template, placeholder and value when a form is missing. */
    public String render(Lang lang, Map<String, Entry> values) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts.get(lang)) {
            out.append(renderPart(part, lang, values));
        }
        String text = out.toString().replaceAll(" {2,}", " ").trim();
        return lang == Lang.ZH || text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    private String renderPart(Part part, Lang lang, Map<String, Entry> values) {
        if (part instanceof Literal l) {
            return l.text();
        }
        if (part instanceof Ref r) {
            return need(values.get(r.slot()).form(lang, r.form()), lang, "{" + r.slot()
                    + (r.form().isEmpty() ? "" : "." + r.form()) + "}", values.get(r.slot()));
        }
        if (part instanceof Count c) {
            return count(lang, values.get(c.number()), values.get(c.noun()));
        }
        Agree a = (Agree) part;
        Entry noun = values.get(a.noun());
        Entry adjective = a.fixed() != null ? a.fixed() : values.get(a.adjective());
        return need(adjective.agreeing(lang, noun.gender(a.plural()), a.plural()), lang,
                "{" + adjective.key() + "@" + a.noun() + "}", noun);
    }

    /**
     * What a listener has certainly heard of the English once some slots have values: the words of the leading
     * parts whose slots all have one (a count's number before its noun has one), and the first slot still needed
     * ({@code null} when the whole sentence rendered). Words a later part could still extend ("{x}s") are left out.
     */
    record EnglishPrefix(List<String> words, String nextSlot) {}

    EnglishPrefix englishPrefix(Map<String, Entry> values) {
        StringBuilder out = new StringBuilder();
        String next = null;
        for (Part part : parts.get(Lang.EN)) {
            if (part instanceof Count c && values.containsKey(c.number()) && !values.containsKey(c.noun())) {
                out.append(values.get(c.number()).form(Lang.EN, "")).append(' ');
                next = c.noun();
                break;
            }
            next = missing(part, values);
            if (next != null) {
                break;
            }
            out.append(renderPart(part, Lang.EN, values));
        }
        List<String> words = Grammar.words(out.toString());
        boolean open = next != null && out.length() > 0 && Character.isLetter(out.charAt(out.length() - 1));
        return new EnglishPrefix(open && !words.isEmpty() ? words.subList(0, words.size() - 1) : words, next);
    }

    /** The first slot a part needs that has no value, or null. */
    private static String missing(Part part, Map<String, Entry> values) {
        List<String> needs;
        if (part instanceof Ref r) {
            needs = List.of(r.slot());
        } else if (part instanceof Count c) {
            needs = List.of(c.number(), c.noun());
        } else if (part instanceof Agree a) {
            needs = a.adjective() == null ? List.of(a.noun()) : List.of(a.noun(), a.adjective());
        } else {
            needs = List.of();
        }
        return needs.stream().filter(s -> !values.containsKey(s)).findFirst().orElse(null);
    }

    private String count(Lang lang, Entry number, Entry noun) {
        int n = number.number().orElseThrow(() -> new IllegalStateException("template " + id + ": " + number
                + " is not a number"));
        String where = "{" + number.category() + "*" + noun.key() + "}";
        return switch (lang) {
            case EN -> number.form(lang, "") + " " + need(noun.form(lang, n == 1 ? "" : "pl"), lang, where, noun);
            case ZH -> number.form(lang, "m") + need(noun.form(lang, "m"), lang, where, noun) + noun.form(lang, "");
            case IT -> n == 1 ? need(noun.form(lang, "indef"), lang, where, noun)
                    : number.form(lang, "") + " " + need(noun.form(lang, "pl"), lang, where, noun);
        };
    }

    private String need(String form, Lang lang, String placeholder, Entry value) {
        if (form == null) {
            throw new IllegalStateException("template " + id + " (" + lang.code() + "): " + placeholder
                    + " has no form for " + value);
        }
        return form;
    }

    private List<Part> parse(String pattern, Lang lang, Lexicon lexicon) {
        List<Part> out = new ArrayList<>();
        int i = 0;
        while (i < pattern.length()) {
            int open = pattern.indexOf('{', i);
            if (open < 0) {
                out.add(new Literal(pattern.substring(i)));
                break;
            }
            if (open > i) {
                out.add(new Literal(pattern.substring(i, open)));
            }
            int close = pattern.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("template " + id + " (" + lang.code() + "): unclosed '{' in '" + pattern + "'");
            }
            out.add(placeholder(pattern.substring(open + 1, close), lang, lexicon));
            i = close + 1;
        }
        return List.copyOf(out);
    }

    private Part placeholder(String body, Lang lang, Lexicon lexicon) {
        if (body.contains("*")) {
            String[] sides = body.split("\\*", 2);
            return new Count(slotName(sides[0], lang), slotName(sides[1], lang));
        }
        if (body.contains("@")) {
            String[] sides = body.split("@", 2);
            boolean plural = sides[1].endsWith(".pl");
            String noun = slotName(plural ? sides[1].substring(0, sides[1].length() - 3) : sides[1], lang);
            if (hasSlot(sides[0])) {
                return new Agree(sides[0], null, noun, plural);
            }
            return new Agree(null, lexicon.entry("agree", sides[0]), noun, plural);
        }
        int dot = body.indexOf('.');
        return dot < 0 ? new Ref(slotName(body, lang), "") : new Ref(slotName(body.substring(0, dot), lang),
                body.substring(dot + 1));
    }

    private boolean hasSlot(String name) {
        return slots.stream().anyMatch(s -> s.name().equals(name));
    }

    private String slotName(String name, Lang lang) {
        if (!hasSlot(name)) {
            throw new IllegalArgumentException("template " + id + " (" + lang.code() + "): unknown slot '" + name + "'");
        }
        return name;
    }

    @Override
    public String toString() {
        return id + ": " + source.get(Lang.EN);
    }
}
