package io.infinisst.stream.eval.replay;

import io.infinisst.stream.eval.run.SessionRun;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Replays several recorded sessions at once, each starting at its recorded offset from the earliest one
 * (scaled by the speed), so the load on the system has the recorded shape as well as each session's input.
 */
public final class Replayer {
    private Replayer() {}

    /**
     * @param onDone sees each replayed session as it ends
     * @return one run per session, in the given order; {@link SessionRun#replayOf()} names the original
     */
    public static List<SessionRun> replay(Collection<RecordedSession> sessions, URI base, double speed,
            Duration completionTimeout, Consumer<SessionRun> onDone) throws Exception {
        if (sessions.isEmpty()) {
            return List.of();
        }
        long first = sessions.stream().mapToLong(s -> s.start().timestampMs()).min().orElse(0);
        ReplayClient client = new ReplayClient(base, speed, completionTimeout);
        ExecutorService pool = Executors.newFixedThreadPool(sessions.size());
        try {
            List<Future<SessionRun>> futures = new ArrayList<>();
            int user = 0;
            for (RecordedSession s : sessions) {
                long delay = speed == 0 ? 0 : Math.round((s.start().timestampMs() - first) / speed);
                int u = s.entry() == null ? user : s.entry().user();
                user++;
                futures.add(pool.submit(() -> {
                    TimeUnit.MILLISECONDS.sleep(delay); // the session's recorded start
                    SessionRun r = client.replay(s, u);
                    onDone.accept(r);
                    return r;
                }));
            }
            List<SessionRun> runs = new ArrayList<>();
            for (Future<SessionRun> f : futures) {
                runs.add(f.get());
            }
            return runs;
        } finally {
            pool.shutdownNow();
        }
    }
}
