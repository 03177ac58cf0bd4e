package io.infinisst.stream.model.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for prefix training's material: {@link HeardPrefixes} on the real grammar, {@link FliteWordTimes} against
 * the clips {@link SpeechRenderer} makes, and {@link PrefixCli} on a small flite corpus.
 */
class PrefixMaterialTest {
    private static Grammar grammar;
    private static HeardPrefixes prefixes;

    @BeforeAll
    static void load() {
        grammar = Grammar.load();
        prefixes = new HeardPrefixes(grammar, 48);
    }

    private static Sentence sentence(String template, Map<String, String> slots) {
        return grammar.render(template, slots);
    }

    @Test
    void saysWhatTheHeardWordsFixAndNothingTheyLeaveOpen() {
        // "Where is the {p}?" puts the place first in Chinese: nothing can be said until it is heard
        Map<Lang, String> open = prefixes.determined(List.of("where", "is", "the"));
        assertThat(open.get(Lang.ZH)).isEmpty();
        // the grammar's only sentence that starts "where is the museum" is that question: all of it
        assertThat(prefixes.determined(List.of("where", "is", "the", "museum"))).containsEntry(Lang.ZH, "博物馆在哪里？");
        // "the train from Madrid" may go "to New York is full" or "leaves at nine": the origin, not the train yet
        Map<Lang, String> train = prefixes.determined(List.of("the", "train", "from", "madrid"));
        assertThat(train.get(Lang.ZH)).startsWith("从马德里").doesNotContain("火车");
        assertThat(prefixes.determined(List.of())).containsEntry(Lang.ZH, "").containsEntry(Lang.IT, "");
    }

    @Test
    void eachPrefixStartsTheTranslationGrowsWithTheWordsAndEndsOnAWholeItalianWord() {
        int checked = 0;
        for (Template t : grammar.templates().subList(0, 40)) {
            Map<String, String> slots = new java.util.HashMap<>();
            for (Template.Slot slot : t.slots()) {
                List<Entry> values = grammar.values(slot);
                // same-type slots take different values, as the generator's sentences do
                slots.put(slot.name(), values.get(slots.size() % values.size()).key());
            }
            Sentence s;
            try {
                s = sentence(t.id(), slots);
            } catch (RuntimeException e) {
                continue; // a value this template has no form for
            }
            int words = Grammar.words(s.en()).size();
            for (Lang lang : List.of(Lang.ZH, Lang.IT)) {
                List<String> said = prefixes.of(s, lang);
                assertThat(said).as(s.en()).hasSize(words + 1);
                assertThat(said.get(0)).as(s.en()).isEmpty();
                for (int k = 0; k <= words; k++) {
                    String p = said.get(k);
                    assertThat(s.text(lang)).as(s.en() + " after " + k + " words").startsWith(p);
                    if (k > 0) {
                        assertThat(p.length()).as(s.en()).isGreaterThanOrEqualTo(said.get(k - 1).length());
                    }
                    if (lang == Lang.IT && !p.isEmpty() && p.length() < s.it().length()) {
                        char next = s.it().charAt(p.length());
                        char last = p.charAt(p.length() - 1);
                        assertThat(Character.isLetter(last) && Character.isLetter(next))
                                .as("'" + p + "' ends inside a word of '" + s.it() + "'").isFalse();
                    }
                }
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(30);
    }

    @Test
    void whatIsSaidIsAStartOfTheSentenceEvenWhenTheSamplesMissedIt() {
        // one random completion per partial sentence misses most values; the sentence itself, one of those its
        // heard words begin, still cuts what is said back to what it shares with them
        HeardPrefixes one = new HeardPrefixes(grammar, 1);
        for (Template t : grammar.templates().subList(0, 20)) {
            Map<String, String> slots = new java.util.HashMap<>();
            for (Template.Slot slot : t.slots()) {
                List<Entry> values = grammar.values(slot);
                slots.put(slot.name(), values.get(values.size() - 1 - slots.size() % values.size()).key());
            }
            Sentence s;
            try {
                s = sentence(t.id(), slots);
            } catch (RuntimeException e) {
                continue;
            }
            for (String p : one.of(s, Lang.IT)) {
                assertThat(s.it()).startsWith(p);
            }
        }
    }

    @Test
    void fliteWordEndsFallInsideTheRenderedClipInOrderAndStretchWithTheTempo(@TempDir Path work) throws Exception {
        assumeTrue(Synth.FLITE.isInstalled(), "flite is not installed");
        Voice kal = Voices.all().stream().filter(v -> v.id().equals("flite:kal")).findFirst().orElseThrow();
        String text = "The train to Rome leaves at seven fifteen, from platform two.";
        FliteWordTimes times = new FliteWordTimes();
        int[] ends = times.endsMs(kal, text, 1.0, 1.0);
        int[] slow = times.endsMs(kal, text, 0.8, 1.0);
        assertThat(ends).hasSize(Grammar.words(text).size());
        for (int i = 1; i < ends.length; i++) {
            assertThat(ends[i]).isGreaterThan(ends[i - 1]);
        }
        assertThat(ends[0]).isGreaterThan(SpeechRenderer.EDGE_MS);
        // the clip: 200 ms of silence, flite's speech ending in half a pause, 200 ms of silence
        CorpusItem item = new CorpusItem("t", Split.TRAIN, List.of(new Sentence("x", "", text, "", "", Map.of())), List.of());
        float[] clip = new SpeechRenderer(work).speak(new RenderPlan(item, kal, 1.0, 1.0, 0.5, Noise.NONE, 0, 1), text, "t");
        double speechMs = clip.length * 1000.0 / SpeechRenderer.SAMPLE_RATE;
        assertThat(ends[ends.length - 1] - SpeechRenderer.EDGE_MS).isBetween((int) speechMs - 250, (int) speechMs);
        double stretch = (slow[ends.length - 1] - SpeechRenderer.EDGE_MS) / (double) (ends[ends.length - 1] - SpeechRenderer.EDGE_MS);
        assertThat(stretch).isBetween(1.2, 1.3);
    }

    @Test
    void prefixCliWritesWordEndsAndTargetsForFliteTrainingSentences(@TempDir Path corpus) throws Exception {
        assumeTrue(Synth.FLITE.isInstalled(), "flite is not installed");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertThat(CorpusCli.run(new String[] {"--out", corpus.toString(), "--seed", "3", "--train", "4", "--dev", "1",
                "--test", "0", "--synths", "flite", "--jobs", "2"}, print, print)).as(out.toString()).isZero();

        assertThat(PrefixCli.run(new String[] {"--corpus", corpus.toString()}, print, print)).as(out.toString()).isZero();

        List<String> lines = Files.readAllLines(corpus.resolve(PrefixCli.FILE), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(4); // the training sentences; not dev
        for (String line : lines) {
            JsonObject j = JsonParser.parseString(line).getAsJsonObject();
            assertThat(j.get("id").getAsString()).startsWith("train-");
            JsonArray ends = j.getAsJsonArray("ends_ms");
            assertThat(j.getAsJsonArray("zh")).hasSize(ends.size() + 1);
            assertThat(j.getAsJsonArray("it")).hasSize(ends.size() + 1);
            assertThat(j.getAsJsonArray("zh").get(0).getAsString()).isEmpty();
        }
        assertThat(out.toString()).contains("4 sentences (0 refused)");
    }

    @Test
    void badArgumentsAreNamed() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(PrefixCli.run(new String[] {"--corpus", "/nonexistent"}, print, print)).isEqualTo(2);
        assertThat(PrefixCli.run(new String[] {"--corpus", "/tmp", "--jobs", "9"}, print, print)).isEqualTo(2);
        assertThat(err.toString()).contains("no manifest.jsonl").contains("--jobs: expected a whole number in [1, 2], got '9'");
    }
}
