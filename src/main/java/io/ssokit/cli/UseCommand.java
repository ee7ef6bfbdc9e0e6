package io.ssokit.cli;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ssokit use} and {@code ssokit clear} reached without the shell integration: a program
 * cannot change its parent shell, so they explain how to load the integration instead of
 * pretending to work.
 */
@Command(name = "use",
        mixinStandardHelpOptions = true,
        description = {
            "Switch the current shell to a profile: 'ssokit use PROFILE', 'ssokit use --env PROFILE', 'ssokit use -', "
                    + "'ssokit use' (a list to choose from); 'ssokit clear' undoes it.",
            "These are provided by the shell integration, which must be loaded first: see 'ssokit shell init --help'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"2:the shell integration is not loaded in this shell"})
public final class UseCommand extends BaseCommand {
    private final String name;

    @Parameters(arity = "0..*", paramLabel = "ARG", description = "What the integration's 'ssokit use' takes.")
    List<String> args;

    UseCommand(String name) {
        this.name = name;
    }

    @Override
    protected int run() {
        String shell = ctx.env().get("SHELL");
        String id = shell == null ? "bash" : shell.substring(shell.lastIndexOf('/') + 1);
        String load = id.equals("fish") ? "ssokit shell init fish | source"
                : id.equals("zsh") ? "eval \"$(ssokit shell init zsh)\"" : "eval \"$(ssokit shell init bash)\"";
        throw new SsokitException(ExitCodes.USAGE, "'ssokit " + name + "' changes your shell, which only the shell integration"
                + " can do; load it first (and add it to your shell's start-up file): " + load);
    }
}
