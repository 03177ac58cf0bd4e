package io.infinisst.stream.model.torchscript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.infinisst.stream.model.ModelSpec;
import io.infinisst.stream.model.StepInput;
import io.infinisst.stream.model.StepOutput;
import io.infinisst.stream.model.StreamingTranslator;
import io.infinisst.stream.model.Translators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link TorchScriptTranslator} on the TEST models that scripts/make-test-torchscript.py writes
 * (committed under src/test/resources/torchscript): echo-level says how loud each chunk is.
 */
class TorchScriptTranslatorTest {
    private static final int CHUNK = 15_360; // 0.96 s at 16 kHz
    private static final String PAIR = "English -> Chinese";

    @TempDir
    Path tmp;

    private TorchScriptTranslator model;

    @BeforeEach
    void openModel() throws IOException {
        model = echoLevel();
    }

    @AfterEach
    void closeModel() {
        model.close();
    }

    @Test
    void theTestModelDeclaresItsRateAndStateSize() {
        assertThat(model.sampleRate()).isEqualTo(16_000);
        assertThat(model.stateSize()).isEqualTo(2);
        assertThat(model.name()).isEqualTo("torchscript(model.pt)");
        assertThat(model.file()).isEqualTo(resource("echo-level/model.pt"));
    }

    @Test
    void eachChunkIsNamedByItsLevelAndTheLastOneCountsTheChunks() {
        model.open("s");
        List<String> texts = new ArrayList<>();
        texts.add(step("s", 0, sine(CHUNK, 0.5f), false));     // -9 dBFS
        texts.add(step("s", 1, sine(CHUNK, 0.4f), false));     // still loud
        texts.add(step("s", 2, sine(CHUNK, 0.01f), false));    // -43 dBFS
        texts.add(step("s", 3, new float[CHUNK], false));      // digital silence
        texts.add(step("s", 4, new float[0], false));          // nothing heard: nothing said
        texts.add(step("s", 5, sine(4_000, 0.001f), true));    // -63 dBFS, then the end

        assertThat(texts).containsExactly("loud", " same", " quiet", " silence", "", " same end 5");
        assertThat(String.join("", texts)).isEqualTo("loud same quiet silence same end 5");
    }

    @Test
    void theLevelIsMeasuredOverTheChunksOwnSamplesNotThePadding() {
        // Alone a short loud chunk is loud; padded beside a long one it must still be (lengths are passed).
        model.open("long");
        model.open("short");
        List<StepOutput> out = model.step(List.of(
                new StepInput("long", 0, new float[CHUNK * 2], false),
                new StepInput("short", 0, sine(800, 0.5f), true)));
        assertThat(out).containsExactly(new StepOutput("long", "silence"), new StepOutput("short", "loud end 1"));
    }

    @Test
    void aBatchedStepGivesEachSessionWhatItGetsAlone() throws IOException {
        List<List<StepInput>> steps = List.of(
                List.of(in("a", 0, sine(CHUNK, 0.5f), false), in("b", 0, sine(4_037, 0.02f), false),
                        in("c", 0, new float[0], false), in("d", 0, new float[CHUNK], true)),
                List.of(in("b", 1, sine(CHUNK, 0.02f), false), in("a", 1, new float[CHUNK / 3], false),
                        in("c", 1, sine(CHUNK, 0.9f), false)),
                List.of(in("c", 2, sine(100, 0.9f), true), in("a", 2, sine(CHUNK, 0.5f), true),
                        in("b", 2, new float[0], true)));
        List.of("a", "b", "c", "d").forEach(model::open);
        Map<String, StringBuilder> together = new HashMap<>();
        for (List<StepInput> batch : steps) {
            List<StepOutput> out = model.step(batch);
            assertThat(out).extracting(StepOutput::sessionId)
                    .containsExactlyElementsOf(batch.stream().map(StepInput::sessionId).toList());
            out.forEach(o -> together.computeIfAbsent(o.sessionId(), k -> new StringBuilder()).append(o.text()));
        }

        Map<String, StringBuilder> alone = new HashMap<>();
        try (TorchScriptTranslator other = echoLevel()) {
            List.of("a", "b", "c", "d").forEach(other::open);
            for (List<StepInput> batch : steps) {
                for (StepInput in : batch) {
                    alone.computeIfAbsent(in.sessionId(), k -> new StringBuilder())
                            .append(other.step(List.of(in)).get(0).text());
                }
            }
        }
        assertThat(text(together)).isEqualTo(text(alone)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "a", "loud silence loud end 3",
                "b", "quiet same end 2",
                "c", "loud same end 2",
                "d", "silence end 1"));
    }

    @Test
    void stateIsCarriedAcrossStepsSoTheCountGoesPastNine() {
        model.open("s");
        StringBuilder text = new StringBuilder();
        for (int chunk = 0; chunk < 12; chunk++) {
            text.append(step("s", chunk, sine(1_600, chunk % 4 < 2 ? 0.5f : 0.01f), chunk == 11));
        }
        assertThat(text).hasToString("loud same quiet same loud same quiet same loud same quiet same end 1 2");
    }

    @Test
    void reopeningASessionStartsItsStateAndTextAfresh() {
        model.open("s");
        assertThat(step("s", 0, sine(CHUNK, 0.5f), false)).isEqualTo("loud");
        assertThat(step("s", 1, sine(CHUNK, 0.5f), false)).isEqualTo(" same");
        model.open("s");
        assertThat(model.openSessions()).isEqualTo(1);
        assertThat(step("s", 0, sine(CHUNK, 0.5f), true)).isEqualTo("loud end 1");

        model.close("s");
        model.close("never-opened");
        assertThat(model.openSessions()).isZero();
        model.open("s");
        assertThat(step("s", 0, new float[0], true)).isEqualTo("end 0");
    }

    @Test
    void stepsLeaveNoArraysBehind() {
        int before = model.liveArrays();
        List.of("a", "b", "c").forEach(model::open);
        for (long chunk = 0; chunk < 4; chunk++) {
            long c = chunk;
            model.step(List.of(in("a", c, sine(CHUNK, 0.3f), false), in("b", c, new float[CHUNK], c == 3),
                    in("c", c, sine(777, 0.05f), false)));
        }
        assertThat(model.liveArrays()).isEqualTo(before);
    }

    @Test
    void batchesThatBreakTheContractAreRejectedAndChangeNothing() {
        model.open("a");
        model.open("b");
        model.close("b");
        assertThatThrownBy(() -> model.step(List.of(in("a", 0, sine(160, 0.5f), false), in("b", 0, new float[160], false))))
                .isInstanceOf(IllegalStateException.class).hasMessage("session 'b' is not open");
        assertThatThrownBy(() -> model.step(List.of(in("a", 0, sine(160, 0.5f), false), in("a", 1, new float[160], false))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("session 'a' appears more than once in one batch");
        assertThat(step("a", 0, sine(160, 0.5f), false)).isEqualTo("loud");
        assertThat(model.step(List.of())).isEmpty();

        model.close();
        assertThatThrownBy(() -> step("a", 1, new float[160], false))
                .isInstanceOf(IllegalStateException.class).hasMessage("model torchscript(model.pt) is closed");
        model.close(); // closing twice is harmless
    }

    @Test
    void factoryLoadsTheModelWithTheTokenizerBesideIt() {
        try (StreamingTranslator t = Translators.create(spec(resource("echo-level/model.pt").toString(), null))) {
            assertThat(t).isInstanceOf(TorchScriptTranslator.class);
            assertThat(t.sampleRate()).isEqualTo(16_000);
            t.open("s");
            assertThat(t.step(List.of(in("s", 0, sine(CHUNK, 0.5f), true)))).containsExactly(new StepOutput("s", "loud end 1"));
        }
    }

    @Test
    void stateDictPathNamesTheTokenizerInstead() throws IOException {
        Path elsewhere = Files.copy(resource("echo-level/tokenizer.json"), tmp.resolve("words.json"));
        Path model = Files.copy(resource("echo-level/model.pt"), tmp.resolve("model.pt"));
        assertThat(Translators.torchScriptTokenizer(model.toString(), null)).isEqualTo(tmp.resolve("tokenizer.json"));
        assertThat(Translators.torchScriptTokenizer(model.toString(), elsewhere.toString())).isEqualTo(elsewhere);

        assertThatThrownBy(() -> Translators.create(spec(model.toString(), null)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("tokenizer " + tmp.resolve("tokenizer.json") + " does not exist");
        try (StreamingTranslator t = Translators.create(spec(model.toString(), elsewhere.toString()))) {
            t.open("s");
            assertThat(t.step(List.of(in("s", 0, new float[CHUNK], false))).get(0).text()).isEqualTo("silence");
        }
    }

    @Test
    void aMissingOrWrongModelFileIsReportedByName() throws IOException {
        assertThatThrownBy(() -> Translators.create(spec(null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model_config.model_path: model type 'torchscript' needs a TorchScript file (.pt)");

        Path missing = tmp.resolve("absent.pt");
        assertThatThrownBy(() -> Translators.create(spec(missing.toString(), null)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("TorchScript model " + missing + " does not exist");
        assertThatThrownBy(() -> Translators.create(spec(tmp.toString(), null)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("TorchScript model " + tmp + " is a directory, not a file");

        Path garbage = Files.writeString(tmp.resolve("garbage.pt"), "this is not a TorchScript archive");
        Files.copy(resource("echo-level/tokenizer.json"), tmp.resolve("tokenizer.json"));
        assertThatThrownBy(() -> Translators.create(spec(garbage.toString(), null)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot load model for '" + PAIR + "' from " + garbage)
                .hasMessageContaining("TorchScript model " + garbage + " does not load");
    }

    @Test
    void aTokenizerThatIsNotOneIsReportedByName() throws IOException {
        Path model = resource("echo-level/model.pt");
        Path notJson = Files.writeString(tmp.resolve("a.json"), "vocab: yes");
        Path noVocab = Files.writeString(tmp.resolve("b.json"), "{\"model\": {\"type\": \"WordLevel\"}}");
        assertThatThrownBy(() -> Translators.create(spec(model.toString(), notJson.toString())))
                .hasMessageContaining("tokenizer " + notJson + " is not a HuggingFace tokenizer.json");
        assertThatThrownBy(() -> Translators.create(spec(model.toString(), noVocab.toString())))
                .hasMessageContaining("tokenizer " + noVocab + " is not a HuggingFace tokenizer.json: it has no model.vocab");
    }

    @Test
    void modelsThatBreakTheContractAreRejectedWhenTheyLoadNamingTheFileAndTheProblem() {
        Map<String, String> problems = Map.of(
                "ids", "tokens[0, 0] = 1000 is not an id of tokenizer " + resource("echo-level/tokenizer.json") + " (0..16)",
                "counts", "counts[0] = 3 is not in [0, K = 2]",
                "state", "state must be float32[1, 2], got float32[1, 3]",
                "tuple", "forward must return (tokens, counts, state), got 2 tensors",
                "no-methods", "it has no method sample_rate() -> int");
        problems.forEach((name, problem) -> {
            Path file = resource("misbehaving/" + name + ".pt");
            assertThatThrownBy(() -> Translators.create(spec(file.toString(), resource("echo-level/tokenizer.json").toString())))
                    .as(name)
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("TorchScript model " + file + " does not follow the torchscript model contract (docs/model.md): "
                            + problem);
        });
    }

    @Test
    void aForwardWithTheWrongInputsIsRejectedWhenTheModelLoads() {
        Path file = resource("misbehaving/one-input.pt");
        assertThatThrownBy(() -> Translators.create(spec(file.toString(), resource("echo-level/tokenizer.json").toString())))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("TorchScript model " + file + ": forward(audio, lengths, state, last) failed on a batch"
                        + " of 1 × 1600 samples (the contract is in docs/model.md): ")
                .hasMessageContaining("argument(s)");
    }

    @Test
    void anUnknownModelTypeIsNamed() {
        assertThatThrownBy(() -> Translators.create(new ModelSpec("torchscrypt", PAIR, "cpu", "m.pt", null, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown model type 'torchscrypt'");
    }

    private String step(String session, long chunk, float[] audio, boolean last) {
        return model.step(List.of(in(session, chunk, audio, last))).get(0).text();
    }

    private static StepInput in(String session, long chunk, float[] audio, boolean last) {
        return new StepInput(session, chunk, audio, last);
    }

    private static TorchScriptTranslator echoLevel() throws IOException {
        return TorchScriptTranslator.load(resource("echo-level/model.pt"), resource("echo-level/tokenizer.json"), Device.cpu());
    }

    private static ModelSpec spec(String modelPath, String stateDictPath) {
        return new ModelSpec("torchscript", PAIR, "cpu", modelPath, stateDictPath, 0);
    }

    static Path resource(String name) {
        try {
            return Path.of(TorchScriptTranslatorTest.class.getResource("/torchscript/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> text(Map<String, StringBuilder> texts) {
        return texts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toString()));
    }

    private static float[] sine(int samples, float amplitude) {
        float[] a = new float[samples];
        for (int i = 0; i < samples; i++) {
            a[i] = (float) (amplitude * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        return a;
    }
}
