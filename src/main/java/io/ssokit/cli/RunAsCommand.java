package io.ssokit.cli;

import io.ssokit.shellenv.Selection;
import io.ssokit.sso.TokenSource;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ssokit run-as}: aws-sso-util's run-as, running the command directly. */
@Command(name = "run-as",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        modelTransformer = ExecSupport.StopAtCommand.class,
        description = {
            "Run COMMAND with the credentials of an account and role (aws-sso-util run-as):",
            "  ssokit run-as --account-id 111111111111 --role-name Developer aws s3 ls",
            "",
            "Logs in first when needed. The command runs directly, not through a shell: its arguments arrive exactly as "
                    + "given. Its environment is yours without AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, "
                    + "AWS_PROFILE and AWS_DEFAULT_PROFILE, plus the new credentials, AWS_CREDENTIAL_EXPIRATION (and "
                    + "aws-sso-util's AWS_CREDENTIALS_EXPIRATION), the region when known, and the SSOKIT_* identity variables. "
                    + "Options end at COMMAND: unknown options after it are the command's.",
            "",
            "Signals: TERM, HUP, USR1 and ALRM sent to ssokit are passed on to the command; Ctrl-C reaches it directly "
                    + "from the terminal. ssokit prints nothing on stdout."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "N:the command's exit status (128+N when a signal N ended it)",
            "1:no credentials: a login is needed, or no access to the role (the command did not run)",
            "2:bad usage or configuration (the command did not run)",
            "126:the command exists but cannot be run",
            "127:the command was not found"})
public final class RunAsCommand extends BaseCommand {

    @Option(names = {"-u", "--sso-start-url"}, paramLabel = "URL", description = "Instance start URL (a regex unless it starts with http; default: "
            + "AWS_DEFAULT_SSO_START_URL or the only instance configured).")
    String startUrl;

    @Option(names = "--sso-region", paramLabel = "REGION", description = "Instance region (default: AWS_DEFAULT_SSO_REGION or the config).")
    String ssoRegion;

    @Option(names = "--sso-session", paramLabel = "NAME", description = "Take the instance from this [sso-session NAME] section.")
    String ssoSession;

    @Option(names = {"-a", "--account-id"}, required = true, paramLabel = "ID", description = "The account.")
    String accountId;

    @Option(names = {"-r", "--role-name"}, required = true, paramLabel = "NAME", description = "The role (permission set) in that account.")
    String roleName;

    @Option(names = "--region", paramLabel = "REGION", description = "Region for the command (default: the one in your environment).")
    String region;

    @Option(names = "--force-refresh", description = "Log in again and fetch new role credentials.")
    boolean forceRefresh;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments, passed on exactly.")
    List<String> command;

    @Override
    protected int run() throws InterruptedException {
        // aws-sso-util's run-as also exports its own AWS_CREDENTIALS_EXPIRATION
        return ExecSupport.runWithCredentials(ctx, new Selection(null, accountId, roleName, startUrl, ssoRegion, ssoSession, region),
                EnvSupport.credentialSource(ctx),
                forceRefresh ? TokenSource.Mode.FORCE_LOGIN : TokenSource.Mode.INTERACTIVE, forceRefresh, true, command);
    }
}
