/**
 * Replay of recorded sessions: reads a session's START/AUDIO/END records from {@code sst.requests} (or an export
 * file) and re-injects them into a running system under a new session id, frame by frame with the recorded
 * timing, so two configurations can be compared on exactly the same input.
 */
package io.infinisst.stream.eval.replay;
