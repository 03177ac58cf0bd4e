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
import java.util.function.Consumer;

/**
 * The full run: {@code users} simulated users arrive as a Poisson process over the test duration
 * ({@link PoissonArrivals}); each picks a language pair at random (so pairs mix) and streams held-out items
 * one session after another, in its own seeded order, until the duration is over — a user who arrives late
 * still streams one item. Everything random derives from the seed, so a run's schedule can be repeated.
 */
public final class UserLoad {

    /**
     * One user's plan.
     *
     * @param arrivalMs offset from the run's start
     * @param items what it streams, in order, for as long as the run lasts (cycled)
     */
    public record User(int index, long arrivalMs, String languagePair, List<EvalItem> items) {}

    private final List<User> users;
    private final long durationMs;

    public UserLoad(EvalSet set, List<String> pairs, int users, long durationMs, long seed) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("pairs: at least one language pair is needed");
        }
        long[] arrivals = PoissonArrivals.times(users, durationMs, seed);
        List<User> plan = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            Random r = new Random(seed * 31 + u + 1);
            List<EvalItem> order = new ArrayList<>(set.items());
            Collections.shuffle(order, r);
            plan.add(new User(u, arrivals[u], pairs.get(r.nextInt(pairs.size())), List.copyOf(order)));
        }
        this.users = List.copyOf(plan);
        this.durationMs = durationMs;
    }

    public List<User> users() {
        return users;
    }

    /**
     * Runs the plan; answers every session of every user (in the order they finished).
     *
     * @param onSession sees each session as it ends
     */
    public List<SessionRun> run(Streamer streamer, Consumer<SessionRun> onSession) throws Exception {
        long start = System.currentTimeMillis();
        ExecutorService pool = Executors.newFixedThreadPool(users.size());
        List<SessionRun> runs = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (User u : users) {
                futures.add(pool.submit(() -> {
                    long wait = start + u.arrivalMs() - System.currentTimeMillis();
                    if (wait > 0) {
                        TimeUnit.MILLISECONDS.sleep(wait); // the user's arrival time
                    }
                    int i = 0;
                    do {
                        SessionRun r = streamer.stream(u.index(), u.items().get(i % u.items().size()),
                                u.languagePair());
                        runs.add(r);
                        onSession.accept(r);
                        i++;
                        if (!r.succeeded()) {
                            TimeUnit.SECONDS.sleep(1); // a user retries after a failure, not in a tight loop
                        }
                    } while (System.currentTimeMillis() - start < durationMs);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return List.copyOf(runs);
        } finally {
            pool.shutdownNow();
        }
    }
}
