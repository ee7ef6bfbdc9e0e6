package io.ssokit.cli;

import picocli.CommandLine.Option;

/** {@code -v} (repeatable) and {@code --debug}, as every aws-sso-util command has them. */
public final class Verbosity {
    @Option(names = {"-v", "--verbose"}, description = "More messages on stderr; repeat for more (-vvvv shows AWS SDK wire logs).")
    boolean[] verbose = new boolean[0];

    @Option(names = "--debug", description = "Most verbose, with stack traces on errors.")
    boolean debug;

    public int level() {
        return debug ? 4 : verbose.length;
    }
}
