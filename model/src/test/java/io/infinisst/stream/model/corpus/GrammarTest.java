package io.infinisst.stream.model.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tests for {@link Grammar}. */
class GrammarTest {
    private static Grammar grammar;

    @BeforeAll
    static void load() {
        grammar = Grammar.load();
    }

    @Test
    void everyTemplateRendersWithEveryValueOfEverySlot() {
        assertThat(grammar.validate()).isEmpty();
    }

    @Test
    void noTwoTemplatesCanSayTheSameSentence() {
        assertThat(grammar.duplicateSentences()).isEmpty();
    }

    @Test
    void coversTheEverydayDomainsBroadly() {
        Grammar.Coverage c = grammar.coverage();
        assertThat(c.templates()).isGreaterThanOrEqualTo(200);
        assertThat(c.englishWordTypes()).isGreaterThanOrEqualTo(500);
        assertThat(c.possibleSentences()).isGreaterThan(BigInteger.valueOf(100_000));
        assertThat(c.templatesPerDomain()).containsKeys("greetings", "numbers", "shopping", "time", "dates", "weather",
                "directions", "travel", "hotel", "places", "meetings", "restaurant", "requests", "health", "people");
    }

    @Test
    void renderingsAreCapitalizedAndPunctuated() {
        for (Template t : grammar.templates()) {
            Sentence s = firstRendering(t);
            assertThat(Character.isUpperCase(s.en().charAt(0))).as(s.en()).isTrue();
            assertThat(Character.isUpperCase(s.it().charAt(0))).as(s.it()).isTrue();
            assertThat(s.en()).as(t.id()).matches(".*[.?]$");
            assertThat(s.it()).as(t.id()).matches(".*[.?]$");
            assertThat(s.zh()).as(t.id()).matches(".*[。？]$").doesNotContain(" ");
        }
    }

    @Test
    void chineseWritesNumbersInCharacters() {
        for (Template t : grammar.templates()) {
            String zh = firstRendering(t).zh();
            assertThat(zh).as(t.id()).doesNotContainPattern("[0-9]");
        }
    }

    @Test
    void italianAdjectivesAgreeWithTheNoun() {
        assertThat(grammar.render("pl04", Map.of("p", "bank", "a", "beautiful")).it())
                .isEqualTo("La banca è molto bella.");
        assertThat(grammar.render("pl04", Map.of("p", "museum", "a", "beautiful")).it())
                .isEqualTo("Il museo è molto bello.");
        assertThat(grammar.render("sh15", Map.of("x", "shirt", "a", "expensive")).it())
                .isEqualTo("Questa camicia è troppo cara.");
        assertThat(grammar.render("sh24", Map.of("x", "hat", "k", "black")).it())
                .isEqualTo("I cappelli neri sono esauriti.");
        assertThat(grammar.render("sh28", Map.of("x", "backpack")).it()).isEqualTo("Quanto costano questi zaini?");
        assertThat(grammar.render("pe01", Map.of("n", "Marco", "s", "tired")).it()).isEqualTo("Marco è stanco.");
        assertThat(grammar.render("pe02", Map.of("n", "Giulia", "s", "worried")).it())
                .isEqualTo("Penso che Giulia sia preoccupata.");
    }

    @Test
    void measureWordsFollowTheNoun() {
        assertThat(grammar.render("sh05", Map.of("n", "2", "x", "book")).zh()).isEqualTo("请给我两本书。");
        assertThat(grammar.render("sh05", Map.of("n", "2", "x", "umbrella")).zh()).isEqualTo("请给我两把伞。");
        assertThat(grammar.render("sh05", Map.of("n", "5", "x", "jacket")).zh()).isEqualTo("请给我五件夹克。");
        assertThat(grammar.render("re02", Map.of("f", "beer")).zh()).isEqualTo("我要一杯啤酒，谢谢。");
        assertThat(grammar.render("pl10", Map.of("n", "3", "p", "museum")).zh()).isEqualTo("这个城市有三座博物馆。");
    }

    @Test
    void unknownTemplateOrSlotValueIsRejectedNamingIt() {
        assertThatThrownBy(() -> grammar.render("zz99", Map.of())).hasMessageContaining("'zz99'");
        assertThatThrownBy(() -> grammar.render("di01", Map.of("p", "moon")))
                .hasMessageContaining("di01").hasMessageContaining("'p'").hasMessageContaining("'moon'");
    }

    @Test
    void malformedTemplateLinesAreRejectedWithTheirLine() {
        assertThatThrownBy(() -> Grammar.parse(List.of("x1\tgreetings\t-\tHello."), new Lexicon()))
                .hasMessageContaining("templates.tsv:1").hasMessageContaining("6 tab-separated cells");
        assertThatThrownBy(() -> Grammar.parse(List.of("x1\tgreetings\tp=place\tWhere is {q}?\t{p}？\t{p}?"),
                new Lexicon())).hasMessageContaining("unknown slot 'q'");
        assertThatThrownBy(() -> Grammar.parse(List.of("x1\tgreetings\tp=planet\tHi {p}.\t{p}。\t{p}."), new Lexicon()))
                .hasMessageContaining("unknown lexicon category 'planet'");
    }

    @Test
    void aTemplateAskingForAFormTheValueLacksIsReported() {
        Grammar bad = Grammar.parse(List.of("x1\tplaces\tc=city\tIn {c}.\t在{c}。\tIn {c.def}."), new Lexicon());
        assertThat(bad.validate()).isNotEmpty().first().asString()
                .contains("template x1 (it)").contains("{c.def}").contains("city:London");
    }

    private static Sentence firstRendering(Template t) {
        Map<String, Entry> values = new java.util.HashMap<>();
        int i = 0;
        for (Template.Slot slot : t.slots()) {
            List<Entry> v = grammar.values(slot);
            values.put(slot.name(), v.get(Math.min(i++, v.size() - 1)));
        }
        return t.render(values);
    }
}
