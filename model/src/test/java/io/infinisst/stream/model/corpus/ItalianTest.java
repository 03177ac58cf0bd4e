package io.infinisst.stream.model.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link Italian}. */
class ItalianTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, zero", "1, uno", "3, tre", "10, dieci", "11, undici", "16, sedici", "17, diciassette", "20, venti",
        "21, ventuno", "23, ventitré", "28, ventotto", "33, trentatré", "38, trentotto", "80, ottanta",
        "100, cento", "101, centouno", "103, centotré", "108, centootto", "110, centodieci", "180, centottanta",
        "288, duecentottantotto", "1000, mille", "1001, milleuno", "1003, milletré", "1080, milleottanta",
        "1100, millecento", "2000, duemila", "2305, duemilatrecentocinque", "3000, tremila",
        "9999, novemilanovecentonovantanove"})
    void readsNumbersAsOneWord(int n, String words) {
        assertThat(Italian.number(n)).isEqualTo(words);
    }

    @Test
    void definiteArticleFollowsGenderNumberAndFirstSounds() {
        assertThat(Italian.definite("museo", Gender.M, false)).isEqualTo("il ");
        assertThat(Italian.definite("zaino", Gender.M, false)).isEqualTo("lo ");
        assertThat(Italian.definite("studente", Gender.M, false)).isEqualTo("lo ");
        assertThat(Italian.definite("ospedale", Gender.M, false)).isEqualTo("l'");
        assertThat(Italian.definite("hotel", Gender.M, false)).isEqualTo("l'");
        assertThat(Italian.definite("banca", Gender.F, false)).isEqualTo("la ");
        assertThat(Italian.definite("sciarpa", Gender.F, false)).isEqualTo("la ");
        assertThat(Italian.definite("ambasciata", Gender.F, false)).isEqualTo("l'");
        assertThat(Italian.definite("musei", Gender.M, true)).isEqualTo("i ");
        assertThat(Italian.definite("zaini", Gender.M, true)).isEqualTo("gli ");
        assertThat(Italian.definite("ospedali", Gender.M, true)).isEqualTo("gli ");
        assertThat(Italian.definite("ambasciate", Gender.F, true)).isEqualTo("le ");
    }

    @Test
    void indefiniteArticleFollowsGenderAndFirstSounds() {
        assertThat(Italian.indefinite("biglietto", Gender.M)).isEqualTo("un ");
        assertThat(Italian.indefinite("ospedale", Gender.M)).isEqualTo("un ");
        assertThat(Italian.indefinite("zaino", Gender.M)).isEqualTo("uno ");
        assertThat(Italian.indefinite("yogurt", Gender.M)).isEqualTo("uno ");
        assertThat(Italian.indefinite("camera", Gender.F)).isEqualTo("una ");
        assertThat(Italian.indefinite("ora", Gender.F)).isEqualTo("un'");
    }

    @Test
    void prepositionsFuseWithTheArticle() {
        assertThat(Italian.articulated("a", "museo", Gender.M, false)).isEqualTo("al ");
        assertThat(Italian.articulated("a", "stadio", Gender.M, false)).isEqualTo("allo ");
        assertThat(Italian.articulated("a", "aeroporto", Gender.M, false)).isEqualTo("all'");
        assertThat(Italian.articulated("a", "stazione", Gender.F, false)).isEqualTo("alla ");
        assertThat(Italian.articulated("a", "nove", Gender.F, true)).isEqualTo("alle ");
        assertThat(Italian.articulated("a", "treni", Gender.M, true)).isEqualTo("ai ");
        assertThat(Italian.articulated("a", "zaini", Gender.M, true)).isEqualTo("agli ");
        assertThat(Italian.articulated("di", "studenti", Gender.M, true)).isEqualTo("degli ");
        assertThat(Italian.articulated("di", "venti", Gender.M, false)).isEqualTo("del ");
        assertThat(Italian.articulated("in", "ufficio", Gender.M, false)).isEqualTo("nell'");
        assertThat(Italian.articulated("da", "una", Gender.F, false)).isEqualTo("dall'");
        assertThat(Italian.articulated("su", "scale", Gender.F, true)).isEqualTo("sulle ");
    }

    @Test
    void unknownPrepositionIsRejectedNamingIt() {
        assertThatThrownBy(() -> Italian.articulated("per", "museo", Gender.M, false)).hasMessageContaining("'per'");
    }
}
