package io.infinisst.stream.eval.run;

import io.infinisst.stream.eval.data.EvalItem;
import io.infinisst.stream.eval.data.EvalSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The same load at every point of the batching sweep: {@code users} sessions at once, user i streaming the
 * i-th item of a seeded shuffle of the set in the i-th pair (round robin), their starts spread evenly over one
 * chunk so their chunks do not all complete at one instant, as with real users.
 */
public final class FixedLoad {
    private final List<EvalItem> items;
    private final List<String> pairs;
    private final int users;
    private final double chunkMs;

    public FixedLoad(EvalSet set, List<String> pairs, int users, int latencyMultiplier, long seed) {
        List<EvalItem> shuffled = new ArrayList<>(set.items());
        Collections.shuffle(shuffled, new Random(seed));
        this.items = List.copyOf(shuffled);
        this.pairs = List.copyOf(pairs);
        this.users = users;
        this.chunkMs = 960.0 * latencyMultiplier;
    }

    public EvalItem itemOf(int user) {
        return items.get(user % items.size());
    }

    public String pairOf(int user) {
        return pairs.get(user % pairs.size());
    }

    public int users() {
        return users;
    }

    /** Streams the load once and answers every session's run, in user order. */
    public List<SessionRun> run(Streamer streamer, Runnable onSessionDone) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(users);
        try {
            List<Future<SessionRun>> futures = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                int user = u;
                long delay = Math.round(chunkMs * u / users);
                futures.add(pool.submit(() -> {
                    TimeUnit.MILLISECONDS.sleep(delay); // staggered arrival of a simulated user
                    SessionRun r = streamer.stream(user, itemOf(user), pairOf(user));
                    onSessionDone.run();
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
