package io.ssokit.cli;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

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
    // Declared so that --help and the completion scripts describe what the integration's
    // 'ssokit use' takes; the binary itself only explains how to load the integration.
    @Parameters(arity = "0..1", paramLabel = "PROFILE",
            description = "The profile to switch to ('-' for the previous one; none for a list to choose from).")
    String profile;

    @Option(names = "--env", description = "Export the profile's credentials instead of setting AWS_PROFILE.")
    boolean env;

    @Option(names = "--account-id", paramLabel = "ID", description = "With --role-name: export this role's credentials.")
    String accountId;

    @Option(names = "--role-name", paramLabel = "NAME", description = "With --account-id: the role.")
    String roleName;

    @Option(names = "--region", paramLabel = "REGION", description = "The region to export with the credentials.")
    String region;

    @Unmatched
    List<String> rest;

    @Override
    protected int run() {
        throw needsIntegration(ctx, "use");
    }

    /** The error for {@code ssokit use} or {@code ssokit clear} reaching the binary. */
    static SsokitException needsIntegration(Ctx ctx, String name) {
        String shell = ctx.env().get("SHELL");
        String id = shell == null ? "bash" : shell.substring(shell.lastIndexOf('/') + 1);
        String load = id.equals("fish") ? "ssokit shell init fish | source"
                : id.equals("zsh") ? "eval \"$(ssokit shell init zsh)\"" : "eval \"$(ssokit shell init bash)\"";
        return new SsokitException(ExitCodes.USAGE, "'ssokit " + name + "' changes your shell, which only the shell integration"
                + " can do; load it first (and add it to your shell's start-up file): " + load);
    }
}
