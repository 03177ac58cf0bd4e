package io.infinisst.stream.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infinisst.stream.protocol.config.ConfigLoader;
import io.infinisst.stream.protocol.config.SstConfig;
import org.junit.jupiter.api.Test;

/** Tests for {@link Admission}. */
class AdmissionTest {
    private static final String ZH = SstConfig.ENGLISH_CHINESE;
    private static final String IT = SstConfig.ENGLISH_ITALIAN;

    /** Chinese on two slots, Italian on one; {@code perSlot} sessions each. */
    private static Admission admission(int perSlot) {
        SstConfig c = ConfigLoader.defaults();
        c.serving.gpuLanguageMap.put("cpu:2", ZH);
        c.serving.maxSessionsPerSlot = perSlot;
        return new Admission(c);
    }

    @Test
    void shouldGiveEachPairItsSlotsTimesSessionsPerSlot() {
        Admission a = admission(3);
        assertThat(a.capacity(ZH)).isEqualTo(6);
        assertThat(a.capacity(IT)).isEqualTo(3);
        assertThat(a.capacity("Klingon -> Vulcan")).isZero();
    }

    @Test
    void shouldQueueBeyondCapacityInArrivalOrderPerPair() {
        Admission a = admission(1);
        assertThat(a.admitOrQueue(ZH, "z1")).isTrue();
        assertThat(a.admitOrQueue(ZH, "z2")).isTrue();
        assertThat(a.admitOrQueue(ZH, "z3")).isFalse();
        assertThat(a.admitOrQueue(IT, "i1")).isTrue(); // another pair's queue does not block this one
        assertThat(a.admitOrQueue(ZH, "z4")).isFalse();
        assertThat(a.admitOrQueue(IT, "i2")).isFalse();
        assertThat(a.position("z3")).isEqualTo(1);
        assertThat(a.position("z4")).isEqualTo(2);
        assertThat(a.position("i2")).isEqualTo(1);
        assertThat(a.position("z1")).isZero();
        assertThat(a.counts().get(ZH)).isEqualTo(new Admission.Counts(2, 2, 2));
        assertThat(a.counts().get(IT)).isEqualTo(new Admission.Counts(1, 1, 1));
        assertThat(a.activeTotal()).isEqualTo(3);
        assertThat(a.queuedTotal()).isEqualTo(3);
    }

    @Test
    void shouldAdmitTheHeadOfTheQueueWhenAPlaceFrees() {
        Admission a = admission(1);
        a.admitOrQueue(ZH, "z1");
        a.admitOrQueue(ZH, "z2");
        a.admitOrQueue(ZH, "z3");
        a.admitOrQueue(ZH, "z4");
        assertThat(a.release("z2")).isEqualTo(new Admission.Released(ZH, java.util.List.of("z3")));
        assertThat(a.holdsPlace("z3")).isTrue();
        assertThat(a.position("z4")).isEqualTo(1);
        assertThat(a.queued(ZH)).containsExactly("z4");
    }

    @Test
    void shouldMoveLaterSessionsUpWhenAQueuedOneLeaves() {
        Admission a = admission(1);
        a.admitOrQueue(ZH, "z1");
        a.admitOrQueue(ZH, "z2");
        a.admitOrQueue(ZH, "z3");
        a.admitOrQueue(ZH, "z4");
        a.admitOrQueue(ZH, "z5");
        assertThat(a.release("z4").admitted()).isEmpty();
        assertThat(a.position("z3")).isEqualTo(1);
        assertThat(a.position("z5")).isEqualTo(2);
    }

    @Test
    void shouldNotLetANewSessionOvertakeTheQueue() {
        Admission a = admission(1);
        a.admitOrQueue(IT, "i1");
        a.admitOrQueue(IT, "i2");
        a.release("i1"); // i2 admitted
        a.admitOrQueue(IT, "i3");
        assertThat(a.position("i3")).isEqualTo(1);
        assertThat(a.holdsPlace("i2")).isTrue();
    }

    @Test
    void shouldIgnoreASecondReleaseAndUnknownSessions() {
        Admission a = admission(1);
        a.admitOrQueue(IT, "i1");
        a.admitOrQueue(IT, "i2");
        assertThat(a.release("i1").admitted()).containsExactly("i2");
        assertThat(a.release("i1")).isEqualTo(Admission.Released.NOTHING);
        assertThat(a.release("nobody")).isEqualTo(Admission.Released.NOTHING);
        assertThat(a.counts().get(IT)).isEqualTo(new Admission.Counts(1, 1, 0));
    }

    @Test
    void shouldRefuseTheSameSessionTwice() {
        Admission a = admission(1);
        a.admitOrQueue(IT, "i1");
        assertThatThrownBy(() -> a.admitOrQueue(IT, "i1")).isInstanceOf(IllegalStateException.class);
    }
}
