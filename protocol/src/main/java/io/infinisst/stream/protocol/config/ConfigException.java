package io.infinisst.stream.protocol.config;

import java.util.List;

/** A configuration that cannot be used; {@link #problems()} lists every problem, each naming key and value. */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("invalid configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
