package io.ssokit.cli;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.config.AwsConfig;
import io.ssokit.sso.Instance;
import io.ssokit.sso.InstanceResolver;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Which Identity Center instance {@code login} and {@code logout} work on: aws-sso-util's
 * positionals and options (reference §3.1) plus {@code --sso-session}.
 */
public final class LoginSelection {
    @Parameters(index = "0", arity = "0..1", paramLabel = "START_URL",
            description = "The start URL, or a regular expression matched against the start URLs in the config file "
                    + "(default: AWS_SSO_LOGIN_DEFAULT_SSO_START_URL, then AWS_DEFAULT_SSO_START_URL, then the only instance configured).")
    String startUrl;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REGION",
            description = "The Identity Center region (default: AWS_SSO_LOGIN_DEFAULT_SSO_REGION, then AWS_DEFAULT_SSO_REGION).")
    String region;

    @Option(names = "--sso-start-url", hidden = true, paramLabel = "URL",
            description = "Same as START_URL (which wins when both are given).")
    String startUrlOption;

    @Option(names = "--sso-region", hidden = true, paramLabel = "REGION",
            description = "Same as REGION (which wins when both are given).")
    String regionOption;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Use the instance of this profile (its sso_session, or its sso_start_url and sso_region).")
    String profile;

    @Option(names = "--sso-session", paramLabel = "NAME",
            description = "Use the instance of this [sso-session NAME] section of the config file.")
    String ssoSession;

    String url() {
        return startUrl != null ? startUrl : startUrlOption;
    }

    String ssoRegion() {
        return region != null ? region : regionOption;
    }

    /** True when the command line names an instance in any way. */
    boolean namesInstance() {
        return url() != null || ssoRegion() != null || profile != null || ssoSession != null;
    }

    void checkExclusive() {
        if (profile != null && ssoSession != null) {
            throw new SsokitException(ExitCodes.USAGE, "give --profile or --sso-session, not both");
        }
    }

    /**
     * The one instance selected, by aws-sso-util's rules (env vars of the login family when the
     * command line names nothing). Every failure is exit 1, the code of aws-sso-util's login for
     * "instance resolution failure", including a config file that cannot be read.
     *
     * @param orAll appended to the "several instances" message (login offers --all)
     */
    Instance resolve(Ctx ctx, AwsConfig config, String orAll) {
        InstanceResolver resolver = new InstanceResolver(ctx.env(), config, ctx.log());
        try {
            return resolver.resolve(new InstanceResolver.Request(url(), ssoRegion(), profile, ssoSession,
                    InstanceResolver.Vars.LOGIN)).instance();
        } catch (InstanceResolver.ResolutionException e) {
            String msg = e.getMessage();
            if (e.failure() == InstanceResolver.Failure.MULTIPLE && orAll != null) {
                msg = msg + "; " + orAll;
            }
            throw new SsokitException(ExitCodes.ERROR, msg);
        }
    }

    /** The config file, with a broken file reported as an instance-resolution failure (exit 1). */
    static AwsConfig config(Ctx ctx) {
        try {
            return AwsConfig.load(ctx.env());
        } catch (SsokitException e) {
            throw new SsokitException(ExitCodes.ERROR, e.getMessage());
        }
    }
}
