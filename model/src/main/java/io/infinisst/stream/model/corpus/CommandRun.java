package io.infinisst.stream.model.corpus;

import java.io.IOException;
import java.io.PrintStream;

/**
 * What the corpus commands share around their work: parse the arguments (bad ones: the message and the usage,
 * status 2; {@code --help}: the usage, status 0), run, and report a failure by its message (status 1).
 */
final class CommandRun {
    /** Parses and validates arguments; null means {@code --help}. Bad arguments throw {@link IllegalArgumentException}. */
    interface Parser<O> {
        O parse(String[] args);
    }

    /** The command's work with parsed options. */
    interface Body<O> {
        void run(O options) throws IOException, InterruptedException;
    }

    private CommandRun() {}

    /** Runs {@code name}'s command; returns the exit status (0 done, 2 bad arguments, 1 failure). */
    static <O> int run(String name, String usage, String[] args, PrintStream out, PrintStream err, Parser<O> parser,
                       Body<O> body) {
        O options;
        try {
            options = parser.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(name + ": " + e.getMessage());
            err.println(usage);
            return 2;
        }
        if (options == null) {
            out.println(usage);
            return 0;
        }
        try {
            body.run(options);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println(name + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(name + ": interrupted");
            return 1;
        }
    }
}
