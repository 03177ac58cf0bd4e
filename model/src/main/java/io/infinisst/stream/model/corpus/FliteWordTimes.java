package io.infinisst.stream.model.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each word of a sentence that flite spoke ends in its clip. flite prints every phone of what it says with its
 * end time ({@code -psdur}: {@code pau:0.220 dh:0.254 ax:0.304 t:0.439 …}) but not which word a phone belongs to, so
 * the phones are dealt out to the words by how many each has when flite says it alone (cached per voice and word;
 * the only context-dependent pronunciation in its lexicon, "the" as dh ax or dh iy, keeps its count). A sentence
 * whose phones do not add up is refused rather than guessed.
 */
public final class FliteWordTimes {
    private final Map<String, Integer> phonesPerWord = new ConcurrentHashMap<>();

    /**
     * End of each English word ({@link Grammar#words}) of {@code text} in ms from the start of the clip that
     * {@link SpeechRenderer} renders of it alone (after its {@value SpeechRenderer#EDGE_MS} ms of leading silence).
     *
     * @throws IllegalArgumentException when flite's phones cannot be dealt out to the words
     */
    public int[] endsMs(Voice voice, String text, double speed, double pitch) throws IOException, InterruptedException {
        if (voice.synth() != Synth.FLITE) {
            throw new IllegalArgumentException(voice.id() + ": word times come from flite only");
        }
        double resampleFactor = voice.nativePitch() ? 1.0 : pitch;
        // the clip's own command, so the times are those of its audio; flite writes no audio to "none"
        List<String> command = new ArrayList<>(SpeechRenderer.command(voice, text, speed / resampleFactor, pitch,
                Path.of("none"), null));
        command.add(1, "-psdur");
        List<Double> ends = new ArrayList<>();
        for (String token : SpeechRenderer.run(command, voice).trim().split("\\s+")) {
            int colon = token.lastIndexOf(':');
            if (colon > 0 && !token.startsWith("pau:")) {
                ends.add(Double.parseDouble(token.substring(colon + 1)));
            }
        }
        List<String> words = Grammar.words(text);
        int[] out = new int[words.size()];
        int phone = 0;
        for (int w = 0; w < words.size(); w++) {
            phone += phones(voice, words.get(w));
            if (phone > ends.size()) {
                break;
            }
            // resampling slows a clip down by its factor: times stretch with it
            out[w] = SpeechRenderer.EDGE_MS + (int) Math.round(ends.get(phone - 1) * 1000 / resampleFactor);
        }
        if (phone != ends.size()) {
            throw new IllegalArgumentException(voice.id() + " '" + text + "': " + ends.size() + " phones, its "
                    + words.size() + " words have " + phone + " when said alone");
        }
        return out;
    }

    private int phones(Voice voice, String word) throws IOException, InterruptedException {
        String key = voice.name() + " " + word;
        Integer n = phonesPerWord.get(key);
        if (n == null) {
            String said = SpeechRenderer.run(List.of("flite", "-voice", voice.name(), "-ps", "-t", word, "-o", "none"), voice);
            n = 0;
            for (String p : said.trim().split("\\s+")) {
                if (!p.isEmpty() && !p.equals("pau")) {
                    n++;
                }
            }
            phonesPerWord.put(key, n);
        }
        return n;
    }
}
