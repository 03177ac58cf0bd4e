package io.infinisst.stream.model.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link Chinese}. */
class ChineseTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 零", "1, 一", "2, 二", "10, 十", "11, 十一", "12, 十二", "19, 十九", "20, 二十", "22, 二十二", "99, 九十九",
        "100, 一百", "101, 一百零一", "110, 一百一十", "111, 一百一十一", "200, 两百", "250, 两百五十",
        "305, 三百零五", "1000, 一千", "1001, 一千零一", "1010, 一千零一十", "1100, 一千一百", "1200, 一千二百",
        "2000, 两千", "2002, 两千零二", "2305, 两千三百零五", "3050, 三千零五十", "9999, 九千九百九十九"})
    void readsNumbersInCharacters(int n, String reading) {
        assertThat(Chinese.number(n)).isEqualTo(reading);
    }

    @Test
    void countsWithLiangBeforeAMeasureWord() {
        assertThat(Chinese.count(2)).isEqualTo("两");
        assertThat(Chinese.count(1)).isEqualTo("一");
        assertThat(Chinese.count(12)).isEqualTo("十二");
        assertThat(Chinese.count(22)).isEqualTo("二十二");
        assertThat(Chinese.count(200)).isEqualTo("两百");
        assertThat(Chinese.count(2000)).isEqualTo("两千");
    }

    @Test
    void readsDecimalsDigitByDigit() {
        assertThat(Chinese.decimal(12, 50)).isEqualTo("十二点五");
        assertThat(Chinese.decimal(2, 50)).isEqualTo("二点五");
        assertThat(Chinese.decimal(1, 99)).isEqualTo("一点九九");
        assertThat(Chinese.decimal(7, 5)).isEqualTo("七点零五");
        assertThat(Chinese.decimal(30, 0)).isEqualTo("三十");
    }
}
