package io.infinisst.stream.eval.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tests for {@link Languages}. */
class LanguagesTest {
    @Test
    void shouldMapPairsToTargetCodesAndSlugs() {
        assertThat(Languages.targetCode("English -> Chinese")).isEqualTo("zh");
        assertThat(Languages.targetCode("English -> Italian")).isEqualTo("it");
        assertThat(Languages.targetCode("en -> de")).isEqualTo("de");
        assertThat(Languages.slug("English -> Chinese")).isEqualTo("en-zh");
    }
}
