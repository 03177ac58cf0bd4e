package io.infinisst.stream.eval.data;

import io.infinisst.stream.eval.metrics.StreamLaal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One held-out recording with its references: a single utterance, or a multi-sentence stream whose sentences
 * have known places in the audio (for StreamLAAL).
 *
 * @param id the manifest's id
 * @param split e.g. {@code test}; empty when the manifest has none
 * @param voice the synthesizer voice, empty when unknown
 * @param wav the recording
 * @param durationSeconds its length as the manifest states it (0 = unknown; the WAV decides)
 * @param source the English text
 * @param references translation per target code ({@code zh}, {@code it}); for a stream, the sentences joined
 * @param sentences a stream's sentences in order; empty for a single utterance
 */
public record EvalItem(String id, String split, String voice, Path wav, double durationSeconds, String source,
        Map<String, String> references, List<Sentence> sentences) {

    /**
     * One sentence of a multi-sentence stream.
     *
     * @param startMs where its speech starts in the stream's audio
     * @param durationMs how long its speech lasts
     * @param source its English text
     * @param references its translation per target code
     */
    public record Sentence(double startMs, double durationMs, String source, Map<String, String> references) {
        public Sentence {
            references = Map.copyOf(references);
        }
    }

    public EvalItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(wav, "wav");
        split = split == null ? "" : split;
        voice = voice == null ? "" : voice;
        source = source == null ? "" : source;
        references = Map.copyOf(references);
        sentences = List.copyOf(sentences);
    }

    /** True for a multi-sentence stream (scored with StreamLAAL). */
    public boolean isStream() {
        return sentences.size() > 1;
    }

    /** The reference for a pair's target language, or null when the manifest has none. */
    public String reference(String languagePair) {
        String code = Languages.targetCode(languagePair);
        String whole = references.get(code);
        if (whole != null || sentences.isEmpty()) {
            return whole;
        }
        List<String> parts = sentences.stream().map(s -> s.references().get(code)).toList();
        if (parts.contains(null)) {
            return null;
        }
        return String.join(code.equals("zh") || code.equals("ja") ? "" : " ", parts);
    }

    /** A stream's sentences as StreamLAAL takes them, or null when a sentence lacks this pair's reference. */
    public List<StreamLaal.ReferenceSentence> referenceSentences(String languagePair) {
        String code = Languages.targetCode(languagePair);
        if (sentences.isEmpty() || sentences.stream().anyMatch(s -> s.references().get(code) == null)) {
            return null;
        }
        return sentences.stream()
                .map(s -> new StreamLaal.ReferenceSentence(s.references().get(code), s.startMs(), s.durationMs()))
                .toList();
    }
}
