package io.infinisst.stream.eval.app;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Settings of one evaluation run.
 *
 * @param mode what to run
 * @param url the system's base URL
 * @param out the results folder; null = {@code eval-results/<run-id>}
 * @param seed seeds every random choice (arrivals, pairs, item order)
 * @param numUsers simulated users (batch and full modes)
 * @param testDurationS how long users keep arriving and streaming (full mode)
 * @param pairs language pairs to use; null or empty = those the system serves (from {@code /stats})
 * @param latencyMultiplier the sessions' multiplier (chunk = 0.96 s × this)
 * @param speed 1.0 = real-time pace (what latency metrics assume)
 * @param sizes {@code max_batch_size} values of the batching grid
 * @param timeouts {@code batch_timeout_ms} values of the batching grid
 * @param settleMs wait after each {@code /configure} before measuring
 * @param manifest held-out data; null = the built-in espeak-ng set
 * @param splits manifest splits to use; empty = every split but training
 * @param replay a run folder or an export file to replay (replay mode)
 * @param bootstrapServers Kafka, to read a run folder's recorded sessions
 * @param topic the requests topic
 * @param completionTimeout how long a session may take after its last audio
 */
public record EvalOptions(Mode mode, URI url, Path out, long seed, int numUsers, double testDurationS,
        List<String> pairs, int latencyMultiplier, double speed, List<Integer> sizes, List<Long> timeouts,
        long settleMs, Path manifest, Set<String> splits, Path replay, String bootstrapServers, String topic,
        Duration completionTimeout) {

    /** The seed system's evaluation modes, and replay. */
    public enum Mode { BASIC, BATCH, FULL, REPLAY }

    public EvalOptions {
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
        splits = splits == null ? Set.of() : Set.copyOf(splits);
        sizes = List.copyOf(sizes);
        timeouts = List.copyOf(timeouts);
    }

    /** Every problem with the settings, each naming the option and its value; empty when usable. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (numUsers < 1) {
            p.add("--num-users: must be at least 1, got " + numUsers);
        }
        if (!(testDurationS > 0)) {
            p.add("--test-duration: must be positive seconds, got " + testDurationS);
        }
        if (latencyMultiplier < 1 || latencyMultiplier > 4) {
            p.add("--latency-multiplier: must be 1-4, got " + latencyMultiplier);
        }
        if (!(speed > 0)) {
            p.add("--speed: must be positive, got " + speed);
        }
        if (mode == Mode.BATCH && (sizes.isEmpty() || timeouts.isEmpty())) {
            p.add("--sizes/--timeouts: the batching grid needs at least one of each, got " + sizes + " x " + timeouts);
        }
        sizes.stream().filter(s -> s < 1).forEach(s -> p.add("--sizes: every size must be at least 1, got " + s));
        timeouts.stream().filter(t -> t < 0).forEach(t -> p.add("--timeouts: must not be negative, got " + t));
        if (mode == Mode.REPLAY && replay == null) {
            p.add("--replay: a run folder or an export file is needed");
        }
        return p;
    }
}
