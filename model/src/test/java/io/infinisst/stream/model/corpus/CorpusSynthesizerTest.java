package io.infinisst.stream.model.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link CorpusSynthesizer} and {@link SpeechRenderer}, running the real synthesizers on a few
 * clips. espeak-ng is required; the flite and festival cases are skipped when those are not installed.
 */
class CorpusSynthesizerTest {
    private static final String VOICES = "/usr/share/festival/voices";

    private static CorpusGenerator generator;

    @BeforeAll
    static void load() {
        generator = new CorpusGenerator(Grammar.load(), 17);
    }

    @Test
    void rendersSentencesAndAStreamWithEspeakNg(@TempDir Path out) throws Exception {
        assertThat(Synth.ESPEAK_NG.isInstalled()).as("espeak-ng must be installed (apt-get install espeak-ng)").isTrue();
        List<RenderPlan> plans = plans(EnumSet.of(Synth.ESPEAK_NG));
        CorpusSynthesizer.Report report = new CorpusSynthesizer(out, 2, quiet()).synthesize(plans);

        assertThat(report.rendered()).isEqualTo(3);
        assertThat(report.perSynth()).containsOnlyKeys("espeak-ng");
        List<String> manifest = Files.readAllLines(out.resolve("manifest.jsonl"), StandardCharsets.UTF_8);
        assertThat(manifest).hasSize(3);
        for (int i = 0; i < plans.size(); i++) {
            RenderPlan plan = plans.get(i);
            Path wav = out.resolve(CorpusSynthesizer.wavPath(plan.item()));
            assertThat(Files.readAllBytes(wav)).startsWith(wavHeaderStart());
            Wav.Audio audio = Wav.read(wav);
            assertThat(audio.sampleRate()).isEqualTo(16_000);
            assertThat(audio.seconds()).isBetween(0.8, 40.0);
            assertThat(Noise.activeRms(audio.samples())).isGreaterThan(0.01);
            assertThat(manifest.get(i)).contains("\"id\":\"" + plan.item().id() + "\"")
                    .contains("\"voice\":\"" + plan.voice().id() + "\"")
                    .contains("\"wav\":\"" + CorpusSynthesizer.wavPath(plan.item()) + "\"")
                    .contains("\"en\":\"" + plan.item().text(Lang.EN) + "\"")
                    .contains("\"zh\":\"" + plan.item().text(Lang.ZH) + "\"");
        }
        String stream = manifest.get(2);
        assertThat(stream).contains("\"kind\":\"stream\"").contains("\"start_ms\":200");
        assertThat(Files.exists(out.resolve("tmp"))).isFalse();
    }

    @Test
    void secondRunSkipsWhatIsThereAndRenderingIsDeterministic(@TempDir Path out, @TempDir Path again)
            throws Exception {
        List<RenderPlan> plans = plans(EnumSet.of(Synth.ESPEAK_NG)).subList(0, 2);
        new CorpusSynthesizer(out, 1, quiet()).synthesize(plans);
        Path first = out.resolve(CorpusSynthesizer.wavPath(plans.get(0).item()));
        FileTime written = Files.getLastModifiedTime(first);
        byte[] bytes = Files.readAllBytes(first);

        CorpusSynthesizer.Report resumed = new CorpusSynthesizer(out, 2, quiet()).synthesize(plans);
        assertThat(resumed.skipped()).isEqualTo(2);
        assertThat(resumed.rendered()).isZero();
        assertThat(Files.getLastModifiedTime(first)).isEqualTo(written);

        new CorpusSynthesizer(again, 2, quiet()).synthesize(plans);
        assertThat(Files.readAllBytes(again.resolve(CorpusSynthesizer.wavPath(plans.get(0).item())))).isEqualTo(bytes);
        assertThat(Files.readString(again.resolve("manifest.jsonl"))).isEqualTo(Files.readString(out.resolve("manifest.jsonl")));
    }

    @Test
    void rendersWithFlite(@TempDir Path out) throws Exception {
        assumeTrue(Synth.FLITE.isInstalled(), "flite is not installed (apt-get install flite): skipping its clip");
        renderOneWith(Synth.FLITE, out);
    }

    @Test
    void rendersWithFestival(@TempDir Path out) throws Exception {
        assumeTrue(Synth.FESTIVAL.isInstalled(),
                "festival is not installed (apt-get install festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts): skipping its clip");
        renderOneWith(Synth.FESTIVAL, out);
    }

    @Test
    void rendersEnglishPhonesWithFestivalsItalianCzechAndFinnishVoices(@TempDir Path out) throws Exception {
        assumeTrue(Synth.FESTIVAL.isInstalled() && Files.isDirectory(Path.of(VOICES, "italian")),
                "festival's Italian voices are not installed (apt-get install festival festvox-kallpc16k "
                        + "festvox-italp16k festvox-itapc16k): skipping their clips");
        CorpusItem item = generator.sentences(Split.TRAIN, 1).get(0);
        List<Voice> voices = new ArrayList<>(List.of(voice(Synth.FESTIVAL, "kal_diphone"),
                voice(Synth.FESTIVAL_IT, "lp_diphone"), voice(Synth.FESTIVAL_IT, "pc_diphone")));
        if (Files.isDirectory(Path.of(VOICES, "czech"))) {
            voices.add(voice(Synth.FESTIVAL_CS, "czech_dita"));
        }
        if (Files.isDirectory(Path.of(VOICES, "finnish"))) {
            voices.add(voice(Synth.FESTIVAL_FI, "hy_fi_mv_diphone"));
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (Voice voice : voices) {
            Path dir = out.resolve(voice.name());
            RenderPlan plan = new RenderPlan(item, voice, 1.0, 1.0, 0.5, Noise.NONE, Double.NaN, 1);
            new CorpusSynthesizer(dir, 1, quiet()).synthesize(List.of(plan));
            Wav.Audio audio = Wav.read(dir.resolve(CorpusSynthesizer.wavPath(item)));
            assertThat(audio.sampleRate()).isEqualTo(16_000); // Czech voices speak at 32 kHz, Finnish at 22.05
            assertThat(Noise.activeRms(audio.samples())).isGreaterThan(0.01);
            seconds.put(voice.name(), audio.seconds());
        }
        // The phones and their durations are the English front end's: the other voices take as long as kal
        // (a language's own front end, reading the letters as its words, takes other phones and other times).
        double kal = seconds.get("kal_diphone");
        assertThat(seconds.values()).as("%s", seconds).allSatisfy(s -> assertThat(s).isBetween(0.9 * kal, 1.1 * kal));
    }

    private static Voice voice(Synth synth, String name) {
        return Voices.all().stream().filter(v -> v.synth() == synth && v.name().equals(name)).findFirst().orElseThrow();
    }

    private static void renderOneWith(Synth synth, Path out) throws IOException, InterruptedException {
        CorpusItem item = generator.sentences(Split.TEST, 1).get(0); // a held-out voice: the one pitch-shifted by resampling
        RenderPlan plan = RenderPlan.plan(item, 1, EnumSet.of(synth));
        CorpusSynthesizer.Report report = new CorpusSynthesizer(out, 1, quiet()).synthesize(List.of(plan));
        assertThat(report.perSynth()).containsOnlyKeys(synth.label());
        Wav.Audio audio = Wav.read(out.resolve(CorpusSynthesizer.wavPath(item)));
        assertThat(audio.sampleRate()).isEqualTo(16_000);
        assertThat(audio.seconds()).isBetween(0.8, 20.0);
        assertThat(Noise.activeRms(audio.samples())).isGreaterThan(0.01);
    }

    private static List<RenderPlan> plans(EnumSet<Synth> synths) {
        List<CorpusItem> items = new ArrayList<>(generator.sentences(Split.TRAIN, 1));
        items.addAll(generator.sentences(Split.TEST, 1));
        items.add(generator.streams(Split.DEV, 1).get(0));
        return RenderPlan.plan(items, 17, synths);
    }

    private static byte[] wavHeaderStart() {
        return "RIFF".getBytes(StandardCharsets.US_ASCII);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
