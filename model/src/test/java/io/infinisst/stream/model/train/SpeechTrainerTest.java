package io.infinisst.stream.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.infinisst.stream.model.nn.TrainedModel;
import io.infinisst.stream.model.streaming.StreamingPolicy;
import io.infinisst.stream.model.text.Vocabulary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link SpeechTrainer}. */
class SpeechTrainerTest {
    @TempDir
    Path tmp;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private List<SpeechTrainer.EpochResult> train(Path out, int epochs, boolean resume) throws Exception {
        return train(out, epochs, resume, false);
    }

    private List<SpeechTrainer.EpochResult> train(Path out, int epochs, boolean resume, boolean augment) throws Exception {
        PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
        return new SpeechTrainer(ToneCorpus.options(tmp.resolve("corpus"), out, epochs, resume, augment), ps, ps).run();
    }

    @Test
    void lossFallsCheckpointsEveryEpochAndAResumedRunContinues() throws Exception {
        ToneCorpus.write(tmp.resolve("corpus"));
        Path out = tmp.resolve("m");
        List<SpeechTrainer.EpochResult> first = train(out, 8, false);
        assertThat(first).extracting(SpeechTrainer.EpochResult::epoch).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(first.get(7).loss()).isLessThan(0.7 * first.get(0).loss());
        JsonObject state = JsonParser.parseString(Files.readString(out.resolve("checkpoint/state.json"))).getAsJsonObject();
        assertThat(state.get("epoch").getAsInt()).isEqualTo(8);

        List<SpeechTrainer.EpochResult> resumed = train(out, 10, true);
        assertThat(resumed).extracting(SpeechTrainer.EpochResult::epoch).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(resumed.get(7).loss()).isCloseTo(first.get(7).loss(), within(1e-4));
        // Resumed from the trained parameters, not from scratch: no jump back to the first epoch's loss.
        assertThat(resumed.get(8).loss()).isLessThan(0.8 * first.get(0).loss());
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("resuming after epoch 8").contains("epoch 10/10").contains("dev BLEU");

        // Without its checkpoint (which stays out of git), a model directory resumes from itself, and keeps the
        // policy it is served with (a new model's is the defaults).
        JsonObject trained = TrainedModel.readManifest(out);
        double best = trained.getAsJsonObject("scores").get("dev_bleu").getAsDouble();
        assertThat(trained.get("policy")).isEqualTo(StreamingPolicy.defaults().toJson());
        JsonObject served = StreamingPolicy.defaults().toJson();
        served.addProperty("commit_probability", 0.8);
        trained.add("policy", served);
        TrainedModel.writeManifest(out, trained);
        deleteRecursively(out.resolve("checkpoint"));
        List<SpeechTrainer.EpochResult> again = train(out, 11, true);
        assertThat(again).extracting(SpeechTrainer.EpochResult::epoch).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(again.get(10).loss()).isLessThan(0.8 * first.get(0).loss());
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("resuming from the model in " + out)
                .contains(String.format(java.util.Locale.ROOT, "resuming after epoch 10 (best dev BLEU %.2f)", best));

        JsonObject manifest = TrainedModel.readManifest(out);
        assertThat(manifest.get("language_pair").getAsString()).isEqualTo("English -> Chinese");
        assertThat(manifest.get("sample_rate").getAsInt()).isEqualTo(16_000);
        assertThat(manifest.get("chunk_ms").getAsInt()).isEqualTo(960);
        assertThat(manifest.getAsJsonObject("scores").getAsJsonObject("test").get("utterances").getAsInt()).isEqualTo(6);
        assertThat(manifest.getAsJsonObject("training").get("epochs").getAsInt()).isEqualTo(11);
        assertThat(manifest.getAsJsonObject("policy").get("commit_probability").getAsDouble()).isEqualTo(0.8);
        assertThat(out.resolve(TrainedModel.PARAMS)).exists();
        assertThat(out.resolve(TrainedModel.VOCAB)).exists();
    }

    @Test
    void theSameSeedTrainsTheSameModelWithAugmentationToo() throws Exception {
        ToneCorpus.write(tmp.resolve("corpus"));
        List<SpeechTrainer.EpochResult> a = train(tmp.resolve("a"), 2, false, true);
        List<SpeechTrainer.EpochResult> b = train(tmp.resolve("b"), 2, false, true);
        List<SpeechTrainer.EpochResult> plain = train(tmp.resolve("c"), 2, false, false);
        assertThat(plain.get(0).loss()).as("masking and warping change what the model sees").isNotEqualTo(a.get(0).loss());
        assertThat(TrainedModel.readManifest(tmp.resolve("a")).getAsJsonObject("training").get("warp").getAsDouble()).isEqualTo(0.15);
        assertThat(b).extracting(SpeechTrainer.EpochResult::loss).isEqualTo(a.stream().map(SpeechTrainer.EpochResult::loss).toList());
        assertThat(Files.readAllBytes(tmp.resolve("b").resolve(TrainedModel.PARAMS)))
                .isEqualTo(Files.readAllBytes(tmp.resolve("a").resolve(TrainedModel.PARAMS)));
    }

    @Test
    void twoUtterancesInARowAreTheirFramesWithShorterSilenceBetweenAndTheirTargetsBetweenOneBosAndOneEos() {
        // quiet (-2), loud (3), quiet: a has 1 quiet frame at its start and 3 at its end, b 4 at its start, none at its end
        float[][] fa = {{-2f}, {3f}, {2f}, {-2f}, {-2f}, {-2f}};
        float[][] fb = {{-2f}, {-2f}, {-2f}, {-2f}, {3f}};
        assertThat(SpeechTrainer.quietEdge(fa, true)).isEqualTo(1);
        assertThat(SpeechTrainer.quietEdge(fa, false)).isEqualTo(3);
        assertThat(SpeechTrainer.quietEdge(fb, true)).isEqualTo(4);
        assertThat(SpeechTrainer.quietEdge(fb, false)).isZero();
        var a = new SpeechTrainer.Example(null, fa, new long[] {Vocabulary.BOS, 7, 8, Vocabulary.EOS});
        var b = new SpeechTrainer.Example(null, fb, new long[] {Vocabulary.BOS, 9, Vocabulary.EOS});
        var ab = SpeechTrainer.followedBy(a, b, 1, 2);
        assertThat(java.util.Arrays.asList(ab.frames())).containsExactly(fa[0], fa[1], fa[2], fa[3], fb[2], fb[3], fb[4]);
        assertThat(ab.tokens()).containsExactly(Vocabulary.BOS, 7, 8, 9, Vocabulary.EOS);
        assertThat(SpeechTrainer.followedBy(a, b, 10, 10).frames().length).as("never more than there is").isEqualTo(11);
        assertThat(a.tokens()).as("the parts are left as they were").hasSize(4);
    }

    @Test
    void concatenatedUtterancesTrainDeterministicallyAndAreRecorded() throws Exception {
        ToneCorpus.write(tmp.resolve("corpus"));
        PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
        List<List<SpeechTrainer.EpochResult>> runs = new java.util.ArrayList<>();
        for (String dir : List.of("cat1", "cat2")) {
            runs.add(new SpeechTrainer(ToneCorpus.options(tmp.resolve("corpus"), tmp.resolve(dir), 1, false, false,
                    List.of(), false, 0.5), ps, ps).run());
        }
        List<SpeechTrainer.EpochResult> plain = train(tmp.resolve("plain"), 1, false);
        assertThat(runs.get(1).get(0).loss()).isEqualTo(runs.get(0).get(0).loss());
        assertThat(runs.get(0).get(0).loss()).as("half the utterances are pairs").isNotEqualTo(plain.get(0).loss());
        assertThat(TrainedModel.readManifest(tmp.resolve("cat1")).getAsJsonObject("training").get("concat").getAsDouble())
                .isEqualTo(0.5);
    }

    @Test
    void dropoutAndPhaseShiftTrainDeterministicallyAndAreRecorded() throws Exception {
        ToneCorpus.write(tmp.resolve("corpus"));
        PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
        List<List<SpeechTrainer.EpochResult>> runs = new java.util.ArrayList<>();
        for (String dir : List.of("d1", "d2", "shift")) {
            boolean dropout = !dir.equals("shift");
            runs.add(new SpeechTrainer(ToneCorpus.options(tmp.resolve("corpus"), tmp.resolve(dir), 2, false, false,
                    List.of(), false, 0, dropout ? 0.3 : 0, !dropout), ps, ps).run());
        }
        List<SpeechTrainer.EpochResult> plain = train(tmp.resolve("plain"), 2, false);
        assertThat(runs.get(1)).extracting(SpeechTrainer.EpochResult::loss)
                .isEqualTo(runs.get(0).stream().map(SpeechTrainer.EpochResult::loss).toList());
        assertThat(runs.get(0).get(0).loss()).as("dropout changes the training passes").isNotEqualTo(plain.get(0).loss());
        assertThat(runs.get(2).get(0).loss()).as("shifted frames are other inputs").isNotEqualTo(plain.get(0).loss());
        JsonObject t = TrainedModel.readManifest(tmp.resolve("d1")).getAsJsonObject("training");
        assertThat(t.get("dropout").getAsDouble()).isEqualTo(0.3);
        assertThat(t.get("phase_shift").getAsBoolean()).isFalse();
        assertThat(TrainedModel.readManifest(tmp.resolve("shift")).getAsJsonObject("training").get("phase_shift").getAsBoolean()).isTrue();
    }

    @Test
    void prefixTrainingCutsUtterancesWithMaterialAndServesOpenSegmentsFromTheMarker() throws Exception {
        ToneCorpus.write(tmp.resolve("corpus"));
        PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
        Path noMaterial = tmp.resolve("none");
        assertThatThrownBy(() -> new SpeechTrainer(ToneCorpus.options(tmp.resolve("corpus"), noMaterial, 1, false,
                false, List.of(), false, 0, 0, false, 0.5), ps, ps).run()).hasMessageContaining("scripts/sst prefixes");
        ToneCorpus.writePrefixes(tmp.resolve("corpus"));
        List<SpeechTrainer.EpochResult> cut = new SpeechTrainer(ToneCorpus.options(tmp.resolve("corpus"),
                tmp.resolve("prefix"), 2, false, false, List.of(), false, 0, 0, false, 0.5), ps, ps).run();
        List<SpeechTrainer.EpochResult> plain = train(tmp.resolve("plain"), 2, false);

        assertThat(log.toString(StandardCharsets.UTF_8)).contains("prefix material for 36 of 36 training utterances");
        assertThat(cut.get(0).loss()).as("cut clips and their targets are other examples").isNotEqualTo(plain.get(0).loss());
        JsonObject policy = TrainedModel.readManifest(tmp.resolve("prefix")).getAsJsonObject("policy");
        assertThat(policy.get("open_marker").getAsBoolean()).isTrue();
        assertThat(TrainedModel.readManifest(tmp.resolve("prefix")).getAsJsonObject("training").get("prefixes").getAsDouble())
                .isEqualTo(0.5);
        assertThat(TrainedModel.readManifest(tmp.resolve("plain")).getAsJsonObject("policy").get("open_marker").getAsBoolean())
                .isFalse();
    }

    @Test
    void extraCorporaAddTrainingUtterancesAndKeepLastKeepsTheLastEpoch() throws Exception {
        ToneCorpus.write(tmp.resolve("corpus"));
        ToneCorpus.writeTrainOnly(tmp.resolve("extra"));
        Path out = tmp.resolve("m");
        PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
        List<SpeechTrainer.EpochResult> run = new SpeechTrainer(ToneCorpus.options(tmp.resolve("corpus"), out, 3, false, false,
                List.of(tmp.resolve("extra")), true), ps, ps).run();

        // 36 sequences in the corpus's train split, 30 more in the extra one (its dev and test sequences removed)
        assertThat(log.toString(StandardCharsets.UTF_8)).contains(tmp.resolve("extra") + ": 30 more training utterances")
                .contains("66 train / 6 dev / 6 test utterances");
        JsonObject manifest = TrainedModel.readManifest(out);
        assertThat(manifest.getAsJsonObject("corpus").getAsJsonArray("extra_train_dirs").get(0).getAsString())
                .isEqualTo(tmp.resolve("extra").toString());
        assertThat(manifest.getAsJsonObject("training").get("kept").getAsString()).isEqualTo("last epoch");
        assertThat(manifest.getAsJsonObject("scores").get("dev_bleu").getAsDouble())
                .isCloseTo(run.get(2).devBleu(), within(0.01));
        assertThat(Files.readAllBytes(out.resolve(TrainedModel.PARAMS)))
                .isEqualTo(Files.readAllBytes(out.resolve("checkpoint").resolve(TrainedModel.PARAMS)));

        // A run that trained with --keep best: resumed with --keep last and nothing left to train, its last epoch
        // becomes the model directory.
        Path best = tmp.resolve("best");
        List<SpeechTrainer.EpochResult> bestRun = train(best, 3, false);
        // as if an earlier epoch had had the best dev BLEU
        Files.copy(out.resolve(TrainedModel.PARAMS), best.resolve(TrainedModel.PARAMS), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        new SpeechTrainer(ToneCorpus.options(tmp.resolve("corpus"), best, 3, true, false, List.of(), true), ps, ps).run();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("resuming after epoch 3");
        assertThat(Files.readAllBytes(best.resolve(TrainedModel.PARAMS)))
                .isEqualTo(Files.readAllBytes(best.resolve("checkpoint").resolve(TrainedModel.PARAMS)));
        assertThat(TrainedModel.readManifest(best).getAsJsonObject("scores").get("dev_bleu").getAsDouble())
                .isCloseTo(bestRun.get(2).devBleu(), within(0.01));
    }

    @Test
    void anExtraCorpusHoldingADevOrTestSentenceIsRefused() throws Exception {
        ToneCorpus.write(tmp.resolve("corpus"));
        ToneCorpus.write(tmp.resolve("other")); // its train split holds the dev and test sequences
        PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SpeechTrainer(ToneCorpus.options(tmp.resolve("corpus"),
                        tmp.resolve("m"), 1, false, false, List.of(tmp.resolve("other")), false), ps, ps).run())
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("--extra-train " + tmp.resolve("other"))
                .hasMessageContaining("is a dev or test sentence of " + tmp.resolve("corpus"));
    }
}
