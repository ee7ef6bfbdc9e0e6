package io.ssokit.cli;

import io.ssokit.Env;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.credentials.CredentialProcess;
import io.ssokit.credentials.CredentialProcessOutput;
import io.ssokit.credentials.CredentialProcessRequest;
import io.ssokit.credentials.Credentials;
import io.ssokit.sso.SsoTokens;
import java.io.IOException;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ssokit credential-process}: aws-sso-util's SDK helper (§3.8). One line of compact JSON on
 * stdout, errors on stderr with aws-sso-util's exit codes, never a browser or a prompt. Hidden from
 * the command list, as in aws-sso-util: people put it in a config file, they do not type it.
 *
 * <p>{@code credential-process --profile P} with fresh cached credentials never gets here: {@link
 * FastPath} answers it without building this command. Everything else (other options, a miss, any
 * problem) runs here and re-does the whole resolution, so both give the same answer.
 */
@Command(name = "credential-process",
        hidden = true,
        mixinStandardHelpOptions = true,
        sortOptions = false,
        resourceBundle = "io.ssokit.cli.CredentialProcessCommand",
        description = {
            "Print credentials for an AWS SDK's credential_process, as one line of JSON:",
            "  {\"Version\":1,\"AccessKeyId\":...,\"SecretAccessKey\":...,\"SessionToken\":...,\"Expiration\":...}",
            "",
            "In ~/.aws/config:  credential_process = ssokit credential-process --profile NAME",
            "",
            "Role credentials are cached in ~/.aws/cli/cache, shared with the AWS CLI (same file names and"
                    + " format), and reused while more than the refresh margin is left; otherwise they are"
                    + " fetched with the cached Identity Center token (refreshed if it can be), once across all"
                    + " processes asking at the same time. It never opens a browser or prompts: log in first"
                    + " with 'ssokit login'. Only the JSON goes to stdout; messages go to stderr.",
            ""},
        exitCodeListHeading = "%nExit codes (aws-sso-util's):%n",
        exitCodeList = {
            "0:credentials printed",
            "1:login required (stderr names the command to run)",
            "2:bad usage or configuration: unknown profile, missing setting, sso_interactive_auth",
            "4:AWS answered with an error (ERROR: ...)",
            "5:anything else, e.g. the portal could not be reached (ERROR: ...)"})
public final class CredentialProcessCommand extends BaseCommand {

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Read sso_start_url and sso_region (or sso_session), sso_account_id and sso_role_name from"
                    + " this profile. A profile that is not an Identity Center one (role_arn with source_profile or"
                    + " credential_source, static keys, credential_process) is resolved as the AWS CLI does, and the"
                    + " SSO options do not apply to it; an MFA code is never asked for. Not taken from AWS_PROFILE.")
    String profile;

    @Option(names = {"--sso-start-url", "--start-url"}, paramLabel = "URL",
            description = "The start URL, over the profile's (env: " + CredentialProcessRequest.START_URL_ENV + ").")
    String startUrl;

    @Option(names = {"--sso-region", "--region"}, paramLabel = "REGION",
            description = "The Identity Center region, over the profile's (env: " + CredentialProcessRequest.REGION_ENV
                    + "). --region is aws-sso-util's alias: it is NOT the AWS region of the credentials.")
    String region;

    @Option(names = "--account-id", paramLabel = "ID",
            description = "The account, over the profile's sso_account_id (env: " + CredentialProcessRequest.ACCOUNT_ID_ENV
                    + ").")
    String accountId;

    @Option(names = "--role-name", paramLabel = "NAME",
            description = "The role (permission set), over the profile's sso_role_name (env: "
                    + CredentialProcessRequest.ROLE_NAME_ENV + ").")
    String roleName;

    @Option(names = "--sso-session", paramLabel = "NAME",
            description = "Take the start URL and region from this [sso-session NAME] section (over the profile's"
                    + " sso_session); tokens are then the session's, refreshable.")
    String ssoSession;

    @Option(names = "--force-refresh",
            description = "Ignore the cached Identity Center token, as aws-sso-util does. Cached role credentials are"
                    + " still used; without them this fails with 'login required' (exit 1), because"
                    + " credential-process never logs in. To renew the token, run 'ssokit login --force-refresh'.")
    boolean forceRefresh;

    @Option(names = "--refresh-margin", paramLabel = "DURATION",
            description = "Fetch new role credentials when the cached ones have less than this left: seconds, or"
                    + " with s, m or h (default: 15m, env: " + CredentialProcessRequest.MARGIN_ENV + ").")
    String refreshMargin;

    @Override
    protected int run() {
        Env env = ctx.env();
        boolean debug = verbosity.level() > 0 || CredentialProcessRequest.debugFromEnv(env);
        CredentialProcessDebugLog file = null;
        if (debug) {
            try {
                file = CredentialProcessDebugLog.open(env);
            } catch (IOException | RuntimeException e) {
                ctx.log().warn("cannot write the debug log " + CredentialProcessDebugLog.path(env) + ": " + e
                        + "; continuing without it");
            }
        }
        Log debugLog = file != null ? file.log() : Log.silent();
        try {
            CredentialProcessRequest request = CredentialProcessRequest.of(env, profile, startUrl, region, accountId,
                    roleName, ssoSession, forceRefresh, refreshMargin);
            debugLog.debug("request (options over environment): " + request);
            Credentials credentials = CredentialProcess.credentials(env, request, SsoTokens.create(env, debugLog),
                    ctx.log(), debugLog, Clock.systemUTC());
            String json = CredentialProcessOutput.json(credentials);
            debugLog.debug("printing: " + json);
            ctx.out().print(json);
            ctx.out().print('\n');
            ctx.out().flush();
            return 0;
        } catch (RuntimeException e) {
            SsokitException failure = CredentialProcess.toExit(e);
            debugLog.info("failed with exit code " + failure.exitCode() + ": " + failure.getMessage());
            if (file != null) {
                file.trace(e);
            }
            ctx.err().println("ssokit: " + failure.getMessage());
            ctx.err().flush();
            return failure.exitCode();
        } finally {
            if (file != null) {
                file.close();
            }
        }
    }
}
