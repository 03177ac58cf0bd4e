package io.infinisst.stream.model.streaming;

/**
 * One session's voice-activity state: decides, step by step from the level alone, where its segments start,
 * end or are dropped. The noise floor follows the quietest recent level (down at once, up by 0.05 dB per
 * step), so speech is found in white noise at 10 dB SNR as well as in digital silence.
 */
final class Segmenter {
    /**
     * What to do with the open segment after a step was added to it. {@code DROP}: it has been silent (or held too
     * little speech) for {@code maxLeadingSteps} steps; all but its last {@code maxLeadingSteps - 1} steps are
     * dropped, and those stay as the leading context of what follows — so every segment starts with the same
     * amount of what preceded its speech, however long the pause before it was.
     */
    enum Action { KEEP, CLOSE, DROP }

    private static final float FLOOR_RISE_DB = 0.05f;

    private final StreamingPolicy policy;
    private float floor = Float.NaN;
    private int length;
    private int speech;
    private int silenceRun;
    private boolean lastSpeech;

    Segmenter(StreamingPolicy policy) {
        this.policy = policy;
    }

    /** Adds a step of level {@code db} (dBFS) to the open segment. */
    Action add(float db) {
        floor = Float.isNaN(floor) || db < floor ? db : floor + FLOOR_RISE_DB;
        boolean isSpeech = db > policy.speechMinDbfs() && db > floor + policy.speechAboveFloorDb();
        length++;
        lastSpeech = isSpeech;
        if (isSpeech) {
            speech++;
            silenceRun = 0;
        } else {
            silenceRun++;
        }
        Action action = Action.KEEP;
        if (speech < policy.minSpeechSteps() && silenceRun >= policy.maxLeadingSteps()) {
            action = Action.DROP;
        } else if (length >= policy.maxSegmentSteps()
                || (speech >= policy.minSpeechSteps() && silenceRun >= policy.endSilenceSteps())) {
            action = Action.CLOSE;
        }
        if (action == Action.DROP) {
            length = kept();
            speech = 0;
            silenceRun = kept();
        } else if (action == Action.CLOSE) {
            length = 0;
            speech = 0;
            silenceRun = 0;
        }
        return action;
    }

    /** Whether the step last {@linkplain #add added} was speech. */
    boolean lastWasSpeech() {
        return lastSpeech;
    }

    /** Steps a dropped segment keeps, its last (all silent): the leading context of the next one. */
    int kept() {
        return policy.maxLeadingSteps() - 1;
    }

    /** Whether the open segment has heard enough speech to be translated. */
    boolean hasSpeech() {
        return speech >= policy.minSpeechSteps();
    }

    /** Steps in the open segment. */
    int length() {
        return length;
    }
}
