package io.infinisst.stream.model;

/** Creates the {@link StreamingTranslator} a {@link ModelSpec} names. */
public final class Translators {
    private Translators() {}

    public static StreamingTranslator create(ModelSpec spec) {
        return switch (spec.type()) {
            case "diagnostic" -> new DiagnosticTranslator(spec);
            default -> throw new IllegalArgumentException("unknown model type '" + spec.type() + "'");
        };
    }
}
