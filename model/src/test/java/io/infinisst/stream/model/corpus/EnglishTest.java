package io.infinisst.stream.model.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Tests for {@link English}. */
class EnglishTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, zero", "1, one", "2, two", "10, ten", "11, eleven", "13, thirteen", "20, twenty", "21, twenty one",
        "45, forty five", "99, ninety nine", "100, one hundred", "101, one hundred and one",
        "110, one hundred and ten", "115, one hundred and fifteen", "200, two hundred", "999, nine hundred and ninety nine",
        "1000, one thousand", "1001, one thousand and one", "1010, one thousand and ten",
        "1100, one thousand one hundred", "1234, one thousand two hundred and thirty four", "2000, two thousand",
        "2305, two thousand three hundred and five", "7040, seven thousand and forty",
        "9999, nine thousand nine hundred and ninety nine"})
    void readsNumbersAsASpeakerSaysThem(int n, String words) {
        assertThat(English.number(n)).isEqualTo(words);
    }

    @Test
    void numbersOutsideTheCorpusRangeAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> English.number(10000)).hasMessageContaining("10000").hasMessageContaining("0..9999");
        assertThatThrownBy(() -> English.number(-1)).hasMessageContaining("-1");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"1, first", "2, second", "3, third", "5, fifth", "8, eighth", "9, ninth", "12, twelfth",
        "20, twentieth", "21, twenty first", "22, twenty second", "23, twenty third", "30, thirtieth",
        "31, thirty first"})
    void readsOrdinalsForDates(int n, String words) {
        assertThat(English.ordinal(n)).isEqualTo(words);
    }

    @Test
    void choosesTheIndefiniteArticleBySound() {
        assertThat(English.withIndefinite("museum")).isEqualTo("a museum");
        assertThat(English.withIndefinite("airport")).isEqualTo("an airport");
        assertThat(English.withIndefinite("hour")).isEqualTo("an hour");
        assertThat(English.withIndefinite("university")).isEqualTo("a university");
        assertThat(English.withIndefinite("one way ticket")).isEqualTo("a one way ticket");
        assertThat(English.withIndefinite("euro")).isEqualTo("a euro");
    }

    @Test
    void formsRegularPlurals() {
        assertThat(English.plural("map")).isEqualTo("maps");
        assertThat(English.plural("bus")).isEqualTo("buses");
        assertThat(English.plural("church")).isEqualTo("churches");
        assertThat(English.plural("library")).isEqualTo("libraries");
        assertThat(English.plural("day")).isEqualTo("days");
    }
}
