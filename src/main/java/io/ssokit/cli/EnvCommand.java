package io.ssokit.cli;

import io.ssokit.ExitCodes;
import io.ssokit.config.AwsConfig;
import io.ssokit.credentials.Credentials;
import io.ssokit.shell.EnvRenderer;
import io.ssokit.shellenv.CredentialEnv;
import io.ssokit.shellenv.Identity;
import io.ssokit.shellenv.Selection;
import io.ssokit.sso.TokenSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ssokit env}: code that exports an identity's credentials into the current shell. */
@Command(name = "env",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Print code that exports temporary credentials into the current shell:",
            "  eval \"$(ssokit env --profile dev)\"                      # bash, zsh",
            "  ssokit env --profile dev | source                       # fish",
            "  ssokit env --profile dev | Invoke-Expression            # PowerShell",
            "",
            "The code first unsets every variable ssokit manages (so a stale AWS_SESSION_TOKEN never survives a switch), "
                    + "then sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION "
                    + "(UTC, YYYY-MM-DDTHH:MM:SSZ), AWS_REGION and AWS_DEFAULT_REGION when a region is known, AWS_PROFILE "
                    + "for a profile, and SSOKIT_PROFILE, SSOKIT_ACCOUNT_ID, SSOKIT_ACCOUNT_NAME, SSOKIT_ROLE_NAME, "
                    + "SSOKIT_START_URL, SSOKIT_SSO_REGION, SSOKIT_SSO_SESSION and SSOKIT_REGION for prompts (each only when "
                    + "known: a role chain has no start URL, static keys may have no account).",
            "",
            "Assumed roles are cached in ~/.aws/cli/cache under the AWS CLI's own keys, so the CLI and ssokit reuse each "
                    + "other's sessions; credential_process output is cached by its command line while valid.",
            "",
            "Without --profile or --account-id: AWS_PROFILE, then AWS_DEFAULT_PROFILE, then the default profile. "
                    + "Logs in first when needed (unless --non-interactive). Messages go to stderr; on any error stdout "
                    + "stays empty and the exit code is non-zero, so eval runs nothing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the code was printed",
            "1:no credentials: a login is needed, or no access to the role",
            "2:bad usage or configuration (unknown profile, a value the shell cannot carry)"})
public final class EnvCommand extends BaseCommand {

    @Option(names = "--profile", paramLabel = "NAME", description = "Profile to export, of any kind the AWS CLI resolves: Identity Center, "
            + "role_arn with source_profile or credential_source (chains of any depth), static keys, credential_process.")
    String profile;

    @Option(names = {"-a", "--account-id"}, paramLabel = "ID", description = "Account to export credentials for, with --role-name (instead of a profile).")
    String accountId;

    @Option(names = {"-r", "--role-name"}, paramLabel = "NAME", description = "Role (permission set) in that account, with --account-id.")
    String roleName;

    @Option(names = {"-u", "--sso-start-url"}, paramLabel = "URL", description = "Instance start URL for --account-id (a regex unless it starts with http; default: "
            + "AWS_DEFAULT_SSO_START_URL or the only instance configured).")
    String startUrl;

    @Option(names = "--sso-region", paramLabel = "REGION", description = "Instance region for --account-id (default: AWS_DEFAULT_SSO_REGION or the config).")
    String ssoRegion;

    @Option(names = "--sso-session", paramLabel = "NAME", description = "Take the instance for --account-id from this [sso-session NAME] section.")
    String ssoSession;

    @Option(names = "--region", paramLabel = "REGION", description = "Region to export as AWS_REGION and AWS_DEFAULT_REGION (default: the profile's region; "
            + "else a region you exported yourself is kept).")
    String region;

    @Option(names = "--shell", paramLabel = "SHELL", description = "Shell to print code for: bash, zsh, fish, powershell (or pwsh), cmd "
            + "(default: the shell that runs ssokit, then $SHELL, then bash).")
    String shell;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Print data instead of code: dotenv (NAME='value' lines for docker compose and "
            + "python-dotenv) or json (one object); they describe the resulting variables, so nothing is unset.")
    String format;

    @Option(names = "--force-refresh", description = "Fetch new role credentials even when cached ones are still fresh.")
    boolean forceRefresh;

    @Option(names = "--non-interactive", description = "Never log in or prompt: fail with exit code 1 when a login or an MFA code is needed "
            + "(for scripts and prompts).")
    boolean nonInteractive;

    @Option(names = "--mfa-code", paramLabel = "CODE", description = "One-time code for the MFA device (mfa_serial) of a role in the chain, "
            + "when its credentials are not cached; without it the code is asked for on the terminal.")
    String mfaCode;

    @Override
    protected int run() {
        EnvRenderer target = EnvSupport.target(shell, format, ctx.env());
        Identity id = new Selection(profile, accountId, roleName, startUrl, ssoRegion, ssoSession, region)
                .resolve(ctx.env(), AwsConfig.load(ctx.env()), ctx.log());
        Credentials c = EnvSupport.credentialSource(ctx, mfaCode).credentials(id,
                nonInteractive ? TokenSource.Mode.NON_INTERACTIVE : TokenSource.Mode.INTERACTIVE, forceRefresh);
        String text = target.render(CredentialEnv.export(c, id, ctx.env()));
        ctx.out().print(text);
        return ExitCodes.OK;
    }
}
