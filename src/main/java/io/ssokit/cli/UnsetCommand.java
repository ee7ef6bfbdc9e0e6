package io.ssokit.cli;

import io.ssokit.ExitCodes;
import io.ssokit.shell.Dialect;
import io.ssokit.shell.Dialects;
import io.ssokit.shell.ShellDetector;
import io.ssokit.shellenv.CredentialEnv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ssokit unset}: code that removes what {@code ssokit env} set. */
@Command(name = "unset",
        mixinStandardHelpOptions = true,
        description = {
            "Print code that removes every variable 'ssokit env' may set: the credentials (and stale ones other tools "
                    + "leave: AWS_SECURITY_TOKEN, AWS_CREDENTIALS_EXPIRATION, AWS_SESSION_EXPIRATION), AWS_PROFILE, "
                    + "AWS_DEFAULT_PROFILE and the SSOKIT_* variables. AWS_REGION and AWS_DEFAULT_REGION are removed only "
                    + "while they hold the region ssokit exported (SSOKIT_REGION), so a region you set yourself stays.",
            "  eval \"$(ssokit unset)\"             # bash, zsh",
            "  ssokit unset --shell fish | source"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the code was printed", "2:bad usage"})
public final class UnsetCommand extends BaseCommand {

    @Option(names = "--shell", paramLabel = "SHELL", description = "Shell to print code for: bash, zsh, fish, powershell (or pwsh), cmd "
            + "(default: the shell that runs ssokit, then $SHELL, then bash).")
    String shell;

    @Override
    protected int run() {
        Dialect d = shell != null ? Dialects.parse(shell) : ShellDetector.detect(null, ctx.env().get("SHELL"));
        ctx.out().print(d.render(CredentialEnv.clear(ctx.env())));
        return ExitCodes.OK;
    }
}
