/**
 * Scores streamed sessions with the metrics package: per session (chunk latency, AL/LAAL or StreamLAAL, BLEU,
 * real-time factor) and aggregated per language pair and over a run.
 */
package io.infinisst.stream.eval.score;
