package io.infinisst.stream.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.infinisst.stream.model.features.FeatureNorm;
import io.infinisst.stream.model.text.Vocabulary;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link TrainedModel} and {@link SpeechTranslationNet}. */
class TrainedModelTest {
    @TempDir
    Path tmp;

    private static final Architecture ARCH = new Architecture(8, 4, 16, 2, 8, 16, 7, false);
    private static final Architecture BI = new Architecture(8, 4, 16, 2, 8, 16, 7, true);

    private static TrainedModel random(long seed) {
        return random(ARCH, seed);
    }

    private static TrainedModel random(Architecture arch, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        float[] zeros = new float[8];
        float[] ones = new float[8];
        Arrays.fill(ones, 1f);
        return new TrainedModel(arch, Vocabulary.build(List.of("abc")), new FeatureNorm(zeros, ones),
                NDManager.newBaseManager(Device.cpu(), "PyTorch"));
    }

    private static float[][] steps(int n, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][ARCH.stackedDim()];
        for (float[] row : x) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) r.nextGaussian();
            }
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void savedAndLoadedModelTranslatesIdentically(boolean bidirectional) throws Exception {
        try (TrainedModel m = random(bidirectional ? BI : ARCH, 5)) {
            m.saveParameters(tmp.resolve(TrainedModel.PARAMS));
            m.vocabulary().save(tmp.resolve(TrainedModel.VOCAB));
            TrainedModel.writeManifest(tmp, m.baseManifest());
            List<float[][]> xs = List.of(steps(12, 1), steps(7, 2));
            int[][] before = m.translate(xs);
            try (TrainedModel loaded = TrainedModel.load(tmp, Device.cpu())) {
                assertThat(loaded.translate(xs)).isDeepEqualTo(before);
                assertThat(loaded.parameterCount()).isEqualTo(m.parameterCount());
            }
        }
    }

    @Test
    void dropoutChangesOnlyTrainingForwardPasses() {
        try (TrainedModel model = random(BI, 5); NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            SpeechTranslationNet net = model.net();
            NDList in = new NDList(TrainedModel.padded(m, List.<float[][]>of(steps(10, 1)), BI.stackedDim()),
                    TrainedModel.maskBias(m, new int[] {10}, 10), m.create(new long[] {Vocabulary.BOS, 4, 5}, new ai.djl.ndarray.types.Shape(1, 3)));
            float[] inference = net.forward(model.inferenceStore(), in, false).head().toFloatArray();
            float[] training = net.forward(model.inferenceStore(), in, true).head().toFloatArray();
            assertThat(training).containsExactly(inference, within(1e-5f)); // no dropout set: training is the same pass

            net.setDropout(0.5f);
            assertThat(net.forward(model.inferenceStore(), in, false).head().toFloatArray())
                    .containsExactly(inference, within(1e-5f));
            float[] dropped = net.forward(model.inferenceStore(), in, true).head().toFloatArray();
            float[] again = net.forward(model.inferenceStore(), in, true).head().toFloatArray();
            assertThat(dropped).isNotEqualTo(inference);
            assertThat(again).isNotEqualTo(dropped); // a new mask every pass
        }
        try (TrainedModel model = random(BI, 5)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.net().setDropout(1f))
                    .hasMessageContaining("dropout must be in [0, 1)");
        }
    }

    @Test
    void parametersLoadedAfterUseReplaceTheOnesInUse() throws Exception {
        List<float[][]> xs = List.<float[][]>of(steps(9, 3));
        try (TrainedModel a = random(BI, 5); TrainedModel b = random(BI, 9);
             NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            b.saveParameters(tmp.resolve("b.bin"));
            float[] bOut = b.encodeSegments(m, xs).toFloatArray();
            float[] aOut = a.encodeSegments(m, xs).toFloatArray(); // a's parameters are now in use
            assertThat(aOut).isNotEqualTo(bOut);
            // The trainer scores its best epoch this way after training the last one.
            a.loadParameters(tmp.resolve("b.bin"));
            assertThat(a.encodeSegments(m, xs).toFloatArray()).isEqualTo(bOut);
        }
    }

    @Test
    void encodingInPiecesWithCarriedStateEqualsEncodingWhole() {
        try (TrainedModel m = random(6); NDManager s = m.manager().newSubManager()) {
            float[][] x = steps(10, 3);
            NDArray whole = m.net().encode(m.inferenceStore(), TrainedModel.padded(s, Collections.singletonList(x), ARCH.stackedDim()),
                    null, null, false).get(0);
            NDList first = m.net().encode(m.inferenceStore(),
                    TrainedModel.padded(s, Collections.singletonList(Arrays.copyOfRange(x, 0, 4)), ARCH.stackedDim()), null, null, false);
            NDList second = m.net().encode(m.inferenceStore(),
                    TrainedModel.padded(s, Collections.singletonList(Arrays.copyOfRange(x, 4, 10)), ARCH.stackedDim()),
                    first.get(1), first.get(2), false);
            float[] pieces = first.get(0).concat(second.get(0), 1).toFloatArray();
            float[] all = whole.toFloatArray();
            for (int i = 0; i < all.length; i++) {
                assertThat(pieces[i]).isCloseTo(all[i], within(1e-5f));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void paddingDoesNotChangeAShorterUtterancesTranslation(boolean bidirectional) {
        try (TrainedModel m = random(bidirectional ? BI : ARCH, 7)) {
            float[][] shortOne = steps(5, 4);
            int[][] alone = m.translate(Collections.singletonList(shortOne));
            int[][] padded = m.translate(List.of(shortOne, steps(15, 5)));
            assertThat(padded[0]).containsExactly(alone[0]);
        }
    }

    @Test
    void bidirectionalEncodingIgnoresPaddingAndReadsTheFuture() {
        try (TrainedModel m = random(BI, 8); NDManager s = m.manager().newSubManager()) {
            float[][] x = steps(6, 6);
            float[] alone = m.encodeSegments(s, TrainedModel.padded(s, List.<float[][]>of(x), BI.stackedDim()), new int[] {6}).toFloatArray();
            float[] padded = m.encodeSegments(s, TrainedModel.padded(s, List.of(x, steps(11, 7)), BI.stackedDim()),
                    new int[] {6, 11}).toFloatArray();
            for (int i = 0; i < alone.length; i++) { // row 0 of the padded batch: its first 6 steps
                assertThat(padded[i]).isCloseTo(alone[i], within(1e-5f));
            }
            float[][] changedEnd = Arrays.stream(x).map(float[]::clone).toArray(float[][]::new);
            changedEnd[5][0] += 3f;
            float[] changed = m.encodeSegments(s, TrainedModel.padded(s, List.<float[][]>of(changedEnd), BI.stackedDim()), new int[] {6})
                    .toFloatArray();
            boolean backwardSees = false;
            for (int i = 0; i < BI.encoderDim(); i++) { // step 0's encoding
                backwardSees |= Math.abs(changed[i] - alone[i]) > 1e-6f;
            }
            assertThat(backwardSees).as("step 0's encoding depends on the last step").isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aBatchOfUtterancesOfDifferentLengthsTranslatesAsEachAlone(boolean bidirectional) {
        // Rows reach their length limits (or end) at different steps, so greedy decoding drops finished rows
        // from the batch on the way; with a bidirectional encoder the lengths are also encoded in groups.
        try (TrainedModel m = random(bidirectional ? BI : ARCH, 9)) {
            List<float[][]> xs = List.of(steps(3, 1), steps(40, 2), steps(9, 3), steps(41, 4), steps(1, 5), steps(12, 6));
            int[][] batch = m.translate(xs);
            for (int i = 0; i < xs.size(); i++) {
                assertThat(batch[i]).as("utterance %d", i).containsExactly(m.translate(Collections.singletonList(xs.get(i)))[0]);
            }
        }
    }

    @Test
    void segmentsAreEncodedInGroupsOfSimilarLengthInTheirOwnOrder() {
        try (TrainedModel m = random(BI, 10); NDManager s = m.manager().newSubManager()) {
            List<float[][]> xs = List.of(steps(60, 1), steps(2, 2), steps(58, 3), steps(3, 4));
            NDArray grouped = m.encodeSegments(s, xs);
            assertThat(grouped.getShape().getShape()).containsExactly(4, 60, BI.encoderDim());
            for (int i = 0; i < xs.size(); i++) {
                float[] alone = m.encodeSegments(s, List.<float[][]>of(xs.get(i))).toFloatArray();
                float[] row = grouped.get(i).toFloatArray();
                for (int k = 0; k < alone.length; k++) {
                    assertThat(row[k]).as("segment %d value %d", i, k).isCloseTo(alone[k], within(1e-5f));
                }
            }
        }
    }

    @Test
    void lengthsAreCutWhereOneCallPerGroupCostsLess() {
        // one call for similar lengths; a long tail is not paid by the short ones
        assertThat(TrainedModel.groupsByLength(new int[] {50, 52, 55, 60})).containsExactly(4);
        assertThat(TrainedModel.groupsByLength(new int[] {5, 6, 6, 7, 100, 110})).containsExactly(4, 6);
        assertThat(TrainedModel.groupsByLength(new int[] {70})).containsExactly(1);
        assertThat(TrainedModel.groupsByLength(new int[0])).isEmpty();
    }
}
