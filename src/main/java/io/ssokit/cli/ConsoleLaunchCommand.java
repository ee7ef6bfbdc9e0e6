package io.ssokit.cli;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.config.AwsConfig;
import io.ssokit.console.ConsoleEndpoints;
import io.ssokit.console.Destination;
import io.ssokit.shellenv.Identity;
import io.ssokit.shellenv.Selection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ssokit console launch}: aws-sso-util's console launch, plus {@code --profile}. */
@Command(name = "launch",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Sign in to the AWS console as an account and role, or with the credentials of any profile.",
            "",
            "  ssokit console launch -a 111111111111 -r Developer --region eu-west-1",
            "  ssokit console launch --profile prod-admin --print",
            "",
            "From the environment: AWS_CONSOLE_DEFAULT_REGION (--region), AWS_CONSOLE_DEFAULT_DESTINATION (--destination),"
                    + " AWS_CONSOLE_DEFAULT_ISSUER (the sign-in URL's Issuer; default: the start URL) and"
                    + " AWS_CONSOLE_LOGOUT_FIRST (--logout-first).",
            "Logs in to Identity Center first when needed. --profile takes any profile ssokit can resolve (Identity Center,"
                    + " role chains, credential_process, keys); an IAM user's long-term keys sign in as a federated user"
                    + " (sts:GetFederationToken, named after the profile, with the user's permissions; no MFA), and"
                    + " GetSessionToken sessions are refused by AWS. AWS_PROFILE is not read: name the profile.",
            "The sign-in URL carries a token that signs anyone in for 15 minutes: --print puts it on stdout only."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the sign-in URL was opened or printed",
            "1:no instance, a login is needed or failed, no access to the role, STS refused the federation token, or no browser"
                    + " could be opened",
            "2:bad usage (e.g. --logout-first without opening), or the federation endpoint gave no sign-in token"})
public final class ConsoleLaunchCommand extends BaseCommand {

    @Mixin
    ConsoleSupport.InstanceOptions sso;

    @Option(names = "--sso-session", paramLabel = "NAME", description = "Take the instance from this [sso-session NAME] section.")
    String ssoSession;

    @Option(names = {"-a", "--account-id"}, paramLabel = "ID", description = "The account (with --role-name).")
    String accountId;

    @Option(names = {"-r", "--role-name"}, paramLabel = "NAME", description = "The role (permission set) in that account.")
    String roleName;

    @Option(names = "--profile", paramLabel = "NAME", description = "Sign in with this profile's credentials instead of an"
            + " account and role.")
    String profile;

    @Mixin
    ConsoleSupport.DestinationOptions where;

    @Mixin
    ConsoleSupport.OpenOptions opening;

    @Override
    protected int run() throws InterruptedException {
        Env env = ctx.env();
        ConsoleSupport.Plan plan = opening.plan(env);
        ConsoleSupport.checkDuration(where.duration);
        String region = where.region(env, "AWS_CONSOLE_DEFAULT_REGION");
        if (profile == null && accountId == null && roleName == null) {
            throw new SsokitException(ExitCodes.USAGE, "choose whose console to open: --account-id and --role-name, or --profile NAME"
                    + (env.profileFromEnv() == null ? "" : " (AWS_PROFILE is not used: pass --profile \"$AWS_PROFILE\")"));
        }
        Identity id = new Selection(profile, accountId, roleName, sso.startUrl, sso.ssoRegion, ssoSession, null)
                .resolve(env, AwsConfig.load(env), ctx.log());
        ConsoleEndpoints endpoints = ConsoleEndpoints.resolve(env, region);
        String destination = Destination.compute(endpoints.consoleBase(), where.destination(env, "AWS_CONSOLE_DEFAULT_DESTINATION"),
                region, where.overrideRegion);
        String issuer = env.get("AWS_CONSOLE_DEFAULT_ISSUER");
        return ConsoleSupport.signIn(ctx, id, endpoints, destination, issuer != null ? issuer : ConsoleSupport.issuerOf(id),
                where.duration, plan);
    }
}
