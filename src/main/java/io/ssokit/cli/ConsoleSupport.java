package io.ssokit.cli;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.config.AwsConfig;
import io.ssokit.config.Profile;
import io.ssokit.console.Browser;
import io.ssokit.console.ConsoleEndpoints;
import io.ssokit.console.Federation;
import io.ssokit.credentials.Credentials;
import io.ssokit.credentials.ProfileChain;
import io.ssokit.credentials.ProfilePlan;
import io.ssokit.credentials.StsFederationToken;
import io.ssokit.shellenv.Identity;
import io.ssokit.shellenv.ProfileCredentialSource;
import io.ssokit.sso.TokenSource;
import java.time.Duration;
import picocli.CommandLine.Option;

/** What the console commands share: the open/print/logout options, the checks, and the sign-in itself. */
final class ConsoleSupport {
    /** How long an opener may take to hand a URL to the browser before the next one is opened. */
    static final Duration OPENER_WAIT = Duration.ofSeconds(5);
    static final int MIN_DURATION = 15;
    static final int MAX_DURATION = 720;
    /** The Issuer of a sign-in by a profile that does not come from Identity Center. */
    static final String DEFAULT_ISSUER = "ssokit";

    private ConsoleSupport() {
    }

    /** --open/--print/--logout-first and --force-refresh of launch and launch-from-config. */
    static final class OpenOptions {
        @Option(names = {"-o", "--open"}, negatable = true,
                description = "Open the sign-in URL in a browser (BROWSER, else the system's; default: on unless --print is given).")
        Boolean open;

        @Option(names = {"-p", "--print"}, negatable = true, description = "Print the sign-in URL on stdout (default: off).")
        Boolean print;

        @Option(names = {"-l", "--logout-first"}, negatable = true,
                description = "Open the console's logout page first; needs opening (default: AWS_CONSOLE_LOGOUT_FIRST).")
        Boolean logoutFirst;

        @Option(names = "--force-refresh", description = "Log in to Identity Center again and fetch new role credentials.")
        boolean forceRefresh;

        /**
         * aws-sso-util's rules: open unless only --print was given; AWS_CONSOLE_LOGOUT_FIRST when
         * neither --logout-first nor --no-logout-first is; logging out first needs opening.
         *
         * @throws SsokitException exit 2 naming the flag or the variable
         */
        Plan plan(Env env) {
            boolean o = open != null ? open : !Boolean.TRUE.equals(print);
            boolean p = Boolean.TRUE.equals(print);
            boolean l = logoutFirst != null ? logoutFirst : env.flag("AWS_CONSOLE_LOGOUT_FIRST");
            if (l && !o) {
                throw new SsokitException(ExitCodes.USAGE, (logoutFirst == null
                        ? "AWS_CONSOLE_LOGOUT_FIRST=" + env.get("AWS_CONSOLE_LOGOUT_FIRST") : "--logout-first")
                        + " requires --open (the logout page is opened in the browser)");
            }
            return new Plan(o, p, l, forceRefresh);
        }
    }

    record Plan(boolean open, boolean print, boolean logoutFirst, boolean forceRefresh) {
    }

    /** The instance options of launch and get-config-token, as run-as has them. */
    static final class InstanceOptions {
        @Option(names = {"-u", "--sso-start-url"}, paramLabel = "URL", description = "Instance start URL (a regex unless it starts"
                + " with http; default: AWS_DEFAULT_SSO_START_URL or the only instance configured).")
        String startUrl;

        @Option(names = "--sso-region", paramLabel = "REGION",
                description = "Instance region (default: AWS_DEFAULT_SSO_REGION or the config).")
        String ssoRegion;
    }

    /** --region, --destination, the region-in-destination pair and --duration of launch and get-config-token. */
    static final class DestinationOptions {
        @Option(names = "--region", paramLabel = "REGION",
                description = "Console region: picks the regional sign-in and console hosts and adds region= to the destination.")
        String region;

        @Option(names = "--destination", paramLabel = "PATH",
                description = "Console page to land on: a path like /lambda/home, or a console URL (default: the console home).")
        String destination;

        boolean overrideRegion;

        @Option(names = "--override-region-in-destination",
                description = "With --region, replace a region= already in the destination.")
        void overrideRegion(boolean on) {
            overrideRegion = true;
        }

        @Option(names = "--keep-region-in-destination", description = "Keep a region= already in the destination (the default).")
        void keepRegion(boolean on) {
            overrideRegion = false;
        }

        @Option(names = "--duration", paramLabel = "MINUTES",
                description = "Console session length, 15 to 720 minutes (default: the federation endpoint's; with an IAM"
                        + " user's keys, the federated user's credentials' duration, 12 hours by default).")
        Integer duration;

        /** The region: the option, else {@code envVar} (null: none), checked. */
        String region(Env env, String envVar) {
            if (region != null) {
                ConsoleEndpoints.checkRegion(region, "--region");
                return region;
            }
            String r = envVar == null ? null : env.get(envVar);
            ConsoleEndpoints.checkRegion(r, envVar);
            return r;
        }

        /** The destination: the option, else {@code envVar} (null: none). */
        String destination(Env env, String envVar) {
            return destination != null ? destination : envVar == null ? null : env.get(envVar);
        }
    }

    /** @throws SsokitException exit 2 unless null or 15..720 */
    static void checkDuration(Integer minutes) {
        if (minutes != null && (minutes < MIN_DURATION || minutes > MAX_DURATION)) {
            throw new SsokitException(ExitCodes.USAGE, "--duration must be between " + MIN_DURATION + " and " + MAX_DURATION
                    + " minutes, got " + minutes);
        }
    }

    /** The start URL of the Identity Center instance the identity's credentials come from, else {@link #DEFAULT_ISSUER}. */
    static String issuerOf(Identity id) {
        if (id.instance() != null) {
            return id.instance().startUrl();
        }
        ProfilePlan p = id.plan();
        while (p instanceof ProfilePlan.AssumeRole a) {
            p = a.source();
        }
        return p instanceof ProfilePlan.Sso sso ? sso.role().instance().startUrl() : DEFAULT_ISSUER;
    }

    /**
     * Gets the identity's credentials (logging in when needed), trades them for a sign-in token,
     * then prints and/or opens the sign-in URL (the logout page first when asked). An IAM user's
     * long-term keys become a federated user's credentials first ({@link #federate}).
     */
    static int signIn(Ctx ctx, Identity id, ConsoleEndpoints endpoints, String destination, String issuer, Integer duration,
            Plan plan) throws InterruptedException {
        TokenSource.Mode mode = plan.forceRefresh() ? TokenSource.Mode.FORCE_LOGIN : TokenSource.Mode.INTERACTIVE;
        Credentials c = EnvSupport.credentialSource(ctx).credentials(id, mode, plan.forceRefresh());
        Integer sessionDuration = duration;
        if (c.sessionToken() == null) {
            c = federate(ctx, id, c, duration);
            // the federation endpoint refuses SessionDuration with these: the credentials' own duration applies
            sessionDuration = null;
        }
        String token = new Federation(ctx.log()).signinToken(endpoints.federation(), c, sessionDuration);
        String url = Federation.loginUrl(endpoints.federation(), issuer, destination, token);
        ctx.log().debug("signing in to " + destination);
        if (plan.print()) {
            ctx.out().println(url);
            ctx.out().flush();
        }
        if (plan.open()) {
            Browser browser = new Browser(ctx.env(), ctx.log());
            if (plan.logoutFirst() && !browser.open(endpoints.logout(), OPENER_WAIT)) {
                ctx.log().warn("could not open the logout page " + endpoints.logout());
            }
            if (!browser.open(url, OPENER_WAIT)) {
                if (!plan.print()) {
                    throw new SsokitException(ExitCodes.ERROR, "could not open a browser for the sign-in URL: set BROWSER to a"
                            + " browser command, or use --print to get the URL");
                }
                ctx.log().warn("could not open a browser; the sign-in URL is on stdout");
            }
        }
        return ExitCodes.OK;
    }

    /**
     * sts:GetFederationToken with long-term keys, as aws-vault's {@code login}: the federated user is
     * named after the profile ({@link StsFederationToken#nameFor}) and has the IAM user's own
     * permissions; {@code minutes} (else STS's 12 hours) is its credentials' and so its console
     * session's duration. The profile's region picks the STS region; its {@code mfa_serial} cannot
     * be used (GetFederationToken takes no MFA code).
     */
    static Credentials federate(Ctx ctx, Identity id, Credentials longTerm, Integer minutes) {
        Profile p = id.profile() == null ? null : AwsConfig.load(ctx.env()).profile(id.profile()).orElse(null);
        if (p != null && p.get("mfa_serial").filter(v -> !v.isBlank()).isPresent()) {
            ctx.log().warn("profile " + id.profile() + " has an mfa_serial, which console sign-in cannot use: GetFederationToken"
                    + " takes no MFA code");
        }
        String name = StsFederationToken.nameFor(id.profile());
        String region = ProfileChain.stsRegion(p, ctx.env());
        ctx.log().debug("calling sts:GetFederationToken in " + region + " as federated user " + name + " with the long-term keys "
                + longTerm + (minutes == null ? "" : " for " + minutes + " minutes"));
        try {
            return StsFederationToken.call(ctx.env(), region, longTerm, name, minutes == null ? null : minutes * 60, id.profile());
        } catch (RuntimeException e) {
            throw ProfileCredentialSource.translate(e, id);
        }
    }
}
