package io.infinisst.stream.embedded.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** Entry point of {@code scripts/sst}. */
@Command(name = "sst", mixinStandardHelpOptions = true, version = "InfiniSST Stream 0.1.0",
        description = "Simultaneous speech translation serving on Kafka, Flink and DJL.",
        subcommands = {LocalCommand.class, StreamCommand.class, BenchCommand.class, ConfigCommand.class, EvalCommand.class, ReplayCommand.class,
                CommandLine.HelpCommand.class})
public final class SstCommand {
    public static void main(String[] args) {
        int rc = new CommandLine(new SstCommand()).execute(args);
        if (rc != 0 || !LocalCommand.RUNNING.get()) {
            System.exit(rc);
        }
    }
}
