package io.infinisst.stream.model.streaming;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * When the streaming translator speaks. Steps are the encoder's 40 ms steps.
 *
 * @param speechAboveFloorDb a step is speech when its level is this far above the tracked noise floor
 * @param speechMinDbfs ... and above this absolute level (so faint hiss over digital silence is not speech)
 * @param endSilenceSteps silent steps after speech that end a segment
 * @param minSpeechSteps speech steps a segment needs before a pause may end it (shorter blips are kept waiting)
 * @param maxLeadingSteps a segment silent this long (or with less than {@code minSpeechSteps} of speech, a click
 *     or a cough) is dropped untranslated except for its last {@code maxLeadingSteps - 1} steps, the leading context
 *     every segment after a pause starts with
 * @param maxSegmentSteps a segment is translated and closed at this length even without a pause (bounds memory)
 * @param agreement early commits within an open segment: only tokens two consecutive hypotheses agree on (LA-2)
 * @param commitProbability early commits within an open segment: the longest prefix of the hypothesis's new tokens
 *     whose probability under the model (the product of its greedy tokens' probabilities) is at least this; 0: no
 *     such condition. With neither this nor {@code agreement}, a segment's text is sent when it ends; with both, a
 *     commit must satisfy both
 * @param splitPauseSteps a closing segment with an inner pause of at least this many silent steps is also decoded as
 *     its two halves split in that pause, and the reading the model is surer of per token is sent: two sentences
 *     said with a pause shorter than {@code endSilenceSteps} are one segment (0: never)
 * @param closingWarps frequency-warp factors ({@link io.infinisst.stream.model.features.MelWarp}) at which a closing
 *     segment is also decoded, besides as heard; the reading with the highest mean token log-probability is sent.
 *     A label-free speaker adaptation (as VTLN picks a warp by likelihood) for voices whose spectrum the model
 *     did not train on; costs one more decoding of each closing segment per factor (empty: none)
 * @param openMarker open segments are decoded from {@link io.infinisst.stream.model.text.Vocabulary#OPEN} instead
 *     of BOS: a prefix-trained model (training's {@code --prefixes}) then says only what the words heard so far give,
 *     while a closing segment, decoded from BOS, is translated whole as before (false: BOS for both)
 */
public record StreamingPolicy(float speechAboveFloorDb, float speechMinDbfs, int endSilenceSteps, int minSpeechSteps,
                              int maxLeadingSteps, int maxSegmentSteps, boolean agreement, float commitProbability,
                              int splitPauseSteps, List<Double> closingWarps, boolean openMarker) {
    /** The range a closing warp factor may take: beyond it a voice is no longer a voice. */
    static final double MIN_WARP = 0.7;
    static final double MAX_WARP = 1.3;

    public StreamingPolicy {
        closingWarps = List.copyOf(closingWarps);
        for (double w : closingWarps) {
            if (!(w >= MIN_WARP && w <= MAX_WARP) || w == 1) {
                throw new IllegalArgumentException("streaming policy closing_warps must be factors in [" + MIN_WARP + ", "
                        + MAX_WARP + "] other than 1 (the segment as heard is always decoded), got " + closingWarps);
            }
        }
        if (endSilenceSteps < 1 || minSpeechSteps < 1 || maxLeadingSteps < 1 || maxSegmentSteps < 2) {
            throw new IllegalArgumentException("streaming policy step counts must be positive: " + this);
        }
        if (splitPauseSteps < 0) {
            throw new IllegalArgumentException("streaming policy split_pause_steps must be >= 0, got " + splitPauseSteps);
        }
        if (!(commitProbability >= 0 && commitProbability < 1)) {
            throw new IllegalArgumentException("streaming policy commit_probability must be in [0, 1), got "
                    + commitProbability);
        }
    }

    /** 8 dB over the floor, 320 ms of silence ends a segment, segments at most 12 s, no early commits. */
    public static StreamingPolicy defaults() {
        return new StreamingPolicy(8f, -55f, 8, 5, 12, 300, false, 0f, 0, List.of(), false);
    }

    /** Whether open segments are decoded at every step to send part of their text before they end. */
    public boolean commitsEarly() {
        return agreement || commitProbability > 0;
    }

    /** This policy with {@link #agreement()} set to {@code on}. */
    public StreamingPolicy withAgreement(boolean on) {
        return new StreamingPolicy(speechAboveFloorDb, speechMinDbfs, endSilenceSteps, minSpeechSteps, maxLeadingSteps,
                maxSegmentSteps, on, commitProbability, splitPauseSteps, closingWarps, openMarker);
    }

    /** This policy with {@link #commitProbability()} set to {@code p}. */
    public StreamingPolicy withCommitProbability(float p) {
        return new StreamingPolicy(speechAboveFloorDb, speechMinDbfs, endSilenceSteps, minSpeechSteps, maxLeadingSteps,
                maxSegmentSteps, agreement, p, splitPauseSteps, closingWarps, openMarker);
    }

    /** This policy with the early-commit settings a caller names; null leaves the policy's own. */
    public StreamingPolicy overriddenBy(Boolean agreement, Float commitProbability) {
        StreamingPolicy p = agreement == null ? this : withAgreement(agreement);
        return commitProbability == null ? p : p.withCommitProbability(commitProbability);
    }

    /** This policy with {@link #splitPauseSteps()} set to {@code steps}. */
    public StreamingPolicy withSplitPauseSteps(int steps) {
        return new StreamingPolicy(speechAboveFloorDb, speechMinDbfs, endSilenceSteps, minSpeechSteps, maxLeadingSteps,
                maxSegmentSteps, agreement, commitProbability, steps, closingWarps, openMarker);
    }

    /** This policy with {@link #closingWarps()} set to {@code warps}. */
    public StreamingPolicy withClosingWarps(List<Double> warps) {
        return new StreamingPolicy(speechAboveFloorDb, speechMinDbfs, endSilenceSteps, minSpeechSteps, maxLeadingSteps,
                maxSegmentSteps, agreement, commitProbability, splitPauseSteps, warps, openMarker);
    }

    /** This policy with {@link #openMarker()} set to {@code on}. */
    public StreamingPolicy withOpenMarker(boolean on) {
        return new StreamingPolicy(speechAboveFloorDb, speechMinDbfs, endSilenceSteps, minSpeechSteps, maxLeadingSteps,
                maxSegmentSteps, agreement, commitProbability, splitPauseSteps, closingWarps, on);
    }

    public JsonObject toJson() {
        JsonObject j = new JsonObject();
        j.addProperty("speech_above_floor_db", speechAboveFloorDb);
        j.addProperty("speech_min_dbfs", speechMinDbfs);
        j.addProperty("end_silence_steps", endSilenceSteps);
        j.addProperty("min_speech_steps", minSpeechSteps);
        j.addProperty("max_leading_steps", maxLeadingSteps);
        j.addProperty("max_segment_steps", maxSegmentSteps);
        j.addProperty("agreement", agreement);
        j.addProperty("commit_probability", commitProbability);
        j.addProperty("split_pause_steps", splitPauseSteps);
        JsonArray warps = new JsonArray();
        closingWarps.forEach(warps::add);
        j.add("closing_warps", warps);
        j.addProperty("open_marker", openMarker);
        return j;
    }

    /** Reads a manifest's {@code policy}; missing keys keep their defaults. */
    public static StreamingPolicy fromJson(JsonObject j) {
        StreamingPolicy d = defaults();
        if (j == null) {
            return d;
        }
        return new StreamingPolicy(
                j.has("speech_above_floor_db") ? j.get("speech_above_floor_db").getAsFloat() : d.speechAboveFloorDb,
                j.has("speech_min_dbfs") ? j.get("speech_min_dbfs").getAsFloat() : d.speechMinDbfs,
                j.has("end_silence_steps") ? j.get("end_silence_steps").getAsInt() : d.endSilenceSteps,
                j.has("min_speech_steps") ? j.get("min_speech_steps").getAsInt() : d.minSpeechSteps,
                j.has("max_leading_steps") ? j.get("max_leading_steps").getAsInt() : d.maxLeadingSteps,
                j.has("max_segment_steps") ? j.get("max_segment_steps").getAsInt() : d.maxSegmentSteps,
                j.has("agreement") ? j.get("agreement").getAsBoolean() : d.agreement,
                j.has("commit_probability") ? j.get("commit_probability").getAsFloat() : d.commitProbability,
                j.has("split_pause_steps") ? j.get("split_pause_steps").getAsInt() : d.splitPauseSteps,
                j.has("closing_warps") ? warps(j.get("closing_warps")) : d.closingWarps,
                j.has("open_marker") ? j.get("open_marker").getAsBoolean() : d.openMarker);
    }

    private static List<Double> warps(JsonElement e) {
        if (!e.isJsonArray()) {
            throw new IllegalArgumentException("streaming policy closing_warps must be an array of factors, got " + e);
        }
        List<Double> out = new ArrayList<>();
        e.getAsJsonArray().forEach(w -> out.add(w.getAsDouble()));
        return out;
    }
}
