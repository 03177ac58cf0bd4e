package io.infinisst.stream.model.corpus;

/** Italian grammatical gender; it decides articles, articulated prepositions and adjective endings. */
public enum Gender {
    M,
    F;

    /** Parses a lexicon cell ({@code m} or {@code f}). */
    static Gender parse(String cell) {
        return switch (cell.trim()) {
            case "m" -> M;
            case "f" -> F;
            default -> throw new IllegalArgumentException("gender must be 'm' or 'f', was '" + cell + "'");
        };
    }
}
