package io.infinisst.stream.eval.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A hypothesis as latency metrics see it: its units (words or characters) and, for each unit, when it was
 * emitted.
 *
 * @param units the hypothesis units, in order
 * @param delays ideal delays: milliseconds of source audio consumed when the unit was emitted (SimulEval
 *     {@code delays})
 * @param elapsed computation-aware delays: wall-clock milliseconds from the start of the source to the unit's
 *     arrival (SimulEval {@code elapsed}); empty when not measured
 */
public record TimedUnits(List<String> units, List<Double> delays, List<Double> elapsed) {

    public TimedUnits {
        units = List.copyOf(units);
        delays = List.copyOf(delays);
        elapsed = List.copyOf(elapsed);
        if (delays.size() != units.size()) {
            throw new IllegalArgumentException("delays: " + delays.size() + " values for " + units.size() + " units");
        }
        if (!elapsed.isEmpty() && elapsed.size() != units.size()) {
            throw new IllegalArgumentException("elapsed: " + elapsed.size() + " values for " + units.size()
                    + " units (give one per unit, or none)");
        }
    }

    public static TimedUnits empty() {
        return new TimedUnits(List.of(), List.of(), List.of());
    }

    public int size() {
        return units.size();
    }

    public boolean hasElapsed() {
        return !units.isEmpty() && !elapsed.isEmpty();
    }

    /** Units {@code from} (inclusive) to {@code to} (exclusive) with their delays. */
    public TimedUnits slice(int from, int to) {
        return new TimedUnits(units.subList(from, to), delays.subList(from, to),
                elapsed.isEmpty() ? List.of() : elapsed.subList(from, to));
    }

    /** The same units with {@code offsetMs} subtracted from every delay (a sentence's start, for StreamLAAL). */
    public TimedUnits shifted(double offsetMs) {
        return new TimedUnits(units, delays.stream().map(d -> d - offsetMs).toList(),
                elapsed.stream().map(d -> d - offsetMs).toList());
    }

    /** Builds the timed units of text that arrives in pieces, as a client receives it. */
    public static Accumulator accumulator(LatencyUnit unit) {
        return new Accumulator(unit);
    }

    /**
     * Turns received text pieces into timed units. Every new unit gets the delay of the piece that brought it;
     * a word that a later piece extends (the piece continues it without a space) takes that later piece's delay,
     * since it was only complete then — the rule FBK's simulstream log reader applies.
     */
    public static final class Accumulator {
        private final LatencyUnit unit;
        private final List<String> units = new ArrayList<>();
        private final List<Double> delays = new ArrayList<>();
        private final List<Double> elapsed = new ArrayList<>();
        private boolean endsInsideWord;

        private Accumulator(LatencyUnit unit) {
            this.unit = Objects.requireNonNull(unit, "unit");
        }

        /**
         * @param text the newly received text, appended to what came before
         * @param delayMs source milliseconds consumed when it was produced
         * @param elapsedMs wall-clock milliseconds since the source started when it arrived
         */
        public Accumulator append(String text, double delayMs, double elapsedMs) {
            if (text.isEmpty()) {
                return this;
            }
            List<String> pieces = unit.units(text);
            int first = 0;
            boolean continuesWord = unit == LatencyUnit.WORD && endsInsideWord && !units.isEmpty()
                    && !PythonText.isSpace(text.codePointAt(0)) && !pieces.isEmpty();
            if (continuesWord) {
                int last = units.size() - 1;
                units.set(last, units.get(last) + pieces.get(0));
                delays.set(last, delayMs);
                elapsed.set(last, elapsedMs);
                first = 1;
            }
            for (int i = first; i < pieces.size(); i++) {
                units.add(pieces.get(i));
                delays.add(delayMs);
                elapsed.add(elapsedMs);
            }
            endsInsideWord = !PythonText.isSpace(text.codePointBefore(text.length()));
            return this;
        }

        public TimedUnits build() {
            return new TimedUnits(units, delays, elapsed);
        }
    }
}
