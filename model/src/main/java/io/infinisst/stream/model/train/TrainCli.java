package io.infinisst.stream.model.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Trains a bundled speech-translation model from a corpus folder.
 *
 * <pre>
 * java -Dai.djl.pytorch.num_threads=2 -cp ... io.infinisst.stream.model.train.TrainCli \
 *     --language-pair "English -> Chinese" --corpus .sst/corpus --out models/en-zh --epochs 30 --seed 1
 * </pre>
 */
public final class TrainCli {
    static final String USAGE = """
            usage: TrainCli --language-pair "English -> Chinese" --corpus DIR --out DIR [options]
              --language-pair P  English -> Chinese | English -> Italian (required)
              --corpus DIR       a CorpusCli output folder with manifest.jsonl (required)
              --extra-train DIR  another corpus folder whose train split is added (repeatable): e.g. clips of
                                 another synthesizer, generated apart with the same --seed
              --out DIR          model directory to write: manifest.json, vocab.json, params.bin (required)
              --epochs N         epochs in all (20)
              --seed N           seed of initialization, batches and augmentation (1)
              --resume           continue from the checkpoint (or the model in --out); the manifest keeps
                                 the model directory's streaming policy
              --checkpoint DIR   checkpoint folder (OUT/checkpoint)
              --batch N          utterances per batch (32)
              --lr X             Adam learning rate of the first epoch (0.001)
              --lr-final X       learning rate of the last epoch, cosine in between (the --lr value: constant)
              --max-minutes M    stop after the epoch that passes M minutes (0: no limit)
              --encoder-dim N    encoder width, both directions together (384)
              --encoder-layers N encoder LSTM layers (2)
              --unidirectional   a one-way encoder whose state is carried across chunks (default: bidirectional
                                 layers over each closed segment, which learn several times faster)
              --decoder-dim N    decoder width (256)
              --no-augment       no feature masking, no frequency warp and no equalizer
              --warp X           vocal tract length perturbation: each utterance's spectrum scaled by a factor
                                 in [1 - X, 1 + X], drawn anew every epoch (0.15; 0: none)
              --eq DB            random equalizer: each utterance's bands get a smooth gain curve of up to DB
                                 either way, drawn anew every epoch (0: none)
              --freq-masks N     bands of up to 10 mel bins masked in each utterance (1)
              --time-masks N     spans of up to 10 frames masked in each utterance (2)
              --keep best|last   the model directory keeps the epoch with the best dev BLEU, or the last one
                                 (best; last suits fine-tuning on new voices, which dev does not measure)
              --concat X         share of each epoch's utterances replaced by two utterances in a row, their
                                 targets joined (0; a segment of two sentences is what a short pause gives)
              --prefixes X       share of the utterances with prefix material (prefixes.jsonl in --corpus, from
                                 scripts/sst prefixes) replaced each epoch by a prefix: the audio cut at a
                                 random point, the target what the words heard by then give (0)
              --dropout X        dropout rate of training forward passes (0.0; none at inference)
              --phase-shift      each utterance's first 0-3 frames dropped at random every epoch, so speech
                                 starts at any phase of the 40 ms encoder steps (off)
              --eval-limit N     dev/test utterances scored (0: all)
              --corpus-seed N    seed the corpus was generated with, recorded in the manifest (1)
              --bpe-merges N     target word pieces learned from the training sentences; 0: characters
                                 (default 0 for Chinese, whose characters are word-sized; 800 for Italian)
            """;

    /**
     * Largest warp factor deviation: the held-out flite voice is pitch-shifted by resampling by up to 10 %, and
     * adult vocal tracts differ by about as much again.
     */
    static final double DEFAULT_WARP = 0.15;

    /** Italian targets are ≈ 60 characters long; 800 merges make them ≈ 15 pieces. */
    static final int DEFAULT_ITALIAN_MERGES = 800;

    private TrainCli() {}

    public static void main(String[] args) {
        TrainOptions o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        try {
            new SpeechTrainer(o, System.out, System.err).run();
        } catch (IOException e) {
            System.err.println("training failed: " + e.getMessage());
            System.exit(1);
        }
    }

    static TrainOptions parse(String[] args) {
        String pair = null;
        Path corpus = null;
        Path out = null;
        Path checkpoint = null;
        int epochs = 20;
        long seed = 1;
        boolean resume = false;
        int batch = 32;
        float lr = 1e-3f;
        Float lrFinal = null;
        double maxMinutes = 0;
        int encDim = 384;
        int encLayers = 2;
        int decDim = 256;
        boolean augment = true;
        double warp = DEFAULT_WARP;
        double eq = 0;
        int freqMasks = 1;
        int timeMasks = 2;
        boolean bidirectional = true;
        int evalLimit = 0;
        long corpusSeed = 1;
        Integer bpeMerges = null;
        List<Path> extraTrain = new java.util.ArrayList<>();
        boolean keepLast = false;
        double concat = 0;
        double dropout = 0;
        double prefixes = 0;
        boolean phaseShift = false;
        List<String> a = List.of(args);
        for (int i = 0; i < a.size(); i++) {
            String flag = a.get(i);
            switch (flag) {
                case "--resume" -> { resume = true; continue; }
                case "--no-augment" -> { augment = false; continue; }
                case "--unidirectional" -> { bidirectional = false; continue; }
                case "--phase-shift" -> { phaseShift = true; continue; }
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> { }
            }
            if (i + 1 >= a.size()) {
                throw new IllegalArgumentException(flag + ": missing value");
            }
            String v = a.get(++i);
            switch (flag) {
                case "--language-pair" -> pair = v;
                case "--corpus" -> corpus = Path.of(v);
                case "--extra-train" -> extraTrain.add(Path.of(v));
                case "--keep" -> keepLast = switch (v) {
                    case "best" -> false;
                    case "last" -> true;
                    default -> throw new IllegalArgumentException("--keep: expected best or last, got '" + v + "'");
                };
                case "--out" -> out = Path.of(v);
                case "--checkpoint" -> checkpoint = Path.of(v);
                case "--epochs" -> epochs = positive(flag, v);
                case "--seed" -> seed = parseLong(flag, v);
                case "--batch" -> batch = positive(flag, v);
                case "--lr" -> lr = (float) positiveDouble(flag, v);
                case "--lr-final" -> lrFinal = (float) positiveDouble(flag, v);
                case "--max-minutes" -> maxMinutes = positiveDouble(flag, v);
                case "--warp" -> warp = warp(flag, v);
                case "--eq" -> eq = positiveDouble(flag, v);
                case "--freq-masks" -> freqMasks = integer(flag, v);
                case "--time-masks" -> timeMasks = integer(flag, v);
                case "--concat" -> concat = share(flag, v);
                case "--dropout" -> dropout = rate(flag, v);
                case "--prefixes" -> prefixes = share(flag, v);
                case "--encoder-dim" -> encDim = positive(flag, v);
                case "--encoder-layers" -> encLayers = positive(flag, v);
                case "--decoder-dim" -> decDim = positive(flag, v);
                case "--eval-limit" -> evalLimit = Math.max(0, (int) parseLong(flag, v));
                case "--corpus-seed" -> corpusSeed = parseLong(flag, v);
                case "--bpe-merges" -> bpeMerges = (int) Math.min(Integer.MAX_VALUE, Math.max(0, parseLong(flag, v)));
                default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
            }
        }
        if (pair == null || corpus == null || out == null) {
            throw new IllegalArgumentException("--language-pair, --corpus and --out are required");
        }
        String target = TrainOptions.targetOf(pair); // validates the pair
        if (bpeMerges == null) {
            bpeMerges = "it".equals(target) ? DEFAULT_ITALIAN_MERGES : 0;
        }
        return new TrainOptions(pair, corpus, out, checkpoint == null ? out.resolve("checkpoint") : checkpoint, epochs, seed,
                resume, batch, lr, lrFinal == null ? lr : lrFinal, maxMinutes, encDim, encLayers, decDim, bidirectional, augment, warp, eq, freqMasks,
                timeMasks, evalLimit, corpusSeed, bpeMerges, extraTrain, keepLast, concat, dropout, phaseShift, prefixes);
    }

    private static long parseLong(String flag, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": expected an integer, got '" + v + "'");
        }
    }

    /** An int (its range is checked by {@link TrainOptions}, which names the flag). */
    private static int integer(String flag, String v) {
        long n = parseLong(flag, v);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(flag + ": out of range, got '" + v + "'");
        }
        return (int) n;
    }

    private static int positive(String flag, String v) {
        long n = parseLong(flag, v);
        if (n <= 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(flag + ": must be a positive integer, got '" + v + "'");
        }
        return (int) n;
    }

    private static double positiveDouble(String flag, String v) {
        try {
            double d = Double.parseDouble(v);
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": expected a non-negative number, got '" + v + "'");
        }
    }

    private static double warp(String flag, String v) {
        double d = positiveDouble(flag, v);
        if (d >= 0.5) {
            throw new IllegalArgumentException(flag + ": expected a factor deviation in [0, 0.5), got '" + v + "'");
        }
        return d;
    }

    private static double rate(String flag, String v) {
        double d = positiveDouble(flag, v);
        if (d >= 1) {
            throw new IllegalArgumentException(flag + ": expected a rate in [0, 1), got '" + v + "'");
        }
        return d;
    }

    private static double share(String flag, String v) {
        double d = positiveDouble(flag, v);
        if (d > 1) {
            throw new IllegalArgumentException(flag + ": expected a share in [0, 1], got '" + v + "'");
        }
        return d;
    }
}
