package io.infinisst.stream.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Tests for {@link TrainCli}. */
class TrainCliTest {
    @Test
    void parsesTheDocumentedCommand() {
        TrainOptions o = TrainCli.parse(new String[] {"--language-pair", "English -> Italian", "--corpus", "c", "--out", "models/en-it",
            "--epochs", "5", "--seed", "9", "--resume", "--max-minutes", "15"});
        assertThat(o.target()).isEqualTo("it");
        assertThat(o.checkpoint()).isEqualTo(Path.of("models/en-it/checkpoint"));
        assertThat(o.epochs()).isEqualTo(5);
        assertThat(o.seed()).isEqualTo(9);
        assertThat(o.resume()).isTrue();
        assertThat(o.maxMinutes()).isEqualTo(15.0);
        assertThat(o.augment()).isTrue();
        assertThat(o.warp()).isEqualTo(TrainCli.DEFAULT_WARP);
        assertThat(o.finalLearningRate()).as("without --lr-final the rate stays constant").isEqualTo(o.learningRate());
        assertThat(o.bpeMerges()).as("Italian targets default to word pieces").isEqualTo(TrainCli.DEFAULT_ITALIAN_MERGES);
        assertThat(o.extraTrain()).isEmpty();
        assertThat(o.keepLast()).isFalse();
    }

    @Test
    void extraTrainingCorporaAreRepeatableAndKeepChoosesTheEpoch() {
        TrainOptions o = TrainCli.parse(new String[] {"--language-pair", "English -> Chinese", "--corpus", "c", "--out", "o",
            "--extra-train", "fest", "--extra-train", "more", "--keep", "last"});
        assertThat(o.extraTrain()).containsExactly(Path.of("fest"), Path.of("more"));
        assertThat(o.keepLast()).isTrue();
        assertThatThrownBy(() -> TrainCli.parse(new String[] {"--keep", "first"})).hasMessageContaining("--keep").hasMessageContaining("'first'");
    }

    private static final String[] REQUIRED = {"--language-pair", "English -> Chinese", "--corpus", "c", "--out", "o"};

    /** The required flags and one more. */
    private static TrainOptions parseWith(String... flagsAndValues) {
        String[] args = java.util.Arrays.copyOf(REQUIRED, REQUIRED.length + flagsAndValues.length);
        System.arraycopy(flagsAndValues, 0, args, REQUIRED.length, flagsAndValues.length);
        return TrainCli.parse(args);
    }

    @Test
    void concatIsAShareOfTheUtterancesAndDefaultsToNone() {
        assertThat(TrainCli.parse(REQUIRED).concat()).isZero();
        assertThat(parseWith("--concat", "0.15").concat()).isEqualTo(0.15);
        assertThatThrownBy(() -> parseWith("--concat", "1.5")).hasMessageContaining("--concat").hasMessageContaining("'1.5'");
    }

    @Test
    void dropoutIsARateBelowOneAndDefaultsToNone() {
        assertThat(TrainCli.parse(REQUIRED).dropout()).isZero();
        assertThat(parseWith("--dropout", "0.2").dropout()).isEqualTo(0.2);
        assertThatThrownBy(() -> parseWith("--dropout", "1")).hasMessageContaining("--dropout").hasMessageContaining("'1'");
    }

    @Test
    void augmentationDefaultsToOneBandTwoSpansAndNoEqualizer() {
        TrainOptions o = TrainCli.parse(REQUIRED);
        assertThat(o.eq()).isZero();
        assertThat(o.freqMasks()).isEqualTo(1);
        assertThat(o.timeMasks()).isEqualTo(2);
        TrainOptions strong = parseWith("--eq", "8", "--freq-masks", "2", "--time-masks", "4");
        assertThat(strong.eq()).isEqualTo(8);
        assertThat(strong.freqMasks()).isEqualTo(2);
        assertThat(strong.timeMasks()).isEqualTo(4);
        assertThatThrownBy(() -> parseWith("--eq", "-3")).hasMessageContaining("--eq").hasMessageContaining("'-3'");
        assertThatThrownBy(() -> parseWith("--eq", "50")).hasMessageContaining("--eq").hasMessageContaining("50");
        assertThatThrownBy(() -> parseWith("--freq-masks", "9")).hasMessageContaining("--freq-masks").hasMessageContaining("got 9");
        assertThatThrownBy(() -> parseWith("--time-masks", "-1")).hasMessageContaining("--time-masks").hasMessageContaining("got -1");
    }

    @Test
    void learningRateFallsByCosineFromFirstToLastEpoch() {
        TrainOptions o = TrainCli.parse(new String[] {"--language-pair", "English -> Chinese", "--corpus", "c", "--out", "o",
            "--epochs", "11", "--lr", "0.001", "--lr-final", "0.0001"});
        assertThat(o.bpeMerges()).as("Chinese targets default to characters").isZero();
        EpochCosineSchedule s = new EpochCosineSchedule(o.learningRate(), o.finalLearningRate(), o.epochs());
        assertThat(s.rate(1)).isEqualTo(0.001f);
        assertThat(s.rate(6)).isCloseTo(0.00055f, Offset.offset(1e-7f));
        assertThat(s.rate(11)).isCloseTo(0.0001f, Offset.offset(1e-9f));
        assertThat(s.rate(4)).isLessThan(s.rate(3));
        s.startEpoch(11);
        assertThat(s.getNewValue(0)).as("the rate follows the epoch, not the update count a resumed run restarts")
                .isEqualTo(s.getNewValue(100_000)).isEqualTo(s.rate(11));
    }

    @Test
    void badValuesAreRejectedNamingTheFlagAndValue() {
        assertThatThrownBy(() -> TrainCli.parse(new String[] {"--language-pair", "English -> Klingon", "--corpus", "c", "--out", "o"}))
                .hasMessageContaining("--language-pair").hasMessageContaining("Klingon");
        assertThatThrownBy(() -> TrainCli.parse(new String[] {"--epochs", "zero"})).hasMessageContaining("--epochs").hasMessageContaining("'zero'");
        assertThatThrownBy(() -> TrainCli.parse(new String[] {"--corpus", "c"})).hasMessageContaining("required");
        assertThatThrownBy(() -> TrainCli.parse(new String[] {"--warp", "0.7"})).hasMessageContaining("--warp").hasMessageContaining("'0.7'");
        assertThat(TrainCli.parse(new String[] {"--language-pair", "English -> Chinese", "--corpus", "c", "--out", "o", "--warp", "0"})
                .warp()).isZero();
    }
}
