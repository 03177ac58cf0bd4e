package io.infinisst.stream.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link StreamCheck}'s latency measure and the clips it streams. */
class StreamCheckTest {
    @Test
    void laalOfTextSaidAtTheEndIsTheSourceLength() {
        assertThat(StreamCheck.laal(List.of(2.0, 2.0, 2.0), 2.0, 3)).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void laalOfTextSaidAtTheIdealPaceIsItsLagBehindThatPace() {
        // Three units over 1.5 s: the ideal says them at 0, 0.5 and 1.0 s; each comes 0.5 s later.
        assertThat(StreamCheck.laal(List.of(0.5, 1.0, 1.5), 1.5, 3)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void laalStopsAtTheFirstUnitSaidAfterTheSourceAndUsesTheLongerOfHypothesisAndReference() {
        // Reference of 4 units: rate 0.5 s; units after the first one said at the end are not counted.
        assertThat(StreamCheck.laal(List.of(1.0, 2.0, 2.0), 2.0, 4)).isCloseTo((1.0 + 1.5) / 2, within(1e-9));
        assertThat(StreamCheck.laal(List.of(), 2.0, 4)).as("nothing said: the whole source").isEqualTo(2.0);
    }

    @Test
    void aRepeatedSentenceIsItsAudioNTimesWithSilentGapsBetween() {
        float[] a = {1, 2};
        assertThat(StreamCheck.repeated(a, 3, 2)).containsExactly(1, 2, 0, 0, 1, 2, 0, 0, 1, 2);
        assertThat(StreamCheck.repeated(a, 1, 2)).isSameAs(a);
    }

    @Test
    void aCutStreamIsItsSentencesWithAtMost200MsOfSilenceAndNoneOfTheNeighboursPause() {
        JsonObject stream = JsonParser.parseString("""
                {"id": "test-stream-1", "kind": "stream", "noise": "pink", "synth": "flite", "wav": "wav/s.wav",
                 "zh": "甲。乙。", "sentences": [{"zh": "甲。", "start_ms": 200, "end_ms": 1000},
                                              {"zh": "乙。", "start_ms": 1300, "end_ms": 2000, "pause_ms": 300}]}""")
                .getAsJsonObject();
        List<StreamCheck.Item> cut = StreamCheck.cut(stream, Path.of("corpus"), "zh");
        assertThat(cut).extracting(StreamCheck.Item::id).containsExactly("test-stream-1-0", "test-stream-1-1");
        assertThat(cut).allSatisfy(it -> {
            assertThat(it.kind()).isEqualTo("cut");
            assertThat(it.noisy()).isTrue();
            assertThat(it.wav()).isEqualTo(Path.of("corpus", "wav", "s.wav"));
        });
        // 200 ms before the first; the 300 ms pause split in half; 200 ms after the last.
        assertThat(List.of(cut.get(0).fromMs(), cut.get(0).toMs(), cut.get(1).fromMs(), cut.get(1).toMs()))
                .containsExactly(0, 1150, 1150, 2200);
        assertThat(cut).extracting(StreamCheck.Item::target).containsExactly("甲。", "乙。");

        JsonObject sentence = JsonParser.parseString("""
                {"id": "test-000001", "kind": "sentence", "noise": "none", "synth": "espeak-ng", "wav": "wav/t.wav",
                 "zh": "丙。"}""").getAsJsonObject();
        assertThat(StreamCheck.cut(sentence, Path.of("corpus"), "zh")).singleElement()
                .satisfies(it -> assertThat(it.kind()).isEqualTo("sentence")).extracting(StreamCheck.Item::fromMs).isEqualTo(-1);
    }

    @Test
    void joinedClipsKeep50MsAroundTheirSpeechThePauseBetweenAnd200MsOutside() {
        float[] a = new float[16_000]; // 1 s: speech (a 0.1 amplitude tone, -23 dBFS) from 0.3 to 0.5 s
        for (int i = 4_800; i < 8_000; i++) {
            a[i] = (float) (0.1 * Math.sin(i * 0.3));
        }
        float[] t = StreamCheck.trimmed(a);
        assertThat(t).hasSize(3_200 + 2 * 800);
        assertThat(t[800]).isEqualTo(a[4_800]);
        assertThat(StreamCheck.trimmed(new float[1_000])).as("silence is left whole").hasSize(1_000);

        float[] j = StreamCheck.joined(a, 3_200, a);
        assertThat(j).hasSize(3_200 + t.length + 3_200 + t.length + 3_200);
        assertThat(j[3_200 + 800]).isEqualTo(a[4_800]);
        assertThat(j[3_200 + t.length + 3_200 + 800]).isEqualTo(a[4_800]);
    }
}
