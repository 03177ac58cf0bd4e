/**
 * Evaluation data: held-out utterances and multi-sentence streams with their reference translations, read from
 * a corpus manifest or synthesized on the fly with espeak-ng.
 */
package io.infinisst.stream.eval.data;
