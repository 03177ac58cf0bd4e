package io.infinisst.stream.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link TimedUnits} and {@link LatencyUnit}. */
class TimedUnitsTest {

    @Test
    void shouldGiveEachNewWordTheDelayOfThePieceThatBroughtIt() {
        TimedUnits t = TimedUnits.accumulator(LatencyUnit.WORD)
                .append("buon", 960, 1000)
                .append("giorno a ", 1920, 2000)
                .append("tutti", 2880, 3000)
                .build();
        // "buon" + "giorno" is one word, complete only with the second piece.
        assertThat(t.units()).containsExactly("buongiorno", "a", "tutti");
        assertThat(t.delays()).containsExactly(1920.0, 1920.0, 2880.0);
        assertThat(t.elapsed()).containsExactly(2000.0, 2000.0, 3000.0);
    }

    @Test
    void shouldStartNewWordAfterSpace() {
        TimedUnits t = TimedUnits.accumulator(LatencyUnit.WORD)
                .append("buon ", 960, 1000)
                .append("giorno", 1920, 2000)
                .append("", 2880, 3000)
                .build();
        assertThat(t.units()).containsExactly("buon", "giorno");
        assertThat(t.delays()).containsExactly(960.0, 1920.0);
    }

    @Test
    void shouldCountChineseCharactersWithoutSpaces() {
        assertThat(LatencyUnit.CHAR.units("我 爱 你")).containsExactly("我", "爱", "你");
        assertThat(LatencyUnit.CHAR.join(List.of("我", "爱", "你"))).isEqualTo("我爱你");
        // SimulEval: len(reference.strip()), inner spaces included
        assertThat(LatencyUnit.CHAR.referenceLength("  我爱 你 ")).isEqualTo(4);
        // SimulEval: len(reference.split(" "))
        assertThat(LatencyUnit.WORD.referenceLength("ciao a tutti")).isEqualTo(3);
        assertThat(LatencyUnit.WORD.units(" ciao  a\ttutti ")).containsExactly("ciao", "a", "tutti");
    }

    @Test
    void shouldChooseUnitByTargetLanguage() {
        assertThat(LatencyUnit.forTargetLanguage("English -> Chinese")).isEqualTo(LatencyUnit.CHAR);
        assertThat(LatencyUnit.forTargetLanguage("ja")).isEqualTo(LatencyUnit.CHAR);
        assertThat(LatencyUnit.forTargetLanguage("English -> Italian")).isEqualTo(LatencyUnit.WORD);
    }

    @Test
    void shouldRejectDelaysThatDoNotMatchUnits() {
        assertThatThrownBy(() -> new TimedUnits(List.of("a", "b"), List.of(1.0), List.of()))
                .hasMessage("delays: 1 values for 2 units");
        assertThatThrownBy(() -> new TimedUnits(List.of("a"), List.of(1.0), List.of(1.0, 2.0)))
                .hasMessage("elapsed: 2 values for 1 units (give one per unit, or none)");
    }
}
