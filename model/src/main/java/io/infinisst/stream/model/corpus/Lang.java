package io.infinisst.stream.model.corpus;

/** The corpus languages: English is spoken, Chinese and Italian are the translation targets. */
public enum Lang {
    EN("en"),
    ZH("zh"),
    IT("it");

    private final String code;

    Lang(String code) {
        this.code = code;
    }

    /** The ISO 639-1 code, also the prefix of lexicon column names ({@code zh_m}, {@code it_pl}). */
    public String code() {
        return code;
    }
}
