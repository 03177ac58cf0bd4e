package io.infinisst.stream.model.corpus;

import java.util.List;
import java.util.Locale;

/** A small JSON object writer for manifest lines (the model module carries no JSON library). */
final class Json {
    private final StringBuilder out = new StringBuilder("{");

    Json put(String key, String value) {
        return raw(key, value == null ? "null" : quote(value));
    }

    /** A number; NaN and infinities are written as null. */
    Json put(String key, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return raw(key, "null");
        }
        return raw(key, value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", ""));
    }

    Json put(String key, Json object) {
        return raw(key, object.toString());
    }

    Json put(String key, List<Json> array) {
        StringBuilder a = new StringBuilder("[");
        for (int i = 0; i < array.size(); i++) {
            a.append(i == 0 ? "" : ",").append(array.get(i));
        }
        return raw(key, a.append(']').toString());
    }

    private Json raw(String key, String json) {
        out.append(out.length() == 1 ? "" : ",").append(quote(key)).append(':').append(json);
        return this;
    }

    @Override
    public String toString() {
        return out + "}";
    }

    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
