package io.infinisst.stream.model.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link CorpusCli}. */
class CorpusCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void textOnlyWritesEveryItemAsJsonLines(@TempDir Path dir) throws Exception {
        int status = run("--out", dir.toString(), "--seed", "4", "--train", "50", "--dev", "10", "--test", "20",
                "--streams", "3", "--text-only");
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("text.jsonl"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(50 + 10 + 20 + 3 * 3);
        assertThat(lines.get(0)).startsWith("{\"id\":\"train-000001\",\"split\":\"train\",\"kind\":\"sentence\",\"en\":");
        assertThat(lines).filteredOn(l -> l.contains("\"kind\":\"stream\"")).hasSize(9)
                .allMatch(l -> l.contains("\"pause_ms\":"));
        assertThat(Files.exists(dir.resolve("manifest.jsonl"))).isFalse();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("sentences/s");

        run("--out", dir.resolve("again").toString(), "--seed", "4", "--train", "50", "--dev", "10", "--test", "20",
                "--streams", "3", "--text-only");
        assertThat(Files.readAllLines(dir.resolve("again/text.jsonl"), StandardCharsets.UTF_8)).isEqualTo(lines);
    }

    @Test
    void badArgumentsAreRejectedNamingFlagAndValue() {
        assertThat(run("--train", "5")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--out is required").contains("usage:");
        assertRejected("--jobs must be 1 or 2", "--out", "x", "--jobs", "3");
        assertRejected("--train must be an integer, was 'many'", "--out", "x", "--train", "many");
        assertRejected("unknown synthesizer 'say'", "--out", "x", "--synths", "espeak-ng,say");
        assertRejected("unknown option '--voices'", "--out", "x", "--voices", "all");
        assertRejected("--seed needs a value", "--out", "x", "--seed");
    }

    @Test
    void helpPrintsUsage() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--text-only").contains("--streams");
    }

    private void assertRejected(String message, String... args) {
        err.reset();
        assertThat(run(args)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(message);
    }

    private int run(String... args) {
        return CorpusCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
