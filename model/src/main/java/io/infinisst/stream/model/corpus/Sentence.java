package io.infinisst.stream.model.corpus;

import java.util.Map;

/**
 * One rendered sentence: the English a synthesizer speaks and its Chinese and Italian translations,
 * with the template and slot values it came from (slot name → value key, in template order).
 */
public record Sentence(String templateId, String domain, String en, String zh, String it, Map<String, String> slots) {

    public Sentence {
        slots = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(slots));
    }

    /** The text in one language. */
    public String text(Lang lang) {
        return switch (lang) {
            case EN -> en;
            case ZH -> zh;
            case IT -> it;
        };
    }
}
