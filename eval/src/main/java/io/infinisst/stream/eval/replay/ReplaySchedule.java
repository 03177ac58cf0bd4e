package io.infinisst.stream.eval.replay;

import io.infinisst.stream.protocol.records.RequestType;
import io.infinisst.stream.protocol.records.SessionRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * When to do what while replaying a session: every record after START becomes a step at its recorded time
 * relative to the first of them (the ingress's receipt timestamps), divided by the speed. Non-empty AUDIO is a
 * binary frame with the recorded bytes; an empty AUDIO was a {@code /ping}; END is {@code EOF} when the client
 * sent it, {@code /delete_session} when it deleted the session, and nothing for a session the server reaped as
 * idle (the replay just stops sending, as that client did).
 */
public final class ReplaySchedule {

    public enum Kind { AUDIO, PING, EOF, DELETE }

    /**
     * @param atMs when, from the replay's first step
     * @param pcm the frame's bytes (AUDIO only)
     */
    public record Step(long atMs, Kind kind, byte[] pcm) {}

    private ReplaySchedule() {}

    /** @param speed 1.0 = as recorded, 2.0 = twice as fast, 0 = as fast as possible */
    public static List<Step> of(RecordedSession s, double speed) {
        if (speed < 0 || Double.isNaN(speed)) {
            throw new IllegalArgumentException("speed: must be 0 (as fast as possible) or positive, got " + speed);
        }
        List<SessionRequest> rest = s.records().subList(1, s.records().size());
        List<Step> steps = new ArrayList<>();
        if (rest.isEmpty()) {
            return steps;
        }
        long zero = rest.get(0).timestampMs();
        for (SessionRequest r : rest) {
            long at = speed == 0 ? 0 : Math.round(Math.max(0, r.timestampMs() - zero) / speed);
            if (r.type() == RequestType.AUDIO) {
                steps.add(r.pcm().length > 0 ? new Step(at, Kind.AUDIO, r.pcm()) : new Step(at, Kind.PING, null));
            } else if (r.type() == RequestType.END) {
                if ("eof".equals(r.endReason())) {
                    steps.add(new Step(at, Kind.EOF, null));
                } else if ("deleted".equals(r.endReason())) {
                    steps.add(new Step(at, Kind.DELETE, null));
                }
                break; // nothing after END reaches the job
            }
        }
        return steps;
    }
}
