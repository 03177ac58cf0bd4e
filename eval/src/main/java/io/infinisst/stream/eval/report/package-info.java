/**
 * What a run leaves in {@code eval-results/<run>/}: {@code summary.json}, SimulEval-format
 * {@code instances.log}, the sessions it streamed (for replay), charts as PNG and a {@code README.md} report.
 */
package io.infinisst.stream.eval.report;
