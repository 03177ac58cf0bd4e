package io.infinisst.stream.eval.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.infinisst.stream.protocol.audio.AudioEncoding;
import io.infinisst.stream.protocol.records.SessionRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link ReplaySchedule}. */
class ReplayScheduleTest {

    @Test
    void shouldKeepTheRecordedGapsBetweenFramesAndEndWithEof() {
        RecordedSession s = Recordings.session("a", 500, new long[] {1000, 1100, 1230, 1300}, "eof");
        List<ReplaySchedule.Step> steps = ReplaySchedule.of(s, 1.0);
        assertThat(steps).extracting(ReplaySchedule.Step::atMs).containsExactly(0L, 100L, 230L, 300L, 305L);
        assertThat(steps).extracting(ReplaySchedule.Step::kind).containsExactly(ReplaySchedule.Kind.AUDIO,
                ReplaySchedule.Kind.AUDIO, ReplaySchedule.Kind.AUDIO, ReplaySchedule.Kind.AUDIO,
                ReplaySchedule.Kind.EOF);
        assertThat(steps.get(2).pcm()).isEqualTo(s.frames().get(2).pcm());
    }

    @Test
    void shouldScaleTheGapsBySpeedOrDropThemAtZero() {
        RecordedSession s = Recordings.session("a", 500, new long[] {1000, 1100, 1300}, "eof");
        assertThat(ReplaySchedule.of(s, 2.0)).extracting(ReplaySchedule.Step::atMs).containsExactly(0L, 50L, 150L,
                153L);
        assertThat(ReplaySchedule.of(s, 0)).extracting(ReplaySchedule.Step::atMs).containsOnly(0L);
    }

    @Test
    void shouldReplayPingsAndDeletionAndStopAtIdleReaping() {
        RecordedSession pinged = new RecordedSession("p", List.of(
                SessionRequest.start("p", 0, "English -> Chinese", 2, 16_000, AudioEncoding.F32LE, ""),
                SessionRequest.audio("p", 1, 100, new byte[8]),
                SessionRequest.audio("p", 2, 400, new byte[0]),
                SessionRequest.end("p", 3, 900, "deleted")), null);
        assertThat(ReplaySchedule.of(pinged, 1.0)).extracting(ReplaySchedule.Step::kind).containsExactly(
                ReplaySchedule.Kind.AUDIO, ReplaySchedule.Kind.PING, ReplaySchedule.Kind.DELETE);
        RecordedSession idle = Recordings.session("i", 0, new long[] {10, 20}, "idle");
        assertThat(ReplaySchedule.of(idle, 1.0)).extracting(ReplaySchedule.Step::kind)
                .containsExactly(ReplaySchedule.Kind.AUDIO, ReplaySchedule.Kind.AUDIO);
    }

    @Test
    void shouldMeasureTheRecordedGaps() {
        RecordedSession s = Recordings.session("a", 0, new long[] {1000, 1100, 1230}, "eof");
        assertThat(s.frameGapsMs()).containsExactly(100, 130);
        assertThat(s.audioSeconds()).isEqualTo(3 * 1600 / 16000.0);
    }
}
