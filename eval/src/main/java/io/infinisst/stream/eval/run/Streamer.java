package io.infinisst.stream.eval.run;

import io.infinisst.stream.eval.data.EvalItem;

/** Streams one item as one session and reports what happened; never throws for a failed session. */
@FunctionalInterface
public interface Streamer {
    SessionRun stream(int user, EvalItem item, String languagePair) throws InterruptedException;
}
