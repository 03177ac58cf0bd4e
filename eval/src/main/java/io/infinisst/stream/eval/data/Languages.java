package io.infinisst.stream.eval.data;

import java.util.Locale;
import java.util.Map;

/** Target-language codes of language pairs, the keys under which manifests hold references ({@code zh}, {@code it}). */
public final class Languages {
    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("english", "en"), Map.entry("chinese", "zh"), Map.entry("mandarin", "zh"),
            Map.entry("italian", "it"), Map.entry("german", "de"), Map.entry("french", "fr"),
            Map.entry("spanish", "es"), Map.entry("japanese", "ja"), Map.entry("portuguese", "pt"),
            Map.entry("dutch", "nl"), Map.entry("russian", "ru"), Map.entry("korean", "ko"));

    private Languages() {}

    /**
     * The target code of a pair such as {@code English -> Chinese} ({@code zh}); a name not in the table is
     * taken as a code already when it is short ({@code "en -> it"}), else lower-cased whole.
     */
    public static String targetCode(String languagePair) {
        String s = languagePair == null ? "" : languagePair;
        int arrow = s.lastIndexOf("->");
        String target = (arrow >= 0 ? s.substring(arrow + 2) : s).trim().toLowerCase(Locale.ROOT);
        return CODES.getOrDefault(target, target);
    }

    /** e.g. {@code en-zh}: a file-name-safe label of a pair. */
    public static String slug(String languagePair) {
        String s = languagePair == null ? "" : languagePair;
        int arrow = s.indexOf("->");
        if (arrow < 0) {
            return s.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        }
        String src = s.substring(0, arrow).trim().toLowerCase(Locale.ROOT);
        return CODES.getOrDefault(src, src).replaceAll("[^a-z0-9]+", "-") + "-"
                + targetCode(languagePair).replaceAll("[^a-z0-9]+", "-");
    }
}
