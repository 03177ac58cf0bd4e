package io.infinisst.stream.eval.score;

import io.infinisst.stream.eval.client.StreamClient;
import io.infinisst.stream.eval.data.EvalItem;
import io.infinisst.stream.eval.run.SessionRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Synthetic sessions for report and scoring tests: chunk i ends at (i+1) s and arrives {@code lag} ms later. */
public final class Runs {
    public static final long T0 = 1_700_000_000_000L;

    private Runs() {}

    public static EvalItem utterance(String id, double seconds, String zh, String it) {
        return new EvalItem(id, "test", "en-us", Path.of("/data/" + id + ".wav"), seconds, "source of " + id,
                Map.of("zh", zh, "it", it), List.of());
    }

    /** A session whose chunks carry the given texts. */
    public static SessionRun run(int user, EvalItem item, String pair, long start, long lagMs, String... texts) {
        List<StreamClient.Received> events = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            long end = Math.min((long) (item.durationSeconds() * 1000), (i + 1) * 1000L);
            long sentLast = start + end - 100;
            events.add(new StreamClient.Received("s-" + user + "-" + item.id(), i, texts[i], i == texts.length - 1, end,
                    lagMs - 5, lagMs, sentLast + lagMs));
        }
        StreamClient.Result r = new StreamClient.Result("s-" + user + "-" + item.id(), "READY: x", events, List.of(),
                true, "PROCESSING_COMPLETE: done", item.durationSeconds(), (long) (item.durationSeconds() * 1000) + 500);
        return new SessionRun(user, item, pair, 1, null, start, r, null);
    }
}
