package io.ssokit.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code ssokit clear} reached without the shell integration: see {@link UseCommand}. */
@Command(name = "clear",
        mixinStandardHelpOptions = true,
        description = {
            "Undo 'ssokit use' and 'ssokit env' in the current shell: unset AWS_PROFILE, the credential variables and "
                    + "the SSOKIT_* identity variables.",
            "Provided by the shell integration, which must be loaded first: see 'ssokit shell init --help'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"2:the shell integration is not loaded in this shell"})
public final class ClearCommand extends BaseCommand {
    /** Whatever follows: the explanation matters more than a parse error. */
    @Unmatched
    List<String> rest;

    @Override
    protected int run() {
        throw UseCommand.needsIntegration(ctx, "clear");
    }
}
