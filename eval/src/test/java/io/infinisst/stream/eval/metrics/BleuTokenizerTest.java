package io.infinisst.stream.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Tests for {@link BleuTokenizer}. Expected strings follow sacreBLEU's tokenizer sources rule by rule (and
 * agree with what those sources produce when run).
 */
class BleuTokenizerTest {

    @Test
    void shouldSplitPunctuationLike13a() {
        assertThat(BleuTokenizer.THIRTEEN_A.tokenize("I'm a student.")).isEqualTo("I'm a student .");
        assertThat(BleuTokenizer.THIRTEEN_A.tokenize("It wasn't surprising.")).isEqualTo("It wasn't surprising .");
        // entities unescaped, <skipped> dropped, dash split after a digit only, digits keep their , and .
        assertThat(BleuTokenizer.THIRTEEN_A.tokenize("&quot;Hello&quot; &amp; bye <skipped>3-4 $1,000.50 a-b"))
                .isEqualTo("\" Hello \" & bye 3 - 4 $ 1,000.50 a-b");
    }

    @Test
    void shouldUsePythonWhitespaceNotJavaWhitespace() {
        // U+00A0 and U+3000 are whitespace to Python's split(); U+200B is not.
        assertThat(BleuTokenizer.THIRTEEN_A.tokenize("a\u00A0b\u3000c\u200Bd")).isEqualTo("a b c\u200Bd");
    }

    @Test
    void shouldSeparateEachChineseCharacter() {
        // ℃ (U+2103) and 。 (U+3002) are in sacreBLEU's ranges; the digits are not.
        assertThat(BleuTokenizer.ZH.tokenize("温度是25℃。")).isEqualTo("温 度 是 25 ℃ 。");
        assertThat(BleuTokenizer.ZH.tokenize("我爱New York, 真的.")).isEqualTo("我 爱 New York , 真 的 .");
    }

    @Test
    void shouldLeaveKanaAndExtensionBJoinedAsSacrebleuDoes() {
        // Hiragana/katakana are outside the ranges; U+20000 is too, because Python reads '\u20000' as
        // U+2000 followed by '0'.
        assertThat(BleuTokenizer.ZH.tokenize("日本のカタカナ")).isEqualTo("日 本 のカタカナ");
        assertThat(BleuTokenizer.ZH.tokenize("\uD840\uDC00字")).isEqualTo("\uD840\uDC00 字");
    }

    @Test
    void shouldSeparateGeneralPunctuationThroughTheMisreadRange() {
        // The misread range U+2001..U+2A6D covers curly quotes, dashes and the ellipsis.
        assertThat(BleuTokenizer.ZH.tokenize("“你好”——他说…")).isEqualTo("“ 你 好 ” — — 他 说 …");
        assertThat(BleuTokenizer.isChineseChar(0x2000)).isFalse();
        assertThat(BleuTokenizer.isChineseChar(0x2001)).isTrue();
        assertThat(BleuTokenizer.isChineseChar(0x2A6D)).isTrue();
        assertThat(BleuTokenizer.isChineseChar(0x2A6E)).isFalse();
        assertThat(BleuTokenizer.isChineseChar(0x9FBB)).isTrue();
        assertThat(BleuTokenizer.isChineseChar(0x9FBC)).isFalse();
        assertThat(BleuTokenizer.isChineseChar(0x20000)).isFalse();
    }

    @Test
    void shouldNotPadZhInputLike13aDoes() {
        // 13a pads the line with spaces, so a leading "." follows a non-digit and is split off; zh does not pad.
        assertThat(BleuTokenizer.ZH.tokenize(".5元")).isEqualTo(".5 元");
        assertThat(BleuTokenizer.THIRTEEN_A.tokenize(".5元")).isEqualTo(". 5元");
    }

    @Test
    void shouldChooseTokenizerByTargetLanguage() {
        assertThat(BleuTokenizer.forTargetLanguage("English -> Chinese")).isEqualTo(BleuTokenizer.ZH);
        assertThat(BleuTokenizer.forTargetLanguage("zh-CN")).isEqualTo(BleuTokenizer.ZH);
        assertThat(BleuTokenizer.forTargetLanguage("English -> Italian")).isEqualTo(BleuTokenizer.THIRTEEN_A);
        assertThat(BleuTokenizer.of("13a")).isEqualTo(BleuTokenizer.THIRTEEN_A);
        assertThatThrownBy(() -> BleuTokenizer.of("intl"))
                .hasMessage("tokenize: unknown BLEU tokenizer 'intl' (supported: none, 13a, zh, char)");
    }
}
