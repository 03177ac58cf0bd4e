package io.infinisst.stream.model.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lexicon categories read from {@code corpus/lexicon/<category>.tsv} on the classpath: a header of column
 * names ({@code en zh zh_m it it_pl it_g ...}), one entry per line, {@code -} for an absent cell, {@code #}
 * comments. The header decides the entry kind: {@code it_g} with {@code it_pl} is a noun, {@code it_ms} an
 * adjective, anything else a phrase. Categories load once, on first use.
 */
public final class Lexicon {
    private static final String ROOT = "corpus/lexicon/";

    private final Map<String, List<Entry>> categories = new HashMap<>();

    /** The entries of a category, in file order; fails naming the category when its file is missing or malformed. */
    public synchronized List<Entry> category(String name) {
        return categories.computeIfAbsent(name, Lexicon::load);
    }

    /** The entry of a category with this key; fails naming both when absent. */
    public Entry entry(String category, String key) {
        for (Entry e : category(category)) {
            if (e.key().equals(key)) {
                return e;
            }
        }
        throw new IllegalArgumentException("lexicon category '" + category + "' has no entry '" + key + "'");
    }

    private static List<Entry> load(String category) {
        String path = ROOT + category + ".tsv";
        InputStream in = Lexicon.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalArgumentException("unknown lexicon category '" + category + "' (no resource " + path + ")");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(category, path, reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(path, e);
        }
    }

    static List<Entry> parse(String category, String path, List<String> lines) {
        String[] header = null;
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (header == null) {
                header = cells;
                continue;
            }
            if (cells.length != header.length) {
                throw new IllegalArgumentException(path + ":" + (i + 1) + ": " + cells.length + " cells, header has "
                        + header.length + ": '" + line + "'");
            }
            Map<String, String> columns = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                String cell = cells[c].trim();
                if (!cell.isEmpty() && !cell.equals("-")) {
                    columns.put(header[c].trim(), cell);
                }
            }
            entries.add(entry(category, path + ":" + (i + 1), cells[0].trim(), columns));
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(path + ": no entries");
        }
        return List.copyOf(entries);
    }

    private static Entry entry(String category, String where, String key, Map<String, String> columns) {
        Entry.Kind kind = columns.containsKey("it_ms") ? Entry.Kind.ADJECTIVE
                : columns.containsKey("it_g") && columns.containsKey("it_pl") ? Entry.Kind.NOUN : Entry.Kind.PHRASE;
        List<String> required = switch (kind) {
            case NOUN -> List.of("en", "zh", "it", "it_pl", "it_g");
            case ADJECTIVE -> List.of("it_ms", "it_fs", "it_mp", "it_fp");
            default -> List.of();
        };
        for (String column : required) {
            if (!columns.containsKey(column)) {
                throw new IllegalArgumentException(where + ": " + kind + " '" + key + "' lacks column " + column);
            }
        }
        try {
            Gender gender = columns.containsKey("it_g") ? Gender.parse(columns.get("it_g")) : Gender.M;
            Gender pluralGender = columns.containsKey("it_pl_g") ? Gender.parse(columns.get("it_pl_g")) : gender;
            return new Entry(category, key, kind, columns, gender, pluralGender, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
