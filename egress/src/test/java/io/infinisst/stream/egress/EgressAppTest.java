package io.infinisst.stream.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tests for {@link EgressApp}'s command line. */
class EgressAppTest {

    @Test
    void shouldUseDefaultsAndAcceptBothOptionForms() {
        assertThat(EgressApp.Options.parse()).isEqualTo(
                new EgressApp.Options("127.0.0.1:9092", "sst.translations", "0.0.0.0", 8001));
        assertThat(EgressApp.Options.parse("--bootstrap-servers", "k:1", "--topic=t", "--port", "0"))
                .isEqualTo(new EgressApp.Options("k:1", "t", "0.0.0.0", 0));
    }

    @Test
    void shouldNameTheBadOption() {
        assertThatThrownBy(() -> EgressApp.Options.parse("--port", "http"))
                .hasMessage("--port must be in 0..65535; got 'http'");
        assertThatThrownBy(() -> EgressApp.Options.parse("--topic"))
                .hasMessage("option --topic needs a value");
        assertThatThrownBy(() -> EgressApp.Options.parse("--bogus", "1"))
                .hasMessageStartingWith("unknown option '--bogus'");
    }
}
