package io.infinisst.stream.model.train;

import ai.djl.training.tracker.Tracker;

/**
 * Adam's learning rate per epoch: cosine from {@code first} at epoch 1 down to {@code last} at the final epoch.
 * It follows the epoch number rather than DJL's update count, because the update count restarts at 0 when a
 * run resumes from a checkpoint while the schedule must carry on where it stopped.
 */
final class EpochCosineSchedule implements Tracker {
    private final float first;
    private final float last;
    private final int epochs;
    private volatile int epoch = 1;

    EpochCosineSchedule(float first, float last, int epochs) {
        this.first = first;
        this.last = last;
        this.epochs = epochs;
    }

    /** Moves the schedule to {@code epoch} (1-based); call before the epoch's first update. */
    void startEpoch(int epoch) {
        this.epoch = epoch;
    }

    /** The rate during {@code epoch}. */
    float rate(int epoch) {
        if (epochs <= 1) {
            return first;
        }
        double progress = Math.min(1.0, Math.max(0.0, (epoch - 1) / (double) (epochs - 1)));
        return (float) (last + (first - last) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }

    @Override
    public float getNewValue(int numUpdate) {
        return rate(epoch);
    }
}
