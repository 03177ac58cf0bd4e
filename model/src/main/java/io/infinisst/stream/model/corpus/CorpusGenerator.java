package io.infinisst.stream.model.corpus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws the corpus text deterministically from a seed.
 *
 * <p><b>Held-out design.</b> For every template and every slot with at least {@value #MIN_VALUES_TO_HOLD}
 * values, a seeded {@value #HELD_PERCENT}% of the slot's values (at least one) are held out <em>for that
 * template only</em>: "Where is the museum?" may be a test sentence while "The museum opens at nine" is
 * in training. A train or dev sentence contains no held-out (template, slot, value) pair; a test sentence
 * contains at least one. Every word therefore appears in training, but the test combinations never do,
 * and templates without slots never reach the test split.
 *
 * <p>Train and dev are told apart by a seeded hash of the English text (about one sentence in ten of the
 * non-held-out space is dev), so they never share a sentence and each split's sequence does not depend
 * on the others' sizes: asking for more training sentences only appends.
 */
public final class CorpusGenerator {
    static final int HELD_PERCENT = 15;
    static final int MIN_VALUES_TO_HOLD = 4;
    private static final int DEV_BUCKETS = 10;
    private static final int MIN_STREAM = 3;
    private static final int MAX_STREAM = 6;
    private static final int MIN_PAUSE_MS = 300;
    private static final int MAX_PAUSE_MS = 1200;

    private final Grammar grammar;
    private final long seed;
    /** Per template and slot: which value indices are held out. */
    private final Map<String, boolean[]> held = new HashMap<>();
    private final List<Template> testable = new ArrayList<>();

    public CorpusGenerator(Grammar grammar, long seed) {
        this.grammar = grammar;
        this.seed = seed;
        for (Template t : grammar.templates()) {
            boolean any = false;
            for (Template.Slot slot : t.slots()) {
                int size = grammar.values(slot).size();
                boolean[] mask = new boolean[size];
                if (size >= MIN_VALUES_TO_HOLD) {
                    int count = Math.max(1, Math.round(size * HELD_PERCENT / 100f));
                    int[] order = shuffled(size, new SplittableRandom(mix(seed, t.id() + "/" + slot.name())));
                    for (int i = 0; i < count; i++) {
                        mask[order[i]] = true;
                    }
                    any = true;
                }
                held.put(t.id() + "/" + slot.name(), mask);
            }
            if (any) {
                testable.add(t);
            }
        }
    }

    /** Whether a sentence contains a held-out (template, slot, value) pair, i.e. belongs to the test split. */
    public boolean isHeldOut(Sentence s) {
        Template t = grammar.template(s.templateId());
        for (Template.Slot slot : t.slots()) {
            List<Entry> values = grammar.values(slot);
            boolean[] mask = held.get(t.id() + "/" + slot.name());
            for (int i = 0; i < values.size(); i++) {
                if (mask[i] && values.get(i).key().equals(s.slots().get(slot.name()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The split a sentence belongs to by the rules above. */
    public Split splitOf(Sentence s) {
        return isHeldOut(s) ? Split.TEST : isDev(s) ? Split.DEV : Split.TRAIN;
    }

    /** The held-out values of one template slot, by key, for documentation and tests. */
    public List<String> heldOutValues(String templateId, String slotName) {
        Template t = grammar.template(templateId);
        Template.Slot slot = t.slots().stream().filter(s -> s.name().equals(slotName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("template " + templateId + " has no slot " + slotName));
        boolean[] mask = held.get(templateId + "/" + slotName);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                keys.add(grammar.values(slot).get(i).key());
            }
        }
        return keys;
    }

    /** {@code count} distinct single sentences of a split, ids {@code <split>-000001}... */
    public List<CorpusItem> sentences(Split split, int count) {
        SplittableRandom random = new SplittableRandom(mix(seed, "sentences/" + split.label()));
        List<CorpusItem> out = new ArrayList<>(count);
        Set<String> seen = new HashSet<>();
        long attempts = 0;
        long limit = 200L * count + 10_000;
        while (out.size() < count) {
            if (++attempts > limit) {
                throw new IllegalStateException("only " + out.size() + " distinct " + split.label() + " sentences after "
                        + limit + " draws; ask for fewer than " + count);
            }
            Sentence s = draw(split, random);
            if (s != null && seen.add(s.en())) {
                out.add(new CorpusItem(String.format("%s-%06d", split.label(), out.size() + 1), split, List.of(s),
                        List.of()));
            }
        }
        return out;
    }

    /** {@code count} streams of 3–6 distinct sentences of a split with 0.3–1.2 s pauses, ids {@code <split>-stream-00001}. */
    public List<CorpusItem> streams(Split split, int count) {
        SplittableRandom random = new SplittableRandom(mix(seed, "streams/" + split.label()));
        List<CorpusItem> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = MIN_STREAM + random.nextInt(MAX_STREAM - MIN_STREAM + 1);
            Map<String, Sentence> sentences = new LinkedHashMap<>();
            long attempts = 0;
            while (sentences.size() < length) {
                if (++attempts > 100_000) {
                    throw new IllegalStateException("cannot draw " + length + " distinct " + split.label()
                            + " sentences for a stream");
                }
                Sentence s = draw(split, random);
                if (s != null) {
                    sentences.putIfAbsent(s.en(), s);
                }
            }
            List<Integer> pauses = new ArrayList<>();
            for (int p = 1; p < length; p++) {
                pauses.add(10 * ((MIN_PAUSE_MS + random.nextInt(MAX_PAUSE_MS - MIN_PAUSE_MS + 1)) / 10));
            }
            out.add(new CorpusItem(String.format("%s-stream-%05d", split.label(), i + 1), split,
                    new ArrayList<>(sentences.values()), pauses));
        }
        return out;
    }

    /** One sentence of a split, or null when the draw fell in the other of train/dev. */
    private Sentence draw(Split split, SplittableRandom random) {
        if (split == Split.TEST) {
            return drawHeldOut(random);
        }
        Template t = grammar.templates().get(random.nextInt(grammar.templates().size()));
        Map<String, Entry> values = new HashMap<>();
        for (Template.Slot slot : t.slots()) {
            values.put(slot.name(), pick(t, slot, values, random, false));
        }
        Sentence s = t.render(values);
        return isDev(s) == (split == Split.DEV) ? s : null;
    }

    private Sentence drawHeldOut(SplittableRandom random) {
        Template t = testable.get(random.nextInt(testable.size()));
        List<Template.Slot> holdable = t.slots().stream()
                .filter(slot -> grammar.values(slot).size() >= MIN_VALUES_TO_HOLD).toList();
        Template.Slot forced = holdable.get(random.nextInt(holdable.size()));
        Map<String, Entry> values = new HashMap<>();
        values.put(forced.name(), pick(t, forced, values, random, true));
        for (Template.Slot slot : t.slots()) {
            if (slot != forced) {
                values.put(slot.name(), pickAny(t, slot, values, random));
            }
        }
        return t.render(values);
    }

    /** A value for a slot, seen (not held out) or held out, distinct from the template's other slots of its type. */
    private Entry pick(Template t, Template.Slot slot, Map<String, Entry> chosen, SplittableRandom random, boolean heldOut) {
        List<Entry> values = grammar.values(slot);
        boolean[] mask = held.get(t.id() + "/" + slot.name());
        for (int attempt = 0; attempt < 1000; attempt++) {
            int i = random.nextInt(values.size());
            if (mask[i] == heldOut && !chosen.containsValue(values.get(i))) {
                return values.get(i);
            }
        }
        throw new IllegalStateException("template " + t.id() + " slot " + slot.name() + ": no "
                + (heldOut ? "held-out" : "seen") + " value found");
    }

    private Entry pickAny(Template t, Template.Slot slot, Map<String, Entry> chosen, SplittableRandom random) {
        List<Entry> values = grammar.values(slot);
        for (int attempt = 0; attempt < 1000; attempt++) {
            Entry e = values.get(random.nextInt(values.size()));
            if (!chosen.containsValue(e)) {
                return e;
            }
        }
        throw new IllegalStateException("template " + t.id() + " slot " + slot.name() + ": no distinct value");
    }

    private boolean isDev(Sentence s) {
        return Math.floorMod(mix(seed, "dev/" + s.en()), DEV_BUCKETS) == 0;
    }

    private static int[] shuffled(int size, SplittableRandom random) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    /** A 64-bit hash of the seed and a label, stable across JVMs (FNV-1a, then a SplitMix64 finalizer). */
    static long mix(long seed, String label) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
