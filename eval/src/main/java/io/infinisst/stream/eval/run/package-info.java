/**
 * Evaluation runs against a running system: the basic check per language pair, the batching sweep through
 * {@code /configure}, and the full run of simulated users arriving as a Poisson process.
 */
package io.infinisst.stream.eval.run;
