package io.infinisst.stream.model.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link Lexicon} and the forms of {@link Entry}. */
class LexiconTest {

    @Test
    void headerDecidesTheKindOfEntry() {
        Lexicon lexicon = new Lexicon();
        assertThat(lexicon.entry("place", "museum").kind()).isEqualTo(Entry.Kind.NOUN);
        assertThat(lexicon.entry("color", "red").kind()).isEqualTo(Entry.Kind.ADJECTIVE);
        assertThat(lexicon.entry("city", "Rome").kind()).isEqualTo(Entry.Kind.PHRASE);
    }

    @Test
    void nounsDeriveArticlesPossessivesAndArticulatedPrepositions() {
        Entry zaino = new Lexicon().entry("item", "backpack");
        assertThat(zaino.form(Lang.IT, "def")).isEqualTo("lo zaino");
        assertThat(zaino.form(Lang.IT, "defpl")).isEqualTo("gli zaini");
        assertThat(zaino.form(Lang.IT, "indef")).isEqualTo("uno zaino");
        assertThat(zaino.form(Lang.IT, "none")).isEqualTo("nessuno zaino");
        assertThat(zaino.form(Lang.IT, "di")).isEqualTo("dello zaino");
        assertThat(zaino.form(Lang.IT, "my")).isEqualTo("il mio zaino");
        assertThat(zaino.form(Lang.IT, "yourpl")).isEqualTo("i tuoi zaini");
        assertThat(zaino.form(Lang.EN, "a")).isEqualTo("a backpack");
        assertThat(zaino.form(Lang.ZH, "m")).isEqualTo("个");
    }

    @Test
    void pluralGenderCanDifferFromSingular() {
        Entry braccio = new Lexicon().entry("bodypart", "arm");
        assertThat(braccio.gender(false)).isEqualTo(Gender.M);
        assertThat(braccio.gender(true)).isEqualTo(Gender.F);
        assertThat(braccio.form(Lang.IT, "def")).isEqualTo("il braccio");
        assertThat(braccio.form(Lang.IT, "defpl")).isEqualTo("le braccia");
    }

    @Test
    void explicitColumnsOverrideDerivedForms() {
        Entry bank = new Lexicon().entry("place", "bank");
        assertThat(bank.form(Lang.IT, "loc")).isEqualTo("in banca");
        assertThat(new Lexicon().entry("place", "museum").form(Lang.IT, "loc")).isEqualTo("al museo");
    }

    @Test
    void malformedLinesAreRejectedWithFileAndLine() {
        assertThatThrownBy(() -> Lexicon.parse("x", "x.tsv", List.of("en\tzh\tit", "a\tb")))
                .hasMessageContaining("x.tsv:2").hasMessageContaining("2 cells");
        assertThatThrownBy(() -> Lexicon.parse("x", "x.tsv", List.of("en\tzh\tit\tit_pl\tit_g", "a\tb\tc\td\tn")))
                .hasMessageContaining("x.tsv:2").hasMessageContaining("'n'");
        assertThatThrownBy(() -> Lexicon.parse("x", "x.tsv", List.of("en\tit\tit_pl\tit_g", "a\tc\td\tm")))
                .hasMessageContaining("lacks column zh");
        assertThatThrownBy(() -> new Lexicon().category("planet")).hasMessageContaining("'planet'");
    }
}
