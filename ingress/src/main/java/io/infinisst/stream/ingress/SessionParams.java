package io.infinisst.stream.ingress;

import io.infinisst.stream.protocol.audio.AudioEncoding;
import io.infinisst.stream.protocol.config.SstConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The validated parameters of {@code POST /init}. Every problem is reported at once, each naming the field
 * and the value, so a client fixes its request in one round.
 */
record SessionParams(
        String agentType, String languagePair, int latencyMultiplier, String clientId, AudioEncoding encoding,
        int sampleRate) {

    static final String AGENT_TYPE = "InfiniSST";
    static final int MIN_RATE = 8_000;
    static final int MAX_RATE = 48_000;
    static final int MAX_CLIENT_ID = 256;

    /**
     * @param field the raw value of a request field (JSON body or query parameter), null when absent
     * @throws ApiException 400 naming every bad field
     */
    static SessionParams parse(Function<String, String> field, SstConfig config) {
        List<String> problems = new ArrayList<>();

        String agent = orDefault(field.apply("agent_type"), AGENT_TYPE);
        if (!agent.equalsIgnoreCase(AGENT_TYPE)) {
            problems.add("agent_type must be " + AGENT_TYPE + "; got '" + agent + "'");
        }

        String pair = orDefault(field.apply("language_pair"), SstConfig.ENGLISH_CHINESE);
        SstConfig.Language language = config.languages.get(pair);
        if (language == null) {
            problems.add("language_pair '" + pair + "' is not configured; configured: " + config.languages.keySet());
        } else if (config.slotsOf(pair).isEmpty()) {
            problems.add("language_pair '" + pair + "' has no slot in serving.gpu_language_map");
        }

        int defaultMultiplier = language == null ? 2 : language.modelConfig.latencyMultiplier;
        int multiplier = integer(problems, "latency_multiplier", field.apply("latency_multiplier"), defaultMultiplier,
                1, 4);

        String clientId = orDefault(field.apply("client_id"), "");
        if (clientId.length() > MAX_CLIENT_ID) {
            problems.add("client_id must be at most " + MAX_CLIENT_ID + " characters; got " + clientId.length());
        }

        AudioEncoding encoding = AudioEncoding.F32LE;
        try {
            encoding = AudioEncoding.parse(field.apply("encoding"));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }

        int rate = integer(problems, "sample_rate", field.apply("sample_rate"), 16_000, MIN_RATE, MAX_RATE);

        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems));
        }
        return new SessionParams(AGENT_TYPE, pair, multiplier, clientId, encoding, rate);
    }

    /** Chunk length in seconds as the READY line shows it: 0.96 s × multiplier. */
    String chunkSeconds() {
        return String.format(java.util.Locale.ROOT, "%.2f", 0.96 * latencyMultiplier);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int integer(List<String> problems, String name, String raw, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        problems.add(name + " must be an integer in " + min + ".." + max + "; got '" + raw + "'");
        return fallback;
    }
}
