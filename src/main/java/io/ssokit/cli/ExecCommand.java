package io.ssokit.cli;

import io.ssokit.shellenv.Selection;
import io.ssokit.sso.TokenSource;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ssokit exec --profile P [--] CMD [ARGS...]}: run a command with a profile's credentials. */
@Command(name = "exec",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        modelTransformer = ExecSupport.StopAtCommand.class,
        description = {
            "Run CMD with the profile's credentials in its environment:",
            "  ssokit exec --profile dev -- aws s3 ls",
            "",
            "The command runs directly, not through a shell: its arguments arrive exactly as given (spaces, quotes, empty "
                    + "strings, '@' and '$' included). It gets the variables 'ssokit env' would set (credentials, "
                    + "AWS_CREDENTIAL_EXPIRATION, the region, SSOKIT_*) without AWS_PROFILE and AWS_DEFAULT_PROFILE, so no SDK "
                    + "prefers a profile over them. stdin, stdout and stderr are the command's; ssokit prints nothing on stdout. "
                    + "Options end at CMD, so CMD's own options need no '--'.",
            "",
            "Signals: TERM, HUP, USR1 and ALRM sent to ssokit are passed on to the command; Ctrl-C reaches it directly "
                    + "from the terminal (and is passed on when ssokit is not in the terminal's foreground)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "N:the command's exit status (128+N when a signal N ended it)",
            "1:no credentials: a login is needed, or no access to the role (the command did not run)",
            "2:bad usage or configuration (the command did not run)",
            "126:the command exists but cannot be run",
            "127:the command was not found"})
public final class ExecCommand extends BaseCommand {

    @Option(names = "--profile", paramLabel = "NAME", description = "Profile of any kind (Identity Center, role chain, static keys, "
            + "credential_process; default: AWS_PROFILE, then AWS_DEFAULT_PROFILE, then the default profile).")
    String profile;

    @Option(names = "--region", paramLabel = "REGION", description = "Region for the command (AWS_REGION and AWS_DEFAULT_REGION; default: the "
            + "profile's region, else the one in your environment).")
    String region;

    @Option(names = "--force-refresh", description = "Fetch new role credentials even when cached ones are still fresh.")
    boolean forceRefresh;

    @Option(names = "--non-interactive", description = "Never log in or prompt: fail with exit code 1 when a login or an MFA code is needed.")
    boolean nonInteractive;

    @Option(names = "--mfa-code", paramLabel = "CODE", description = "One-time code for the MFA device (mfa_serial) of a role in the chain, "
            + "when its credentials are not cached; without it the code is asked for on the terminal.")
    String mfaCode;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments, passed on exactly.")
    List<String> command;

    @Override
    protected int run() throws InterruptedException {
        return ExecSupport.runWithCredentials(ctx, new Selection(profile, null, null, null, null, null, region),
                EnvSupport.credentialSource(ctx, mfaCode),
                nonInteractive ? TokenSource.Mode.NON_INTERACTIVE : TokenSource.Mode.INTERACTIVE, forceRefresh, false, command);
    }
}
