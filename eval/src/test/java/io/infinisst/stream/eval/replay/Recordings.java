package io.infinisst.stream.eval.replay;

import io.infinisst.stream.protocol.audio.AudioEncoding;
import io.infinisst.stream.protocol.records.SessionRequest;
import java.util.ArrayList;
import java.util.List;

/** Recorded sessions for replay tests: frames of distinct bytes at given ingress times. */
final class Recordings {
    private Recordings() {}

    /** START at {@code t0}, one 3200-byte s16le frame at each of {@code frameTimes}, then END with the reason. */
    static RecordedSession session(String id, long t0, long[] frameTimes, String endReason) {
        List<SessionRequest> r = new ArrayList<>();
        r.add(SessionRequest.start(id, t0, "English -> Italian", 1, 16_000, AudioEncoding.S16LE, "c"));
        long seq = 1;
        for (int i = 0; i < frameTimes.length; i++) {
            byte[] pcm = new byte[3200];
            for (int b = 0; b < pcm.length; b++) {
                pcm[b] = (byte) (i * 31 + b);
            }
            r.add(SessionRequest.audio(id, seq++, frameTimes[i], pcm));
        }
        if (endReason != null) {
            r.add(SessionRequest.end(id, seq, frameTimes[frameTimes.length - 1] + 5, endReason));
        }
        return new RecordedSession(id, r, null);
    }
}
