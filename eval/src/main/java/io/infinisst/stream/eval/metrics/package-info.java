/**
 * Quality and latency metrics computed the way the field computes them: sacreBLEU's BLEU, SimulEval's AL and
 * LAAL (ideal and computation-aware), and StreamLAAL over mwerSegmenter-style resegmented streams.
 * Formulas and sources: {@code docs/metrics.md}.
 */
package io.infinisst.stream.eval.metrics;
