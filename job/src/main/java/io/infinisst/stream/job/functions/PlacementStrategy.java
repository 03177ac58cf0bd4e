package io.infinisst.stream.job.functions;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the slot for a new session among the slots serving its language pair. Called once per session: a
 * session then stays on its slot, where its decoder context lives.
 *
 * <p>{@code serving.load_balance_strategy} names one: {@code least_loaded}, {@code round_robin},
 * {@code gpu_memory}, or the fully qualified name of a user's class that implements this interface and has a
 * public no-argument constructor (on the job's classpath: in the job jar or the cluster's {@code lib/}). The
 * strategy can be changed while the job runs ({@code POST /configure}); {@link SlotPlacer} creates it by name.
 */
@FunctionalInterface
public interface PlacementStrategy {

    /** Built-in strategy names, as {@code serving.load_balance_strategy} spells them. */
    String LEAST_LOADED = "least_loaded";
    String ROUND_ROBIN = "round_robin";
    String GPU_MEMORY = "gpu_memory";

    /**
     * One slot a session may go to, as {@link SlotPlacer} sees it when the session arrives.
     *
     * @param slot the slot's id (its device in {@code serving.gpu_language_map})
     * @param sessions sessions now placed on the slot
     * @param recentChunks chunks placed on the slot lately (about the last 2 s, decayed): the placer's stand-in for
     *     the slot's queue depth, which only the operators downstream can see
     * @param freeMemoryMb the device's memory ({@code serving.device_memory_mb}, else
     *     {@code default_device_memory_mb}) minus {@code sessions} × the pair's {@code model_config.session_memory_mb}.
     *     The model's own weights are left out: every slot of a pair holds the same model, so they shift all slots
     *     alike and do not change the choice
     */
    record Candidate(String slot, int sessions, double recentChunks, double freeMemoryMb) {}

    /**
     * @param candidates the pair's slots that can take another session, in configuration order; never empty
     * @param turn how many sessions this pair has placed since it last had none
     * @return the {@link Candidate#slot()} of one of {@code candidates}
     */
    String place(List<Candidate> candidates, long turn);

    /**
     * Cycles through the slots that have room (the {@code turn}-th of them, wrapping): even spread for sessions of
     * similar length, no bookkeeping.
     */
    static PlacementStrategy roundRobin() {
        return (candidates, turn) -> candidates.get((int) Math.floorMod(turn, (long) candidates.size())).slot();
    }

    /**
     * The slot with the fewest sessions; on a tie the one with the fewest recent chunks (the shortest queue, as far
     * as the placer can tell); then the earliest listed.
     */
    static PlacementStrategy leastLoaded() {
        return (candidates, turn) -> candidates.stream()
                .min(Comparator.comparingInt(Candidate::sessions).thenComparingDouble(Candidate::recentChunks))
                .orElseThrow().slot();
    }

    /** The slot whose device has the most free memory; the earliest listed on a tie. */
    static PlacementStrategy gpuMemory() {
        return (candidates, turn) -> {
            Candidate best = candidates.get(0);
            for (Candidate c : candidates) {
                if (c.freeMemoryMb() > best.freeMemoryMb()) {
                    best = c;
                }
            }
            return best.slot();
        };
    }

    /** As {@link #forName(String, ClassLoader)} with this thread's context class loader. */
    static PlacementStrategy forName(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return forName(name, loader != null ? loader : PlacementStrategy.class.getClassLoader());
    }

    /**
     * The strategy {@code serving.load_balance_strategy} names: a built-in one, or a new instance of the named
     * class loaded by {@code loader}.
     *
     * @throws IllegalArgumentException naming the key, the value and what is wrong with it
     */
    static PlacementStrategy forName(String name, ClassLoader loader) {
        String n = name == null ? "" : name;
        switch (n) {
            case LEAST_LOADED:
                return leastLoaded();
            case ROUND_ROBIN:
                return roundRobin();
            case GPU_MEMORY:
                return gpuMemory();
            default:
                break;
        }
        String key = "serving.load_balance_strategy: '" + n + "' ";
        Class<?> type;
        try {
            type = Class.forName(n, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException(key + "is not one of [gpu_memory, least_loaded, round_robin] and no "
                    + "class of that name is on the job's classpath", e);
        }
        if (!PlacementStrategy.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(key + "does not implement " + PlacementStrategy.class.getName());
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException(key + "is abstract; name a concrete class");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(key + "has no public no-argument constructor", e);
        }
        try {
            return (PlacementStrategy) constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(key + "could not be created: its constructor threw "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException(key + "could not be created: " + e, e);
        }
    }
}
