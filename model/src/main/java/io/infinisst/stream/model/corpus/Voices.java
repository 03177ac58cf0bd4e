package io.infinisst.stream.model.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The voice inventory and which voices are held out for the test split.
 *
 * <p>Training and dev voices: espeak-ng accents en-us, en-gb, en-gb-x-rp, en-gb-x-gbclan and
 * en-gb-x-gbcwmd, each plain and with variants m1–m6, f1–f3, f5, klatt and klatt3; flite kal, kal16, awb and slt;
 * festival kal_diphone and ked_diphone (festvox-kdlpc16k, a speaker no other synthesizer has). Held out (test
 * only): espeak-ng accents en-gb-scotland and en-029 (with any variant), variants m7 and f4 (with any accent);
 * flite rms, a speaker heard nowhere else; festival's HTS voice cmu_us_slt_arctic_hts — the slt speaker is in
 * training through flite's different synthesis, so it measures robustness to the synthesis method rather than
 * to the speaker; festival's Italian (lp, pc), Czech (dita, krb, machac, ph) and Finnish (lj, mv) voices saying
 * English phones ({@code festival-it}, {@code festival-cs}, {@code festival-fi}): accented English.
 */
public final class Voices {
    private static final List<String> TRAIN_ACCENTS = List.of("en-us", "en-gb", "en-gb-x-rp", "en-gb-x-gbclan",
            "en-gb-x-gbcwmd");
    private static final List<String> TEST_ACCENTS = List.of("en-gb-scotland", "en-029");
    private static final List<String> TRAIN_VARIANTS = List.of("", "m1", "m2", "m3", "m4", "m5", "m6", "f1",
            "f2", "f3", "f5", "klatt", "klatt3");
    private static final List<String> TEST_VARIANTS = List.of("m7", "f4");

    private Voices() {}

    /** Every voice, training ones first, in a fixed order (voice choice indexes into it). */
    public static List<Voice> all() {
        List<Voice> out = new ArrayList<>();
        for (String accent : TRAIN_ACCENTS) {
            for (String variant : TRAIN_VARIANTS) {
                out.add(espeak(accent, variant, false));
            }
        }
        out.add(new Voice(Synth.FLITE, "kal", false, true, true, 105));
        out.add(new Voice(Synth.FLITE, "kal16", false, true, true, 105));
        out.add(new Voice(Synth.FLITE, "awb", false, true, true, 120));
        out.add(new Voice(Synth.FLITE, "slt", false, true, true, 170));
        out.add(new Voice(Synth.FESTIVAL, "kal_diphone", false, true, true, 105));
        out.add(new Voice(Synth.FESTIVAL, "ked_diphone", false, true, true, 105));
        for (String accent : TEST_ACCENTS) {
            for (String variant : List.of("", "m2", "m7", "f1", "f4")) {
                out.add(espeak(accent, variant, true));
            }
        }
        for (String accent : List.of("en-us", "en-gb")) {
            for (String variant : TEST_VARIANTS) {
                out.add(espeak(accent, variant, true));
            }
        }
        out.add(new Voice(Synth.FLITE, "rms", true, true, false, 110));
        out.add(new Voice(Synth.FESTIVAL, "cmu_us_slt_arctic_hts", true, false, false, 170));
        // Eight more recorded speakers, saying English with the accent of their language: held out, a test of
        // accented speech (as training voices they cost the held-out English voices 3 BLEU: docs/corpus.md). Each
        // language is a synthesizer of its own. Base F0: the voices' own settings (Czech), or their speakers' register.
        out.add(new Voice(Synth.FESTIVAL_IT, "lp_diphone", true, true, true, 190));
        out.add(new Voice(Synth.FESTIVAL_IT, "pc_diphone", true, true, true, 105));
        out.add(new Voice(Synth.FESTIVAL_CS, "czech_dita", true, true, true, 222));
        out.add(new Voice(Synth.FESTIVAL_CS, "czech_krb", true, true, true, 258));
        out.add(new Voice(Synth.FESTIVAL_CS, "czech_machac", true, true, true, 75));
        out.add(new Voice(Synth.FESTIVAL_CS, "czech_ph", true, true, true, 136));
        out.add(new Voice(Synth.FESTIVAL_FI, "suo_fi_lj_diphone", true, true, true, 190));
        out.add(new Voice(Synth.FESTIVAL_FI, "hy_fi_mv_diphone", true, true, true, 110));
        return List.copyOf(out);
    }

    /** The voices of the given synthesizers that speak a split: held-out ones for test, the others otherwise. */
    public static List<Voice> pool(Set<Synth> synths, Split split) {
        boolean test = split == Split.TEST;
        return all().stream().filter(v -> synths.contains(v.synth()) && v.heldOut() == test).toList();
    }

    private static Voice espeak(String accent, String variant, boolean heldOut) {
        return new Voice(Synth.ESPEAK_NG, variant.isEmpty() ? accent : accent + "+" + variant, heldOut, true, true, 0);
    }
}
