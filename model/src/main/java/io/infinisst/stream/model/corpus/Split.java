package io.infinisst.stream.model.corpus;

import java.util.Locale;

/** The corpus splits: train and dev share slot combinations and voices; test holds out both. */
public enum Split {
    TRAIN,
    DEV,
    TEST;

    /** The lower-case name used in ids, paths and the manifest. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
