/**
 * Training the speech-translation model on a synthesized corpus ({@code TrainCli}): data loading, the DJL
 * training loop with checkpoints, and the character BLEU used for the per-epoch dev check.
 */
package io.infinisst.stream.model.train;
