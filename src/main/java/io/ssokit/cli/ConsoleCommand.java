package io.ssokit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ssokit console}: sign in to the AWS console with role credentials. */
@Command(name = "console",
        mixinStandardHelpOptions = true,
        header = "Sign in to the AWS console as an account and role, or as any profile.",
        description = {
            "Sign in to the AWS console as an account and role, or with any profile ('launch'); share launch settings as a"
                    + " token ('get-config-token', 'launch-from-config').",
            "",
            "The credentials are traded for a sign-in token at the AWS federation endpoint (AWS_ENDPOINT_URL_SIGNIN or"
                    + " AWS_ENDPOINT_URL point it elsewhere); the sign-in URL is opened in a browser (BROWSER is honoured)"
                    + " or printed."},
        subcommands = {ConsoleLaunchCommand.class, ConsoleGetConfigTokenCommand.class, ConsoleLaunchFromConfigCommand.class})
public final class ConsoleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "missing subcommand: try 'ssokit console launch', 'ssokit console get-config-token' or"
                        + " 'ssokit console launch-from-config'");
    }
}
