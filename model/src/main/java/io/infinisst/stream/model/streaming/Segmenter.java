package io.infinisst.stream.model.streaming;

/**
 * One session's voice-activity state: decides, step by step from the level alone, where its segments start,
 * end or are dropped. The noise floor follows the quietest recent level (down at once, up by 0.05 dB per
 * step), so speech is found in white noise at 10 dB SNR as well as in digital silence.
 */
final class Segmenter {
    /** What to do with the open segment after a step was added to it. */
    enum Action { KEEP, CLOSE, DROP }

    private static final float FLOOR_RISE_DB = 0.05f;

    private final StreamingPolicy policy;
    private float floor = Float.NaN;
    private int length;
    private int speech;
    private int silenceRun;
    /** Steps (from the segment's start) of the open segment's first and last speech; -1 before any. */
    private int firstSpeech = -1;
    private int lastSpeech = -1;
    /** {@link #firstSpeech} and {@link #lastSpeech} of the segment the last {@link Action#CLOSE} ended. */
    private int closedFirstSpeech = -1;
    private int closedLastSpeech = -1;

    Segmenter(StreamingPolicy policy) {
        this.policy = policy;
    }

    /** Adds a step of level {@code db} (dBFS) to the open segment. */
    Action add(float db) {
        floor = Float.isNaN(floor) || db < floor ? db : floor + FLOOR_RISE_DB;
        boolean isSpeech = db > policy.speechMinDbfs() && db > floor + policy.speechAboveFloorDb();
        length++;
        if (isSpeech) {
            speech++;
            silenceRun = 0;
            firstSpeech = firstSpeech < 0 ? length - 1 : firstSpeech;
            lastSpeech = length - 1;
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
        if (action == Action.CLOSE) {
            closedFirstSpeech = firstSpeech;
            closedLastSpeech = lastSpeech;
        }
        if (action != Action.KEEP) {
            length = 0;
            speech = 0;
            silenceRun = 0;
            firstSpeech = -1;
            lastSpeech = -1;
        }
        return action;
    }

    /** Whether the open segment has heard enough speech to be translated. */
    boolean hasSpeech() {
        return speech >= policy.minSpeechSteps();
    }

    /** The open segment's first and last speech step, counted from its start ({-1, -1} before any speech). */
    int[] speechSpan() {
        return new int[] {firstSpeech, lastSpeech};
    }

    /** {@link #speechSpan()} of the segment the last {@link Action#CLOSE} ended. */
    int[] closedSpeechSpan() {
        return new int[] {closedFirstSpeech, closedLastSpeech};
    }

    /** Steps in the open segment. */
    int length() {
        return length;
    }
}
