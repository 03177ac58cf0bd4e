package io.infinisst.stream.model.corpus;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What may be said of a sentence after hearing its first words: the longest start that the translations of every
 * sentence of the grammar beginning with those words share. "Where is the" may go on to any place, and Chinese puts
 * the place first, so nothing; "The train to Rome leaves" gives 去罗马的火车 in Chinese and "Il treno per Roma parte"
 * in Italian. These are the targets of prefix training (docs/model.md): a model that learns them says, of a
 * sentence still being spoken, what has been heard and no guess.
 *
 * <p>Every template is matched against the heard words slot by slot (values that disagree with a heard word are
 * cut off as soon as their words are rendered); the slots after the heard words are filled with random values,
 * {@code samples} times for each way of matching, and the translations' common start is taken. Sampling can only
 * miss a completion that would shorten it, so the result is the exact common start whenever two random values of
 * each open slot differ where it matters; distinct-slot and held-out restrictions of the generator are ignored,
 * which can only shorten it.
 */
public final class HeardPrefixes {
    /**
     * Tokens compared: a Chinese character, an Italian word (with the apostrophe of an elided article: "l'"), or a
     * punctuation mark; so an Italian start never ends inside a word ("Il treno per R" of Roma and Roberto).
     */
    private static final Pattern TOKEN = Pattern.compile("\\p{IsHan}|[\\p{L}\\p{N}&&[^\\p{IsHan}]]+'?|[^\\s\\p{L}\\p{N}]");
    private final Grammar grammar;
    private final int samples;
    private final Map<List<String>, Map<Lang, String>> cache = new HashMap<>();

    /** @param samples random completions per matching partial sentence (16 finds every divergence seen in tests) */
    public HeardPrefixes(Grammar grammar, int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1, got " + samples);
        }
        this.grammar = grammar;
        this.samples = samples;
    }

    /**
     * For k = 0 … the number of English words of {@code sentence}, what may be said in {@code lang} after its first
     * k words; each is a start of the sentence's own translation. The last (every word heard, but no pause yet) is
     * the whole of it unless the grammar has longer sentences that begin with it ("Go straight ahead" may go on "and
     * turn left": its full stop is not said yet).
     */
    public List<String> of(Sentence sentence, Lang lang) {
        List<String> words = Grammar.words(sentence.en());
        String own = sentence.text(lang);
        List<String> out = new ArrayList<>(words.size() + 1);
        for (int k = 0; k <= words.size(); k++) {
            String shared = determined(words.subList(0, k)).get(lang);
            if (!own.startsWith(shared)) {
                // the random completions missed this very sentence (a rare value: "all'una" among "alle due", "alle
                // tre", …); it is one of those the heard words begin, so what is said is also a start of it
                shared = commonStart(shared, own);
            }
            out.add(shared);
        }
        // More words heard can only narrow the sentences they begin, so what may be said never shrinks; a sampled
        // start longer than the next one missed a completion, and the next one's is the surer.
        for (int k = words.size() - 1; k >= 0; k--) {
            if (out.get(k).length() > out.get(k + 1).length()) {
                out.set(k, out.get(k + 1));
            }
        }
        return out;
    }

    /** What every sentence beginning with {@code heard} shares, in Chinese and Italian. */
    Map<Lang, String> determined(List<String> heard) {
        List<String> key = List.copyOf(heard);
        Map<Lang, String> known = cache.get(key);
        if (known != null) {
            return known;
        }
        Common common = new Common(new SplittableRandom(key.hashCode()));
        for (Template t : grammar.templates()) {
            if (common.nothing()) {
                break;
            }
            match(t, new HashMap<>(), key, common);
        }
        Map<Lang, String> result = new EnumMap<>(Lang.class);
        for (Lang lang : List.of(Lang.ZH, Lang.IT)) {
            result.put(lang, common.start.getOrDefault(lang, ""));
        }
        cache.put(key, result);
        return result;
    }

    private void match(Template t, Map<String, Entry> values, List<String> heard, Common common) {
        Template.EnglishPrefix p = t.englishPrefix(values);
        int n = Math.min(p.words().size(), heard.size());
        for (int i = 0; i < n; i++) {
            if (!p.words().get(i).equals(heard.get(i))) {
                return;
            }
        }
        if (p.words().size() >= heard.size()) {
            complete(t, values, common);
            return;
        }
        if (p.nextSlot() == null || common.nothing()) {
            return; // the sentence is shorter than what was heard
        }
        Template.Slot slot = t.slots().stream().filter(s -> s.name().equals(p.nextSlot())).findFirst().orElseThrow();
        for (Entry v : grammar.values(slot)) {
            values.put(slot.name(), v);
            match(t, values, heard, common);
            values.remove(slot.name());
            if (common.nothing()) {
                return;
            }
        }
    }

    /** Adds the translations of random completions of a partial sentence. */
    private void complete(Template t, Map<String, Entry> partial, Common common) {
        boolean open = partial.size() < t.slots().size();
        for (int i = 0; i < (open ? samples : 1) && !common.nothing(); i++) {
            Map<String, Entry> values = new HashMap<>(partial);
            for (Template.Slot slot : t.slots()) {
                if (!values.containsKey(slot.name())) {
                    List<Entry> choices = grammar.values(slot);
                    values.put(slot.name(), choices.get(common.random.nextInt(choices.size())));
                }
            }
            for (Lang lang : List.of(Lang.ZH, Lang.IT)) {
                String text;
                try {
                    text = t.render(lang, values);
                } catch (RuntimeException e) {
                    continue; // a value without the form this template needs: the generator never makes it
                }
                common.add(lang, text);
            }
        }
    }

    /** The running common start of the translations seen, per language, and the completions' random source. */
    private static final class Common {
        final SplittableRandom random;
        final Map<Lang, String> start = new EnumMap<>(Lang.class);

        Common(SplittableRandom random) {
            this.random = random;
        }

        void add(Lang lang, String text) {
            start.merge(lang, text, HeardPrefixes::commonStart);
        }

        boolean nothing() {
            return "".equals(start.get(Lang.ZH)) && "".equals(start.get(Lang.IT));
        }
    }

    /** The longest start of {@code a} and {@code b} that ends where a token ({@link #TOKEN}) ends in both. */
    static String commonStart(String a, String b) {
        Matcher x = TOKEN.matcher(a);
        Matcher y = TOKEN.matcher(b);
        int end = 0;
        while (x.find() && y.find() && x.end() == y.end() && a.regionMatches(0, b, 0, x.end())) {
            end = x.end();
        }
        return a.substring(0, end);
    }
}
