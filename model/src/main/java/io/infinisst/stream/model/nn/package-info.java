/**
 * The speech-translation network as DJL blocks (PyTorch engine): a streaming encoder (stacked log-mel frames,
 * a projection and a unidirectional LSTM whose state carries across chunks) and an attention LSTM decoder
 * over characters; plus the trained model's files (manifest, vocabulary, parameters).
 */
package io.infinisst.stream.model.nn;
