package io.infinisst.stream.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infinisst.stream.eval.audio.Wav;
import io.infinisst.stream.eval.client.StreamClient;
import io.infinisst.stream.protocol.records.Json;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bundled models through the whole running system on the default configuration (one slot per pair): a
 * held-out utterance (a voice and a sentence never used in training, from the corpus's test split) streamed over
 * the WebSocket comes back as its reference translation, in Chinese and in Italian.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TranslationITCase {

    @TempDir
    static Path tmp;

    @RegisterExtension
    static final RunningStack STACK = new RunningStack(cfg -> {
        assertThat(cfg.languages.values()).allSatisfy(l -> assertThat(l.modelConfig.modelType).isEqualTo("bundled"));
    });

    /** Test-split utterances of the corpus generated with seed 1 (docs/corpus.md), kept as fixtures. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"English -> Chinese, held-out/test-000137, zh", "English -> Italian, held-out/test-000137, it"})
    void shouldTranslateAHeldOutUtteranceStreamedOverTheWebSocket(String pair, String fixture, String target)
            throws Exception {
        JsonNode item;
        try (InputStream in = TranslationITCase.class.getResourceAsStream("/" + fixture + ".json")) {
            item = Json.MAPPER.readTree(in);
        }
        Path wavFile = tmp.resolve(target + ".wav");
        try (InputStream in = TranslationITCase.class.getResourceAsStream("/" + fixture + ".wav")) {
            Files.copy(in, wavFile);
        }
        Wav wav = Wav.read(wavFile);

        StreamClient client = new StreamClient(StreamClient.Options.defaults(STACK.base(), pair)
                .withLatencyMultiplier(1).withSpeed(2.0));
        StreamClient.Result r = client.stream(wav, t -> {});

        assertThat(r.errors()).isEmpty();
        assertThat(r.completed()).isTrue();
        String said = r.translations().stream().map(StreamClient.Received::text).collect(Collectors.joining());
        assertThat(said).as("translation of '%s' (voice %s)", item.path("en").asText(), item.path("voice").asText())
                .isEqualTo(item.path(target).asText());
    }
}
