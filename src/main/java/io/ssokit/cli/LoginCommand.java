package io.ssokit.cli;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.aws.AwsClients;
import io.ssokit.config.AwsConfig;
import io.ssokit.sso.Instance;
import io.ssokit.sso.InstanceResolver;
import io.ssokit.sso.SsoToken;
import io.ssokit.sso.SsoTokens;
import io.ssokit.sso.TokenSource;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ssokit login [START_URL [REGION]]}: signs in to one Identity Center instance (or all of
 * them) and caches the token where the AWS CLI v2 and the SDKs find it.
 */
@Command(name = "login",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Sign in to an IAM Identity Center instance and cache the token where the AWS CLI v2 and the AWS SDKs find it"
                    + " (the sso/cache directory under ~/.aws): one login serves every profile of that instance, in all of them.",
            "",
            "sso-session instances sign in with the authorization code and PKCE (the browser returns to a listener on"
                    + " 127.0.0.1), get a refresh token, and are refreshed silently until the session ends. Legacy instances"
                    + " (sso_start_url in the profile), --use-device-code and --headless use the device code: open the URL on"
                    + " any device and enter the code. A token with at least 15 minutes left is reused.",
            "",
            "Every message goes to stderr (aws-sso-util prints progress on stdout); stdout stays empty."},
        exitCodeListHeading = "%nExit codes (aws-sso-util's):%n",
        exitCodeList = {
            "0:signed in (or a cached token was still good)",
            "1:no instance, or several, matched (or the config or a cache file cannot be used)",
            "2:the sign-in request expired before it was approved",
            "3:the sign-in was refused (InvalidGrantException; the request probably expired)",
            "4:any other AWS error, a denied request, or an unreachable service"},
        footer = {"",
            "Environment: AWS_SSO_LOGIN_DEFAULT_SSO_START_URL, AWS_SSO_LOGIN_DEFAULT_SSO_REGION, AWS_DEFAULT_SSO_START_URL,"
                    + " AWS_DEFAULT_SSO_REGION (the instance); AWS_SSO_LOGIN_ALL=true (--all when no instance is named);"
                    + " AWS_SSO_DISABLE_BROWSER=true (--headless); BROWSER (the browser command, %s = the URL).",
            "",
            "Examples:",
            "  ssokit login --profile dev",
            "  ssokit login --sso-session my-org --use-device-code",
            "  ssokit login https://example.awsapps.com/start us-east-1 --headless"})
public final class LoginCommand extends BaseCommand {
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);

    @Mixin
    LoginSelection selection;

    @Option(names = "--all",
            description = "Sign in to every instance in the config file (START_URL, REGION, --profile and --sso-session are then ignored).")
    boolean all;

    @Option(names = "--force-refresh", description = "Sign in again even when the cached token is still good.")
    boolean forceRefresh;

    @Option(names = "--force", hidden = true, description = "Same as --force-refresh.")
    boolean force;

    @Option(names = {"--headless", "--no-browser"},
            description = "Never start a browser: print the URL and code to open on any device (device code flow).")
    boolean headless;

    @Option(names = "--use-device-code", description = "Use the device code flow for sso-session instances too (instead of PKCE).")
    boolean useDeviceCode;

    @Override
    protected int run() {
        AwsClients.configureSdkLogging(verbosity.level());
        selection.checkExclusive();
        List<Instance> instances = instances();
        SsoTokens tokens = SsoTokens.create(ctx.env(), ctx.log(),
                SsoTokens.Options.defaults().withHeadless(headless).withUseDeviceCode(useDeviceCode));
        TokenSource.Mode mode = forceRefresh || force ? TokenSource.Mode.FORCE_LOGIN : TokenSource.Mode.INTERACTIVE;
        if (instances.size() > 1) {
            ctx.log().info("Logging in " + instances.size() + " Identity Center instances");
        }
        int code = ExitCodes.OK;
        for (Instance i : instances) {
            ctx.log().info("Logging in " + i.startUrl() + (i.isSession() ? " (sso-session " + i.sessionName() + ")" : ""));
            try {
                SsoToken t = tokens.token(i, mode);
                ctx.log().info("Login succeeded, valid until " + localTime(t.expiresAt()));
            } catch (SsokitException e) {
                if (instances.size() == 1) {
                    throw e;
                }
                // --all: report and go on with the others; the first failure's code is the result
                ctx.err().println("ssokit: " + e.getMessage());
                ctx.err().flush();
                if (code == ExitCodes.OK) {
                    code = e.exitCode();
                }
            }
        }
        return code;
    }

    private List<Instance> instances() {
        AwsConfig config = LoginSelection.config(ctx);
        boolean everything = all || (!selection.namesInstance() && ctx.env().flag("AWS_SSO_LOGIN_ALL"));
        if (!everything) {
            return List.of(selection.resolve(ctx, config, "or use --all"));
        }
        if (selection.namesInstance()) {
            ctx.log().warn("--all signs in to every instance; START_URL, REGION, --profile and --sso-session are ignored");
        }
        List<Instance> found = new InstanceResolver(ctx.env(), config, ctx.log()).all(InstanceResolver.Vars.LOGIN);
        if (found.isEmpty()) {
            throw new SsokitException(ExitCodes.ERROR, "no Identity Center instance found for --all: configure profiles or"
                    + " sso-session sections, or set AWS_SSO_LOGIN_DEFAULT_SSO_START_URL and AWS_SSO_LOGIN_DEFAULT_SSO_REGION");
        }
        return found;
    }

    /** {@code 2024-06-03 02:10 CEST} in the zone of TZ (as the user's shell has it), else the system's. */
    String localTime(Instant t) {
        ZoneId zone = ZoneId.systemDefault();
        String tz = ctx.env().get("TZ");
        if (tz != null) {
            try {
                zone = ZoneId.of(tz.startsWith(":") ? tz.substring(1) : tz);
            } catch (DateTimeException e) {
                ctx.log().debug("TZ=" + tz + " is not a zone Java knows; using " + zone);
            }
        }
        return LOCAL_TIME.format(t.atZone(zone));
    }
}
