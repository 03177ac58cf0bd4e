package io.infinisst.stream.model.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * How one corpus item is spoken: voice, tempo and pitch (relative to the voice's default), level,
 * and noise. Drawn from the seed and the item id alone, so a resumed or partial run renders any item
 * exactly as a full run would.
 *
 * @param speed tempo factor (1 = the voice's default, 1.1 = 10% faster)
 * @param pitch pitch factor (1 = the voice's default)
 * @param peak the peak level the clean speech is scaled to, before noise
 * @param snrDb signal-to-noise ratio in dB, or NaN when clean
 */
public record RenderPlan(CorpusItem item, Voice voice, double speed, double pitch, double peak, Noise noise,
        double snrDb, long noiseSeed) {

    static final double MIN_SNR_DB = 10;
    static final double MAX_SNR_DB = 20;

    /** Plans every item with voices of the given synthesizers: held-out voices for test items, training voices otherwise. */
    public static List<RenderPlan> plan(List<CorpusItem> items, long seed, Set<Synth> synths) {
        List<RenderPlan> out = new ArrayList<>(items.size());
        for (CorpusItem item : items) {
            out.add(plan(item, seed, synths));
        }
        return out;
    }

    /** Plans one item: a synthesizer uniformly among those given, then one of its voices for the split. */
    public static RenderPlan plan(CorpusItem item, long seed, Set<Synth> synths) {
        SplittableRandom random = new SplittableRandom(CorpusGenerator.mix(seed, "render/" + item.id()));
        List<Synth> usable = new ArrayList<>();
        for (Synth s : Synth.values()) { // enum order, not the set's, keeps the draw deterministic
            if (synths.contains(s) && !Voices.pool(Set.of(s), item.split()).isEmpty()) {
                usable.add(s);
            }
        }
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("no " + item.split().label() + " voices among synthesizers " + synths);
        }
        Synth synth = usable.get(random.nextInt(usable.size()));
        List<Voice> voices = Voices.pool(Set.of(synth), item.split());
        Voice voice = voices.get(random.nextInt(voices.size()));
        boolean formant = synth == Synth.ESPEAK_NG; // a formant synthesizer stays natural over a wider range
        double speed = round(uniform(random, 0.85, 1.15));
        double pitch = round(formant ? uniform(random, 0.7, 1.3) : uniform(random, 0.9, 1.1));
        if (!voice.nativeSpeed() && !voice.nativePitch()) {
            speed = pitch; // only resampling is available: tempo and pitch move together
        }
        double peak = round(uniform(random, 0.3, 0.9));
        boolean noisy = random.nextBoolean();
        Noise noise = noisy ? new Noise[] {Noise.WHITE, Noise.PINK, Noise.BROWN}[random.nextInt(3)] : Noise.NONE;
        double snr = noisy ? Math.round(uniform(random, MIN_SNR_DB, MAX_SNR_DB) * 10) / 10.0 : Double.NaN;
        return new RenderPlan(item, voice, speed, pitch, peak, noise, snr, random.nextLong());
    }

    private static double uniform(SplittableRandom random, double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
