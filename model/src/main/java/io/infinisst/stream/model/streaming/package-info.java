/**
 * The trained model served as a {@link io.infinisst.stream.model.StreamingTranslator}: the stream is cut into
 * segments at pauses, each segment encoded chunk by chunk with carried state and translated when it ends (or,
 * with the agreement policy, committed early where consecutive hypotheses agree). See docs/model.md.
 */
package io.infinisst.stream.model.streaming;
