package io.infinisst.stream.model.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.infinisst.stream.model.corpus.Manifest;
import io.infinisst.stream.model.features.LogMel;
import io.infinisst.stream.model.text.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * One training sentence's prefix material: the frame at which each of its words has been heard, and the target
 * tokens ({@link Vocabulary#OPEN}, what may be said, EOS) after each number of words (a corpus's {@code prefixes.jsonl}, written by
 * {@code PrefixCli}). Prefix training shows the model a sentence cut off while it is being spoken, with only what
 * its heard words give as the target, so that a hypothesis of an open segment says what was heard and stops instead
 * of completing the sentence with a guess.
 *
 * @param endFrames frames (10 ms each) of the clip up to the end of word 1, 2, … (a word is heard once they are)
 * @param tokens target tokens after 0, 1, … all words heard
 */
record PrefixPoints(int[] endFrames, long[][] tokens) {
    static final String FILE = "prefixes.jsonl";
    /** Cuts start this long before the first word ends (300 ms: what precedes it is heard as nothing yet). */
    static final int LEAD_FRAMES = 30;
    /**
     * And reach this long past the last word's end (200 ms): a sentence heard whole whose pause has not yet reached
     * the segmenter's 320 ms — its open segment may say all of it that no longer sentence could change.
     */
    static final int TAIL_FRAMES = 20;

    PrefixPoints {
        if (tokens.length != endFrames.length + 1) {
            throw new IllegalArgumentException(endFrames.length + " words need " + (endFrames.length + 1) + " targets, got "
                    + tokens.length);
        }
    }

    /** The prefix material of {@code corpus} for target language {@code target}, by utterance id. */
    static Map<String, PrefixPoints> read(Path corpus, String target, Vocabulary vocab) throws IOException {
        Path file = corpus.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("--prefixes: no " + FILE + " in " + corpus + " (write it with scripts/sst prefixes --corpus "
                    + corpus + ")");
        }
        int msPerFrame = LogMel.HOP * 1000 / LogMel.SAMPLE_RATE;
        Map<String, PrefixPoints> out = new HashMap<>();
        for (JsonObject j : Manifest.read(file)) {
            JsonArray ends = j.getAsJsonArray("ends_ms");
            JsonArray said = j.getAsJsonArray(target);
            int[] endFrames = new int[ends.size()];
            for (int i = 0; i < endFrames.length; i++) {
                // the frame after which the word's last 10 ms have been heard
                endFrames[i] = (ends.get(i).getAsInt() + msPerFrame - 1) / msPerFrame;
            }
            long[][] tokens = new long[said.size()][];
            for (int k = 0; k < tokens.length; k++) {
                // the decoding of a sentence still being spoken starts apart from a whole one's
                tokens[k] = SpeechTrainer.framed(Vocabulary.OPEN, vocab.encode(said.get(k).getAsString()));
            }
            out.put(j.get("id").getAsString(), new PrefixPoints(endFrames, tokens));
        }
        return out;
    }

    /**
     * {@code e} cut at a random frame from {@link #LEAD_FRAMES} before its first word ends to {@link #TAIL_FRAMES}
     * after its last, with the target of the words ended by then. Frame rows are shared, not copied.
     */
    SpeechTrainer.Example prefixOf(SpeechTrainer.Example e, Random random) {
        int n = endFrames.length;
        int from = Math.max(1, Math.min(e.frames().length, (n == 0 ? 0 : endFrames[0]) - LEAD_FRAMES));
        int to = Math.min(e.frames().length, (n == 0 ? 0 : endFrames[n - 1]) + TAIL_FRAMES);
        int cut = to > from ? from + random.nextInt(to - from) : from;
        int heard = 0;
        while (heard < n && endFrames[heard] <= cut) {
            heard++;
        }
        return new SpeechTrainer.Example(e.u(), Arrays.copyOf(e.frames(), cut), tokens[heard]);
    }
}
