package io.infinisst.stream.model.corpus;

/**
 * One synthesizer voice: {@code name} is what the synthesizer is given ({@code en-gb+f3},
 * {@code slt}, {@code kal_diphone}); {@code heldOut} voices speak only the test split.
 *
 * @param nativePitch whether the synthesizer can change this voice's pitch itself; otherwise pitch
 *     (and with it tempo) is changed by resampling, as in speed perturbation
 * @param nativeSpeed whether the synthesizer can change this voice's tempo itself
 * @param baseF0 the voice's mean pitch in Hz where the synthesizer takes an absolute target (flite, festival)
 */
public record Voice(Synth synth, String name, boolean heldOut, boolean nativeSpeed, boolean nativePitch, int baseF0) {

    /** The id in the manifest, e.g. {@code espeak-ng:en-us+m3}. */
    public String id() {
        return synth.label() + ":" + name;
    }
}
