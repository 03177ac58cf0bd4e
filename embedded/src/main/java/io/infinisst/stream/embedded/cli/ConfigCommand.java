package io.infinisst.stream.embedded.cli;

import io.infinisst.stream.job.functions.TranslatorFactory;
import io.infinisst.stream.model.ModelSpec;
import io.infinisst.stream.model.StreamingTranslator;
import io.infinisst.stream.model.Translators;
import io.infinisst.stream.protocol.config.ConfigLoader;
import io.infinisst.stream.protocol.config.ConfigSources;
import io.infinisst.stream.protocol.config.ResolvedConfig;
import io.infinisst.stream.protocol.config.SstConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sst config}: writes the default config, shows the effective one with each value's source, or validates
 * one as far as loading its models. Exit code 0 when valid, 1 on problems (one per line), 2 on usage errors.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Create, show or validate the configuration.",
                "Precedence: command-line flags > environment variables (MAX_BATCH_SIZE, BATCH_TIMEOUT_MS, "
                        + "CUDA_VISIBLE_DEVICES, ENABLE_DYNAMIC_BATCHING, LOAD_BALANCE_STRATEGY, SST_<SECTION>_<KEY>)"
                        + " > file > defaults.",
                "Exit code: 0 valid, 1 problems (one per line), 2 usage error."})
final class ConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    /** Exactly one of these per run. */
    static final class Action {
        @Option(names = "--create-default", required = true,
                description = "write the default configuration to --config (refuses to overwrite without --force)")
        boolean createDefault;

        @Option(names = "--show", required = true,
                description = "print the effective configuration as JSON, then each key's value and source")
        boolean show;

        @Option(names = "--validate", required = true,
                description = "check everything, including that model files exist and each language's model loads")
        boolean validate;
    }

    @Option(names = "--config", description = "JSON config file (default: built-in defaults)")
    Path config;

    @Option(names = "--force", description = "with --create-default: overwrite an existing file")
    boolean force;

    private final Map<String, String> env;
    private final Function<ModelSpec, StreamingTranslator> models;

    ConfigCommand() {
        this(System.getenv(), Translators::create);
    }

    /**
     * With an environment and a model loader of the caller's choosing: tests must not depend on the real
     * environment, and the diagnostic model loads wherever its config is valid.
     */
    ConfigCommand(Map<String, String> env, Function<ModelSpec, StreamingTranslator> models) {
        this.env = Map.copyOf(env);
        this.models = models;
    }

    @Override
    public Integer call() {
        if (force && !action.createDefault) {
            throw new ParameterException(spec.commandLine(), "--force applies only to --create-default");
        }
        if (action.createDefault) {
            return createDefault();
        }
        return action.show ? show() : validate();
    }

    private int createDefault() {
        if (config == null) {
            throw new ParameterException(spec.commandLine(), "--create-default needs --config <file> to write");
        }
        if (Files.exists(config) && !force) {
            err().println(config + " exists; add --force to overwrite it");
            return 1;
        }
        try {
            Path parent = config.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(config, ConfigLoader.toJson(ConfigLoader.defaults()) + System.lineSeparator());
        } catch (IOException e) {
            err().println("cannot write " + config + ": " + e.getMessage());
            return 1;
        }
        out().println("wrote the default configuration to " + config);
        return 0;
    }

    private int show() {
        List<String> problems = new ArrayList<>();
        ResolvedConfig resolved = ConfigSources.resolve(config, env, Map.of(), problems);
        if (!problems.isEmpty()) {
            // Stdout may be redirected into a file someone uses as a config: problems go to stderr.
            problems.forEach(err()::println);
            return 1;
        }
        PrintWriter out = out();
        out.println(ConfigLoader.toJson(resolved.config()));
        out.println();
        out.println("# key = value  (source: default | file <path> | env <NAME> | flag <--name>)");
        resolved.describe().forEach(out::println);
        return 0;
    }

    private int validate() {
        List<String> problems = new ArrayList<>();
        ResolvedConfig resolved = ConfigSources.resolve(config, env, Map.of(), problems);
        List<String> loaded = new ArrayList<>();
        if (resolved != null) {
            SstConfig c = resolved.config();
            problems.addAll(ConfigLoader.validateModelFiles(c));
            List<String> settled = List.copyOf(problems);
            c.languages.forEach((pair, language) -> {
                // A language with a problem already reported would only fail to load for that same reason.
                if (language != null && language.modelConfig != null && !mentions(settled, pair)) {
                    String problem = loadProblem(pair, language.modelConfig);
                    if (problem == null) {
                        loaded.add(pair);
                    } else {
                        problems.add(problem);
                    }
                }
            });
        }
        PrintWriter out = out();
        if (!problems.isEmpty()) {
            problems.forEach(out::println);
            err().println((config == null ? "configuration" : config) + ": " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems"));
            return 1;
        }
        SstConfig c = resolved.config();
        out.println((config == null ? "default configuration" : config) + " is valid: "
                + c.languages.size() + " language pairs, " + c.serving.gpuLanguageMap.size()
                + " slots; models load on CPU for " + String.join(", ", loaded));
        return 0;
    }

    /** Null when the model of {@code pair} loads on this machine's CPU (and is closed again), else the problem. */
    private String loadProblem(String pair, SstConfig.ModelConfig m) {
        try (StreamingTranslator t = models.apply(TranslatorFactory.specOf(pair, "cpu", m))) {
            return null;
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: a native library that does not load is this language's problem, not a crash.
            return "languages." + pair + ": model does not load: " + e;
        }
    }

    private static boolean mentions(List<String> problems, String pair) {
        String at = "languages." + pair;
        return problems.stream().anyMatch(p -> p.startsWith(at + ".") || p.startsWith(at + ":"));
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
