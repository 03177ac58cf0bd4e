package io.infinisst.stream.model.train;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link SpeechTrainer} trains and how.
 *
 * @param languagePair e.g. {@code English -> Chinese} (target zh) or {@code English -> Italian} (target it)
 * @param corpus a {@code CorpusCli} output folder
 * @param out model directory written (manifest, vocabulary, best parameters)
 * @param checkpoint folder of the per-epoch checkpoint ({@code params.bin}, {@code state.json})
 * @param epochs epochs in all (a resumed run continues up to this number)
 * @param seed seed of initialization, shuffling and augmentation
 * @param resume continue from the checkpoint instead of starting over
 * @param batchSize utterances per batch
 * @param learningRate Adam's learning rate in the first epoch
 * @param finalLearningRate the rate in the last epoch; cosine in between ({@link EpochCosineSchedule})
 * @param maxMinutes stop after the epoch during which this much time has passed (0: no limit)
 * @param encoderDim encoder width, both directions together when bidirectional (the bundled models use 384)
 * @param encoderLayers encoder LSTM layers (2)
 * @param decoderDim decoder width (256)
 * @param bidirectional bidirectional encoder layers over each closed segment (else one carried one-way LSTM)
 * @param augment mask random frequency bands and time spans of training features (SpecAugment-style)
 * @param warp with {@code augment}: each training utterance's spectrum is scaled along frequency by a factor drawn
 *             from {@code [1 - warp, 1 + warp]} every epoch ({@link io.infinisst.stream.model.features.MelWarp}); 0: never
 * @param eq with {@code augment}: each training utterance's bands get a smooth random gain curve of up to this many
 *           dB either way, drawn anew every epoch ({@link io.infinisst.stream.model.features.MelEq}); 0: never
 * @param freqMasks with {@code augment}: bands of up to 10 mel bins masked per utterance (1)
 * @param timeMasks with {@code augment}: spans of up to 10 frames masked per utterance (2)
 * @param evalLimit dev/test utterances scored per evaluation (0: all)
 * @param corpusSeed the seed the corpus was generated with (recorded in the manifest)
 * @param bpeMerges word-piece merges learned from the training targets; 0: a character vocabulary
 * @param extraTrain more corpus folders whose train split is added to {@code corpus}'s (dev and test stay
 *                   {@code corpus}'s): e.g. clips of another synthesizer generated apart with the same corpus seed
 * @param keepLast the model directory gets every epoch's parameters, so the last epoch is kept, instead of those
 *                 of the epoch with the best dev BLEU: for fine-tuning on new voices, which dev (training voices) does not measure
 * @param concat share of each epoch's training utterances replaced by that utterance followed by another one, the
 *               targets joined: the segmenter merges sentences whose pause is shorter than its end silence, and a
 *               model that only saw single sentences then says one of them (0: none)
 * @param dropout dropout rate of training forward passes (encoder input and layers, target embeddings, the
 *                decoder's output state): a regularizer against learning the training voices by heart (0: none)
 * @param phaseShift each training utterance loses its first 0 to {@code stack - 1} frames (drawn every epoch), so
 *                   that its speech starts at any phase of the encoder's stacked steps, as a microphone's does: the
 *                   espeak-ng clips all start their speech on a step boundary
 * @param prefixes share of each epoch's training utterances that have prefix material ({@code prefixes.jsonl} in
 *                 {@code corpus}, written by {@code PrefixCli}) replaced by a prefix: the audio cut at a random
 *                 point, the target what the words heard by then give, and its end (0: none)
 */
public record TrainOptions(String languagePair, Path corpus, Path out, Path checkpoint, int epochs, long seed,
                           boolean resume, int batchSize, float learningRate, float finalLearningRate, double maxMinutes, int encoderDim,
                           int encoderLayers, int decoderDim, boolean bidirectional, boolean augment, double warp, double eq, int freqMasks,
                           int timeMasks, int evalLimit, long corpusSeed,
                           int bpeMerges, List<Path> extraTrain, boolean keepLast, double concat, double dropout,
                           boolean phaseShift, double prefixes) {
    public TrainOptions {
        extraTrain = List.copyOf(extraTrain);
        if (!(concat >= 0 && concat <= 1)) {
            throw new IllegalArgumentException("--concat: expected a share in [0, 1], got " + concat);
        }
        if (!(prefixes >= 0 && prefixes <= 1)) {
            throw new IllegalArgumentException("--prefixes: expected a share in [0, 1], got " + prefixes);
        }
        if (!(eq >= 0 && eq <= 40)) {
            throw new IllegalArgumentException("--eq: expected a gain in [0, 40] dB, got " + eq);
        }
        if (freqMasks < 0 || freqMasks > 8) {
            throw new IllegalArgumentException("--freq-masks: expected 0-8 masked bands per utterance, got " + freqMasks);
        }
        if (timeMasks < 0 || timeMasks > 40) {
            throw new IllegalArgumentException("--time-masks: expected 0-40 masked spans per utterance, got " + timeMasks);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("--dropout: expected a rate in [0, 1), got " + dropout);
        }
    }

    /** Target language code of the pair: zh or it. */
    public String target() {
        return targetOf(languagePair);
    }

    /** zh for {@code English -> Chinese}, it for {@code English -> Italian}. */
    public static String targetOf(String pair) {
        String[] parts = pair.split("->");
        if (parts.length != 2 || !parts[0].trim().equalsIgnoreCase("English")) {
            throw new IllegalArgumentException("--language-pair: expected 'English -> Chinese' or 'English -> Italian', got '" + pair + "'");
        }
        return switch (parts[1].trim().toLowerCase(java.util.Locale.ROOT)) {
            case "chinese" -> "zh";
            case "italian" -> "it";
            default -> throw new IllegalArgumentException("--language-pair: target must be Chinese or Italian, got '" + parts[1].trim() + "'");
        };
    }
}
