package io.infinisst.stream.job.functions;

import java.util.List;

/** A user's own placement strategy, as a config names it by class name: always the last slot that has room. */
public class LastSlotStrategy implements PlacementStrategy {
    @Override
    public String place(List<Candidate> candidates, long turn) {
        return candidates.get(candidates.size() - 1).slot();
    }
}
