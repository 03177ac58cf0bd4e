package io.infinisst.stream.eval.replay;

import io.infinisst.stream.eval.report.SessionsLog;
import io.infinisst.stream.protocol.records.RequestType;
import io.infinisst.stream.protocol.records.SessionRequest;
import java.io.ByteArrayOutputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One session's records as the ingress published them, in sequence order.
 *
 * @param records START first, then AUDIO (empty ones are keep-alive pings), then END if it ended
 * @param entry what an evaluation knew of the session (item, references); null when unknown
 */
public record RecordedSession(String sessionId, List<SessionRequest> records, SessionsLog.Entry entry) {

    public RecordedSession {
        Objects.requireNonNull(sessionId, "sessionId");
        records = records.stream().sorted(Comparator.comparingLong(SessionRequest::seq)).toList();
        if (records.isEmpty() || records.get(0).type() != RequestType.START) {
            throw new IllegalArgumentException("session " + sessionId + ": no START record ("
                    + (records.isEmpty() ? "no records" : "first is " + records.get(0)) + ")");
        }
    }

    public SessionRequest start() {
        return records.get(0);
    }

    public RecordedSession withEntry(SessionsLog.Entry e) {
        return new RecordedSession(sessionId, records, e);
    }

    /** The non-empty AUDIO records: the frames the client sent. */
    public List<SessionRequest> frames() {
        return records.stream().filter(r -> r.type() == RequestType.AUDIO && r.pcm().length > 0).toList();
    }

    /** Every PCM byte of the session, in order. */
    public byte[] pcm() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames().forEach(r -> out.writeBytes(r.pcm()));
        return out.toByteArray();
    }

    /** The gaps between consecutive frames' ingress timestamps, ms. */
    public long[] frameGapsMs() {
        List<SessionRequest> f = frames();
        long[] gaps = new long[Math.max(0, f.size() - 1)];
        for (int i = 1; i < f.size(); i++) {
            gaps[i - 1] = f.get(i).timestampMs() - f.get(i - 1).timestampMs();
        }
        return gaps;
    }

    /** The END record, or null when the session never ended in the recording. */
    public SessionRequest end() {
        SessionRequest last = records.get(records.size() - 1);
        return last.type() == RequestType.END ? last : null;
    }

    /** Seconds of audio recorded. */
    public double audioSeconds() {
        SessionRequest s = start();
        return pcm().length / (double) s.encoding().bytesPerSample() / s.sampleRate();
    }
}
