package io.ssokit.cli;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.console.ConfigToken;
import io.ssokit.console.ConsoleEndpoints;
import io.ssokit.console.Destination;
import io.ssokit.shellenv.Identity;
import io.ssokit.sso.Instance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ssokit console launch-from-config}: sign in with the settings of a config token. */
@Command(name = "launch-from-config",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Sign in to the AWS console with the settings of a config token (from 'get-config-token', ssokit's or"
                    + " aws-sso-util's).",
            "",
            "A token of another version than 1 is used anyway, with a warning; unknown keys are warned about and ignored."
                    + " Credentials are sent only to an AWS federation endpoint: a token naming any other is refused,"
                    + " unless AWS_ENDPOINT_URL_SIGNIN or AWS_ENDPOINT_URL is set, which then replaces the token's."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the sign-in URL was opened or printed",
            "1:the token is invalid, a login is needed or failed, no access to the role, or no browser could be opened",
            "2:bad usage (no account or role anywhere, --logout-first without opening), or no sign-in token"})
public final class ConsoleLaunchFromConfigCommand extends BaseCommand {

    @Option(names = {"-t", "--config-token"}, required = true, paramLabel = "TOKEN", description = "The token from get-config-token.")
    String configToken;

    @Option(names = {"-a", "--account-id"}, paramLabel = "ID", description = "The account, instead of the token's (needed when it has none).")
    String accountId;

    @Option(names = {"-r", "--role-name"}, paramLabel = "NAME", description = "The role, instead of the token's (needed when it has none).")
    String roleName;

    @Mixin
    ConsoleSupport.OpenOptions opening;

    @Override
    protected int run() throws InterruptedException {
        Env env = ctx.env();
        ConsoleSupport.Plan plan = opening.plan(env);
        ConfigToken token = ConfigToken.decode(configToken);
        if (!token.knownVersion()) {
            ctx.log().warn("unknown config token version: " + token.versionText() + " (trying it as version 1)");
        }
        if (isEmpty(token.accountId()) && accountId == null) {
            throw new SsokitException(ExitCodes.USAGE, "the config token does not specify an account: use --account-id");
        }
        if (isEmpty(token.roleName()) && roleName == null) {
            throw new SsokitException(ExitCodes.USAGE, "the config token does not specify a role: use --role-name");
        }
        token = token.withRole(accountId, roleName);
        if (!token.unknownKeys().isEmpty()) {
            ctx.log().warn("the config token contains unknown keys: " + String.join(", ", token.unknownKeys()) + " (ignored)");
        }
        if (isEmpty(token.ssoStartUrl()) || isEmpty(token.ssoRegion())) {
            throw new SsokitException(ExitCodes.ERROR, "the config token is invalid: it names no "
                    + (isEmpty(token.ssoStartUrl()) ? "sso_start_url" : "sso_region"));
        }
        try {
            ConsoleEndpoints.checkRegion(token.region(), "the config token");
            ConsoleSupport.checkDuration(token.duration());
        } catch (SsokitException e) {
            throw new SsokitException(ExitCodes.ERROR, "the config token is invalid: " + e.getMessage());
        }
        ConsoleEndpoints endpoints = endpoints(env, token);
        String destination = !isEmpty(token.destination()) ? token.destination()
                : Destination.compute(endpoints.consoleBase(), null, token.region(), false);
        Identity id = new Identity(null, Instance.legacy(token.ssoStartUrl(), token.ssoRegion()), token.accountId(), null,
                token.roleName(), null);
        String issuer = !isEmpty(token.issuer()) ? token.issuer() : token.ssoStartUrl();
        return ConsoleSupport.signIn(ctx, id, endpoints, destination, issuer, token.duration(), plan);
    }

    /**
     * The endpoint override if set; else the token's federation endpoint, which must be AWS's
     * (a shared token must not be able to send credentials elsewhere); the logout page by region.
     */
    private ConsoleEndpoints endpoints(Env env, ConfigToken token) {
        String override = ConsoleEndpoints.federationOverride(env);
        if (override != null) {
            if (token.federationEndpoint() != null && !token.federationEndpoint().equals(override)) {
                ctx.log().debug("using the endpoint override " + override + " instead of the token's " + token.federationEndpoint());
            }
            return ConsoleEndpoints.resolve(env, token.region());
        }
        ConsoleEndpoints byRegion = ConsoleEndpoints.forRegion(token.region());
        String federation = token.federationEndpoint();
        if (isEmpty(federation)) {
            return byRegion;
        }
        if (!ConsoleEndpoints.isAwsFederationEndpoint(federation)) {
            throw new SsokitException(ExitCodes.ERROR, "the config token's federation endpoint " + federation + " is not an AWS"
                    + " sign-in endpoint: refusing to send credentials there (set AWS_ENDPOINT_URL_SIGNIN to use another)");
        }
        return new ConsoleEndpoints(federation, byRegion.consoleBase(), byRegion.logout());
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
