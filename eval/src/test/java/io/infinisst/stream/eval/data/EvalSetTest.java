package io.infinisst.stream.eval.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infinisst.stream.protocol.records.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link EvalSet}. */
class EvalSetTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadUtterancesAndStreamsKeepingHeldOutSplits() throws Exception {
        Path m = dir.resolve("manifest.jsonl");
        Files.writeString(m, String.join("\n",
                "{\"id\": \"t1\", \"split\": \"train\", \"voice\": \"v1\", \"wav\": \"a/t1.wav\", \"duration\": 2.0,"
                        + " \"en\": \"hello\", \"zh\": \"你好\", \"it\": \"ciao\"}",
                "{\"id\": \"h1\", \"split\": \"test\", \"voice\": \"v9\", \"wav_path\": \"a/h1.wav\", \"duration\": 1.5,"
                        + " \"en\": \"thanks\", \"zh\": \"谢谢\", \"it\": \"grazie\"}",
                "",
                "{\"id\": \"s1\", \"split\": \"test_stream\", \"wav\": \"/abs/s1.wav\", \"duration_s\": 6,"
                        + " \"sentences\": [{\"start\": 0.5, \"end\": 2.0, \"en\": \"a\", \"zh\": \"一\", \"it\": \"uno\"},"
                        + " {\"start_ms\": 3000, \"duration_ms\": 1200, \"en\": \"b\", \"zh\": \"二\", \"it\": \"due\"}]}"));
        EvalSet set = EvalSet.load(m, Set.of());

        assertThat(set.items()).extracting(EvalItem::id).containsExactly("h1", "s1");
        EvalItem h1 = set.items().get(0);
        assertThat(h1.wav()).isEqualTo(dir.resolve("a/h1.wav"));
        assertThat(h1.source()).isEqualTo("thanks");
        assertThat(h1.reference("English -> Chinese")).isEqualTo("谢谢");
        assertThat(h1.reference("English -> Italian")).isEqualTo("grazie");
        assertThat(h1.references()).doesNotContainKey("id");
        EvalItem s1 = set.items().get(1);
        assertThat(s1.isStream()).isTrue();
        assertThat(s1.durationSeconds()).isEqualTo(6.0);
        assertThat(s1.sentences().get(0).startMs()).isEqualTo(500.0);
        assertThat(s1.sentences().get(0).durationMs()).isEqualTo(1500.0);
        assertThat(s1.sentences().get(1).startMs()).isEqualTo(3000.0);
        assertThat(s1.reference("English -> Chinese")).isEqualTo("一二");
        assertThat(s1.reference("English -> Italian")).isEqualTo("uno due");
        assertThat(s1.referenceSentences("English -> Italian")).extracting(r -> r.text()).containsExactly("uno", "due");
        assertThat(set.utterances()).extracting(EvalItem::id).containsExactly("h1");

        assertThat(EvalSet.load(m, Set.of("train")).items()).extracting(EvalItem::id).containsExactly("t1");
    }

    @Test
    void shouldNameTheLineAndFieldOfABadItem() throws Exception {
        Path m = dir.resolve("bad.jsonl");
        Files.writeString(m, "{\"id\": \"x\", \"split\": \"test\"}\n");
        assertThatThrownBy(() -> EvalSet.load(m, Set.of())).hasMessageContaining("line 1")
                .hasMessageContaining("item x: no WAV path");
    }

    @Test
    void shouldReadBackAnItemItWrote() throws Exception {
        EvalItem item = new EvalItem("s", "test", "v", Path.of("/w/s.wav"), 4.0, "a b", java.util.Map.of(), List.of(
                new EvalItem.Sentence(0, 1000, "a", java.util.Map.of("zh", "一", "it", "uno")),
                new EvalItem.Sentence(1500, 900, "b", java.util.Map.of("zh", "二", "it", "due"))));
        EvalItem back = EvalSet.parse(Json.MAPPER.valueToTree(EvalSet.toJson(item)), null);
        assertThat(back).isEqualTo(item);
    }
}
