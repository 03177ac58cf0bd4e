package io.infinisst.stream.model.corpus;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One thing to speak: a single sentence, or a stream of 3–6 sentences with the pauses between them
 * ({@code pausesMs.size() == sentences.size() - 1}).
 */
public record CorpusItem(String id, Split split, List<Sentence> sentences, List<Integer> pausesMs) {

    public CorpusItem {
        sentences = List.copyOf(sentences);
        pausesMs = List.copyOf(pausesMs);
        if (sentences.isEmpty() || pausesMs.size() != sentences.size() - 1) {
            throw new IllegalArgumentException(id + ": " + sentences.size() + " sentences need "
                    + Math.max(0, sentences.size() - 1) + " pauses, got " + pausesMs.size());
        }
    }

    /** Whether this is a multi-sentence stream. */
    public boolean isStream() {
        return sentences.size() > 1;
    }

    /** The whole text in one language: sentences joined by a space (Chinese without). */
    public String text(Lang lang) {
        return sentences.stream().map(s -> s.text(lang)).collect(Collectors.joining(lang == Lang.ZH ? "" : " "));
    }
}
