package io.infinisst.stream.model.train;

/**
 * One training or evaluation example: an audio file (or a span of one) and its target text.
 *
 * @param id corpus id (a stream's sentences get {@code #k})
 * @param split train, dev or test
 * @param wav absolute path of the WAV
 * @param startMs start of the span in the WAV, 0 for the whole file
 * @param endMs end of the span, or -1 for the whole file
 * @param voice the voice that spoke it
 * @param noisy whether noise was added
 * @param target the reference translation
 */
public record Utterance(String id, String split, java.nio.file.Path wav, int startMs, int endMs, String voice,
                        boolean noisy, String target) {}
