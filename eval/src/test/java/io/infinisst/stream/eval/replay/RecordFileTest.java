package io.infinisst.stream.eval.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infinisst.stream.eval.report.SessionsLog;
import io.infinisst.stream.eval.score.Runs;
import io.infinisst.stream.protocol.records.SessionRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link RecordFile}. */
class RecordFileTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadBackExactlyTheRecordsAndSessionInfoItExported() throws Exception {
        RecordedSession a = Recordings.session("a", 1000, new long[] {1100, 1200, 1305}, "eof");
        RecordedSession b = Recordings.session("b", 1500, new long[] {1600, 1700}, null)
                .withEntry(new SessionsLog.Entry("b", null, 3, "English -> Italian", 1,
                        Runs.utterance("item-b", 0.2, "一", "uno")));
        Path f = dir.resolve("export.jsonl");
        RecordFile.write(f, List.of(a, b));

        assertThat(RecordFile.looksLikeExport(f)).isTrue();
        Map<String, RecordedSession> back = RecordFile.read(f);
        assertThat(back).containsOnlyKeys("a", "b");
        assertThat(back.get("a").records()).containsExactlyElementsOf(a.records());
        assertThat(back.get("a").pcm()).isEqualTo(a.pcm());
        assertThat(back.get("a").entry()).isNull();
        assertThat(back.get("b").records()).containsExactlyElementsOf(b.records());
        assertThat(back.get("b").entry()).isEqualTo(b.entry());
        assertThat(Files.readAllLines(f)).hasSize(1 + 5 + 1 + 3);
    }

    @Test
    void shouldRejectAFileOfAnotherFormat() throws Exception {
        Path f = dir.resolve("x.jsonl");
        Files.writeString(f, "{\"format\": \"other\"}\n");
        assertThatThrownBy(() -> RecordFile.read(f)).hasMessageContaining("line 1: expected");
        assertThat(RecordFile.looksLikeExport(f)).isFalse();
    }

    @Test
    void shouldNameTheLineOfACorruptRecord() throws Exception {
        Path f = dir.resolve("x.jsonl");
        Files.writeString(f, "{\"format\": \"sst-replay\", \"version\": 1}\n"
                + "{\"kind\": \"record\", \"session_id\": \"a\", \"serde\": \"AAAA\"}\n");
        assertThatThrownBy(() -> RecordFile.read(f)).hasMessageContaining("line 2: bad record");
    }

    @Test
    void shouldRefuseASessionWithoutStart() {
        assertThatThrownBy(() -> new RecordedSession("a", List.of(SessionRequest.audio("a", 1, 5, new byte[2])), null))
                .hasMessageContaining("session a: no START record");
    }
}
