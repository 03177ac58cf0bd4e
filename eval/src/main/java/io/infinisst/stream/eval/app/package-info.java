/**
 * The evaluation as {@code sst eval} runs it: picks the mode, prepares the data, shows progress, writes the
 * results folder.
 */
package io.infinisst.stream.eval.app;
