package io.infinisst.stream.job.functions;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Chooses the slot for a new session among the slots serving its language pair. Called once per session: a
 * session then stays on its slot, where its decoder context lives.
 */
@FunctionalInterface
public interface PlacementStrategy extends Serializable {

    /**
     * @param slots the pair's slots, in configuration order; never empty
     * @param sessionsPerSlot sessions now placed on each of {@code slots} (0 for an idle slot); only filled when
     *     {@link #usesLoad()} is true, empty otherwise
     * @param turn how many sessions this pair has placed since it last had none
     * @return one of {@code slots}
     */
    String place(List<String> slots, Map<String, Integer> sessionsPerSlot, long turn);

    /** Whether {@link #place} reads {@code sessionsPerSlot}; counting costs a scan of the pair's sessions. */
    default boolean usesLoad() {
        return false;
    }

    /** Cycles through the slots: even spread for sessions of similar length, no bookkeeping. */
    static PlacementStrategy roundRobin() {
        return (slots, load, turn) -> slots.get((int) Math.floorMod(turn, (long) slots.size()));
    }

    /** The slot with the fewest open sessions, the earliest listed on a tie. */
    static PlacementStrategy leastLoaded() {
        return new PlacementStrategy() {
            private static final long serialVersionUID = 1L;

            @Override
            public String place(List<String> slots, Map<String, Integer> sessionsPerSlot, long turn) {
                String best = slots.get(0);
                for (String slot : slots) {
                    if (sessionsPerSlot.getOrDefault(slot, 0) < sessionsPerSlot.getOrDefault(best, 0)) {
                        best = slot;
                    }
                }
                return best;
            }

            @Override
            public boolean usesLoad() {
                return true;
            }
        };
    }

    /**
     * The strategy {@code serving.load_balance_strategy} names. {@code gpu_memory} has no memory readings to use on
     * CPU slots yet and is not accepted until it does.
     */
    static PlacementStrategy forName(String name) {
        return switch (name == null ? "" : name) {
            case "round_robin" -> roundRobin();
            case "least_loaded" -> leastLoaded();
            default -> throw new IllegalArgumentException("serving.load_balance_strategy: '" + name
                    + "' is not one of [least_loaded, round_robin]");
        };
    }
}
