package io.infinisst.stream.model.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The corpus grammar: the templates of {@code corpus/templates.tsv} (columns {@code id, domain, slots,
 * en, zh, it}; slots as {@code p=place,t=clock}) with the values of every slot type. Immutable once loaded.
 */
public final class Grammar {
    private static final String TEMPLATES = "corpus/templates.tsv";
    private static final Pattern ENGLISH_WORD = Pattern.compile("[a-z]+(?:'[a-z]+)?");

    private final Lexicon lexicon;
    private final List<Template> templates;
    private final Map<String, Template> byId = new LinkedHashMap<>();
    private final Map<String, List<Entry>> valuesByType = new HashMap<>();

    private Grammar(Lexicon lexicon, List<Template> templates) {
        this.lexicon = lexicon;
        this.templates = List.copyOf(templates);
        for (Template t : templates) {
            if (byId.put(t.id(), t) != null) {
                throw new IllegalArgumentException(TEMPLATES + ": duplicate template id '" + t.id() + "'");
            }
            for (Template.Slot slot : t.slots()) {
                valuesByType.computeIfAbsent(slot.type(), type -> Quantities.isQuantity(type)
                        ? Quantities.values(type, lexicon) : lexicon.category(type));
            }
        }
    }

    /** Loads the bundled templates and lexicons from the classpath. */
    public static Grammar load() {
        InputStream in = Grammar.class.getClassLoader().getResourceAsStream(TEMPLATES);
        if (in == null) {
            throw new IllegalStateException("resource " + TEMPLATES + " is missing from the classpath");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(reader.lines().toList(), new Lexicon());
        } catch (IOException e) {
            throw new UncheckedIOException(TEMPLATES, e);
        }
    }

    static Grammar parse(List<String> lines, Lexicon lexicon) {
        List<Template> templates = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells[0].equals("id")) {
                continue; // the header row
            }
            if (cells.length != 6) {
                throw new IllegalArgumentException(TEMPLATES + ":" + (i + 1) + ": expected 6 tab-separated cells "
                        + "(id, domain, slots, en, zh, it), got " + cells.length + ": '" + line + "'");
            }
            try {
                Map<Lang, String> source = new EnumMap<>(Lang.class);
                source.put(Lang.EN, cells[3].trim());
                source.put(Lang.ZH, cells[4].trim());
                source.put(Lang.IT, cells[5].trim());
                templates.add(new Template(cells[0].trim(), cells[1].trim(), slots(cells[2].trim()), source, lexicon));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(TEMPLATES + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new Grammar(lexicon, templates);
    }

    private static List<Template.Slot> slots(String cell) {
        List<Template.Slot> slots = new ArrayList<>();
        if (cell.equals("-") || cell.isEmpty()) {
            return slots;
        }
        for (String declaration : cell.split(",")) {
            String[] sides = declaration.trim().split("=", 2);
            if (sides.length != 2 || sides[0].isBlank() || sides[1].isBlank()) {
                throw new IllegalArgumentException("slot declaration '" + declaration + "' must be name=type");
            }
            slots.add(new Template.Slot(sides[0].trim(), sides[1].trim()));
        }
        return slots;
    }

    public List<Template> templates() {
        return templates;
    }

    public Template template(String id) {
        Template t = byId.get(id);
        if (t == null) {
            throw new IllegalArgumentException("no template '" + id + "'");
        }
        return t;
    }

    /** The values a slot can take, in a fixed order (its index is what held-out pairs are drawn over). */
    public List<Entry> values(Template.Slot slot) {
        return valuesByType.get(slot.type());
    }

    public Lexicon lexicon() {
        return lexicon;
    }

    /** Renders a template with slot values named by key ({@code p -> museum}, {@code t -> 9:30}). */
    public Sentence render(String templateId, Map<String, String> slotKeys) {
        Template t = template(templateId);
        Map<String, Entry> values = new HashMap<>();
        for (Template.Slot slot : t.slots()) {
            String key = slotKeys.get(slot.name());
            values.put(slot.name(), values(slot).stream().filter(e -> e.key().equals(key)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("template " + templateId + ": slot '" + slot.name()
                            + "' (" + slot.type() + ") has no value '" + key + "'")));
        }
        return t.render(values);
    }

    /**
     * Renders every template with every value of each of its slots (the others held at their first
     * values) and returns the problems found, empty when every combination renders in all three languages.
     */
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        forEachRendering(s -> {}, problems);
        return problems;
    }

    /** Counts that describe the grammar's reach; {@code possibleSentences} multiplies each template's slot sizes. */
    public record Coverage(int templates, Map<String, Integer> templatesPerDomain, int englishWordTypes,
            int chineseCharacters, int italianWordTypes, BigInteger possibleSentences) {}

    /** Measures the grammar: every word any slot value brings into any template is counted. */
    public Coverage coverage() {
        Set<String> en = new TreeSet<>();
        Set<String> it = new TreeSet<>();
        Set<Integer> zh = new TreeSet<>();
        forEachRendering(s -> {
            en.addAll(words(s.en()));
            it.addAll(words(s.it()));
            s.zh().codePoints().filter(Character::isIdeographic).forEach(zh::add);
        }, new ArrayList<>());
        Map<String, Integer> perDomain = new LinkedHashMap<>();
        BigInteger possible = BigInteger.ZERO;
        for (Template t : templates) {
            perDomain.merge(t.domain(), 1, Integer::sum);
            possible = possible.add(combinations(t));
        }
        return new Coverage(templates.size(), perDomain, en.size(), zh.size(), it.size(), possible);
    }

    /**
     * English sentences two different templates can both produce (e.g. "Where is the gym?" from a place
     * and from a hotel facility). They must not exist: the held-out split is decided per template, so such
     * a sentence could be held out through one template while trained on through the other. Enumerates
     * every combination once, comparing 40-bit hashes first and confirming candidates exactly.
     */
    public List<String> duplicateSentences() {
        if (templates.size() > 1024) {
            throw new IllegalStateException("the duplicate check packs template indices in 10 bits");
        }
        int total = 0;
        for (Template t : templates) {
            total += combinations(t).intValueExact();
        }
        long[] keys = new long[total];
        int[] next = {0};
        for (int i = 0; i < templates.size(); i++) {
            int index = i;
            forEachCombination(templates.get(i), en -> keys[next[0]++] = (hash(en) >>> 24) << 10 | index);
        }
        java.util.Arrays.sort(keys);
        Set<String> candidatePairs = new TreeSet<>();
        for (int i = 1; i < keys.length; i++) {
            if (keys[i] >>> 10 == keys[i - 1] >>> 10 && (keys[i] & 1023) != (keys[i - 1] & 1023)) {
                candidatePairs.add((keys[i - 1] & 1023) + "/" + (keys[i] & 1023));
            }
        }
        List<String> duplicates = new ArrayList<>();
        for (String pair : candidatePairs) {
            Template a = templates.get(Integer.parseInt(pair.split("/")[0]));
            Template b = templates.get(Integer.parseInt(pair.split("/")[1]));
            Set<String> texts = new java.util.HashSet<>();
            forEachCombination(a, texts::add);
            forEachCombination(b, en -> {
                if (texts.contains(en)) {
                    duplicates.add(a.id() + " and " + b.id() + " both say \"" + en + "\"");
                }
            });
        }
        return duplicates;
    }

    private BigInteger combinations(Template t) {
        BigInteger product = BigInteger.ONE;
        for (Template.Slot slot : t.slots()) {
            product = product.multiply(BigInteger.valueOf(values(slot).size()));
        }
        return product;
    }

    /** Every English rendering of a template (all slot value combinations; same-type slots may coincide). */
    private void forEachCombination(Template t, java.util.function.Consumer<String> sink) {
        List<Template.Slot> slots = t.slots();
        int[] index = new int[slots.size()];
        Map<String, Entry> values = new HashMap<>();
        while (true) {
            for (int i = 0; i < slots.size(); i++) {
                values.put(slots.get(i).name(), values(slots.get(i)).get(index[i]));
            }
            sink.accept(t.render(Lang.EN, values));
            int i = 0;
            while (i < slots.size() && ++index[i] == values(slots.get(i)).size()) {
                index[i++] = 0;
            }
            if (i == slots.size()) {
                return;
            }
        }
    }

    private static long hash(String s) {
        return CorpusGenerator.mix(0, s);
    }

    /** The English word types of a text: lower-case letters with inner apostrophes ("o'clock", "dov'è" split). */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = ENGLISH_WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private void forEachRendering(java.util.function.Consumer<Sentence> sink, List<String> problems) {
        for (Template t : templates) {
            Map<String, Entry> base = new HashMap<>();
            for (Template.Slot slot : t.slots()) {
                List<Entry> values = values(slot);
                // same-type slots start on different values, as the generator keeps them distinct
                long sameTypeBefore = base.keySet().stream().filter(n -> t.slots().stream()
                        .anyMatch(s -> s.name().equals(n) && s.type().equals(slot.type()))).count();
                base.put(slot.name(), values.get((int) Math.min(sameTypeBefore, values.size() - 1)));
            }
            if (t.slots().isEmpty()) {
                render(t, base, sink, problems);
            }
            for (Template.Slot slot : t.slots()) {
                for (Entry value : values(slot)) {
                    Map<String, Entry> values = new HashMap<>(base);
                    values.put(slot.name(), value);
                    render(t, values, sink, problems);
                }
            }
        }
    }

    private static void render(Template t, Map<String, Entry> values, java.util.function.Consumer<Sentence> sink,
            List<String> problems) {
        try {
            sink.accept(t.render(values));
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
    }
}
