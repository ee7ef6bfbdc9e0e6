package io.ssokit.cli;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.aws.AwsClients;
import io.ssokit.config.AwsConfig;
import io.ssokit.sso.Instance;
import io.ssokit.sso.SsoLogout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ssokit logout}: ends the portal sessions and removes cached tokens and SSO role credentials. */
@Command(name = "logout",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Sign out of IAM Identity Center: end each portal session (sso:Logout), delete the cached tokens in"
                    + " ~/.aws/sso/cache (the AWS CLI's too) and the SSO role credentials in ~/.aws/cli/cache."
                    + " Client registrations and every other file are kept.",
            "",
            "Without START_URL, REGION, --profile or --sso-session: everything, as aws-sso-util does. With one: the tokens"
                    + " of that instance (every token file for its start URL and region) and the role credentials of the"
                    + " config file's profiles on it.",
            "",
            "A portal that cannot be reached is a warning: the local sign-out happens anyway. Every message goes to stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:signed out (warnings, if any, on stderr)",
            "1:the instance could not be resolved, or a file could not be deleted"},
        footer = {"", "Examples:", "  ssokit logout", "  ssokit logout --sso-session my-org"})
public final class LogoutCommand extends BaseCommand {

    @Mixin
    LoginSelection selection;

    @Option(names = "--all", description = "Sign out of everything (the default when no instance is named).")
    boolean all;

    @Override
    protected int run() {
        AwsClients.configureSdkLogging(verbosity.level());
        selection.checkExclusive();
        SsoLogout logout = new SsoLogout(ctx.env(), ctx.log());
        SsoLogout.Report report;
        boolean oneInstance = selection.namesInstance() && !all;
        if (oneInstance) {
            AwsConfig config = LoginSelection.config(ctx);
            Instance instance = selection.resolve(ctx, config, null);
            ctx.log().info("Signing out of " + instance.describe());
            report = logout.instance(instance, config);
        } else {
            if (all && selection.namesInstance()) {
                ctx.log().warn("--all signs out of everything; START_URL, REGION, --profile and --sso-session are ignored");
            }
            report = logout.all();
        }
        int tokens = report.tokenFiles().size();
        int creds = report.roleCredentialFiles().size();
        if (tokens == 0 && creds == 0 && report.errors().isEmpty()) {
            ctx.log().info("Nothing to sign out of: no Identity Center token or SSO role credentials are cached"
                    + (oneInstance ? " for this instance." : "."));
        } else {
            ctx.log().info("Signed out: removed " + plural(tokens, "token file") + " and " + plural(creds, "cached role credential file")
                    + " (ended " + plural(report.sessionsEnded(), "portal session") + "); client registrations were kept.");
        }
        if (oneInstance) {
            ctx.log().info("Role credentials cached for roles that no profile in the config file names cannot be told apart"
                    + " and were kept; 'ssokit logout' without an instance removes every SSO role credential.");
        }
        if (!report.errors().isEmpty()) {
            throw new SsokitException(ExitCodes.ERROR, "the sign-out is incomplete: " + String.join("; ", report.errors()));
        }
        return ExitCodes.OK;
    }

    private static String plural(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
