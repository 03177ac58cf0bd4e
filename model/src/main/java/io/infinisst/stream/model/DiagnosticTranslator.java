package io.infinisst.stream.model;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The diagnostic model: it does not translate. It exists to measure the serving pipeline apart from a
 * real model's cost and quality, while still doing real batched DJL tensor work on the audio.
 *
 * <p>Each step measures every chunk of the batch in one forward pass (RMS level, voiced-frame share, a
 * random-filterbank projection) and, when {@link ModelSpec#diagnosticStepMs()} is positive, keeps the
 * device busy until that much of the step has passed: a fixed cost per step whatever the batch size, like
 * one accelerator call, so that what batching gains can be measured.
 *
 * <p>Its text names the chunk so a reader or a test can check delivery, e.g.
 * {@code [diag] chunk 3 · 1.92 s · -23.4 dBFS · voiced 45%}, with {@code · END after 4 chunks, 7.50 s} on
 * a session's last chunk. A chunk that is not the session's expected next one is flagged first, loudly:
 * {@code [diag] OUT-OF-ORDER expected 2 got 4 · chunk 4 · ...}; a chunk after the last one gets
 * {@code AFTER-END}. Each session's context is a few counters, however long it runs.
 */
public final class DiagnosticTranslator extends SessionTranslator<DiagnosticTranslator.Context> {
    /** What every diagnostic output starts with. */
    public static final String PREFIX = "[diag] ";
    /** Marks a chunk whose index is not the next one the session expected. */
    public static final String OUT_OF_ORDER = "OUT-OF-ORDER";
    /** Marks a chunk stepped after the session's last one. */
    public static final String AFTER_END = "AFTER-END";
    /** Ends the text of a session's last chunk. */
    public static final String END = "END";

    static final int SAMPLE_RATE = 16_000;
    private static final String SEP = " \u00b7 ";
    private static final Logger LOG = LoggerFactory.getLogger(DiagnosticTranslator.class);

    private final double stepMs;
    private final DiagnosticNetwork network;

    /** What the model remembers of a session: counters only, so memory stays bounded. */
    static final class Context {
        long expectedChunk;
        long chunks;
        long samples;
        boolean ended;
    }

    /**
     * Builds the model on the spec's device.
     *
     * @throws IllegalArgumentException when the step cost is negative or not finite, or the device is
     *     malformed or not present
     */
    public DiagnosticTranslator(ModelSpec spec) {
        double ms = spec.diagnosticStepMs();
        if (!Double.isFinite(ms) || ms < 0) {
            throw new IllegalArgumentException("model_config.diagnostic_step_ms: must be a finite number >= 0, got " + ms);
        }
        Device device = Devices.parse(spec.device());
        this.stepMs = ms;
        this.network = new DiagnosticNetwork(device, ms);
        LOG.info("Diagnostic model for '{}' on {} (device '{}'), {} ms of filler work per step",
                spec.languagePair(), device, spec.device(), ms);
    }

    @Override
    public int sampleRate() {
        return SAMPLE_RATE;
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "diagnostic(step=%.1fms)", stepMs);
    }

    @Override
    protected Context newContext() {
        return new Context();
    }

    @Override
    protected List<StepOutput> step(List<StepInput> batch, List<Context> contexts) {
        long start = System.nanoTime();
        List<float[]> audio = batch.stream().map(StepInput::audio).toList();

        List<DiagnosticNetwork.Measurement> measured = network.forward(audio, start);

        List<StepOutput> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            StepInput in = batch.get(i);
            out.add(new StepOutput(in.sessionId(), advance(contexts.get(i), in, measured.get(i))));
        }
        return out;
    }

    /** Counts the chunk into its session's context and returns the chunk's text. */
    private static String advance(Context ctx, StepInput in, DiagnosticNetwork.Measurement m) {
        StringBuilder text = new StringBuilder(96).append(PREFIX);
        if (ctx.ended) {
            text.append(AFTER_END).append(SEP);
        }
        if (in.chunkIndex() != ctx.expectedChunk) {
            text.append(OUT_OF_ORDER).append(" expected ").append(ctx.expectedChunk)
                    .append(" got ").append(in.chunkIndex()).append(SEP);
        }
        // Follow the session from what it actually sent, so one gap is reported once, not on every later chunk.
        ctx.expectedChunk = in.chunkIndex() + 1;
        ctx.chunks++;
        ctx.samples += in.audio().length;
        ctx.ended |= in.last();

        text.append("chunk ").append(in.chunkIndex()).append(SEP)
                .append(seconds(in.audio().length)).append(" s").append(SEP)
                .append(String.format(Locale.ROOT, "%.1f dBFS", m.levelDbfs())).append(SEP)
                .append("voiced ").append(Math.round(m.voicedFraction() * 100f)).append('%');
        if (in.last()) {
            text.append(SEP).append(END).append(" after ").append(ctx.chunks).append(ctx.chunks == 1 ? " chunk, " : " chunks, ")
                    .append(seconds(ctx.samples)).append(" s");
        }
        return text.toString();
    }

    private static String seconds(long samples) {
        return String.format(Locale.ROOT, "%.2f", samples / (double) SAMPLE_RATE);
    }

    /** Arrays the model holds between steps; a test uses it to show steps leave nothing behind. */
    int liveArrays() {
        return network.liveArrays();
    }

    @Override
    protected void release() {
        network.close();
    }
}
