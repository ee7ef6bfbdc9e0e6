package io.ssokit.console;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.aws.Endpoints;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a console sign-in happens, by console region (aws-sso-util's table, §7.1 of the spec),
 * or at an endpoint override.
 *
 * <p>Overrides, so that a sandbox (or a proxy) gets the credentials instead of AWS:
 * {@code AWS_ENDPOINT_URL_SIGNIN} is the federation endpoint (a URL without a path gets
 * {@code /federation} appended), else {@code AWS_ENDPOINT_URL} + {@code /federation}; both are
 * ignored when {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS} is true, as for every other service.
 * With an override the console base and the logout page are derived from it too
 * ({@code console/} and {@code oauth?Action=logout} next to the federation path), so nothing
 * points at AWS.
 *
 * @param federation the federation endpoint: getSigninToken is posted there, the sign-in URL starts with it
 * @param consoleBase what a destination path is resolved against
 * @param logout the page that signs the browser out of the console ({@code --logout-first})
 */
public record ConsoleEndpoints(String federation, String consoleBase, String logout) {
    /** Where AWS's logout page sends the browser afterwards (aws-sso-util's choice, kept). */
    static final String LOGOUT_REDIRECT = "https://aws.amazon.com/premiumsupport/knowledge-center/sign-out-account/"
            + "?from_aws_sso_util_logout";
    /** Region names: letters, dashes, a number (us-east-1, us-gov-west-1, ap-southeast-3). */
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    private static final Pattern AWS_FEDERATION = Pattern.compile(
            "https://(" + REGION.pattern() + "\\.)?signin\\.(aws\\.amazon\\.com|amazonaws-us-gov\\.com)/federation");

    /** The real AWS endpoints for a console region; null or empty is the global console. */
    public static ConsoleEndpoints forRegion(String region) {
        String redirect = PyUrl.quotePlus(LOGOUT_REDIRECT);
        if (region == null || region.isEmpty()) {
            return new ConsoleEndpoints("https://signin.aws.amazon.com/federation", "https://console.aws.amazon.com/",
                    "https://signin.aws.amazon.com/oauth?Action=logout&redirect_uri=" + redirect);
        }
        if (region.equals("us-east-1")) {
            return new ConsoleEndpoints("https://signin.aws.amazon.com/federation", "https://us-east-1.console.aws.amazon.com/",
                    "https://signin.aws.amazon.com/oauth?Action=logout&redirect_uri=" + redirect);
        }
        if (region.equals("us-gov-east-1")) {
            return new ConsoleEndpoints("https://us-gov-east-1.signin.amazonaws-us-gov.com/federation",
                    "https://console.amazonaws-us-gov.com", "https://us-gov-east-1.signin.amazonaws-us-gov.com/oauth?Action=logout");
        }
        if (region.equals("us-gov-west-1")) {
            return new ConsoleEndpoints("https://signin.amazonaws-us-gov.com/federation", "https://console.amazonaws-us-gov.com",
                    "https://signin.amazonaws-us-gov.com/oauth?Action=logout");
        }
        // aws-sso-util sends any other us-gov- region to the GovCloud console, with commercial sign-in hosts
        String console = region.startsWith("us-gov-") ? "https://console.amazonaws-us-gov.com"
                : "https://" + region + ".console.aws.amazon.com/";
        return new ConsoleEndpoints("https://" + region + ".signin.aws.amazon.com/federation", console,
                "https://" + region + ".signin.aws.amazon.com/oauth?Action=logout&redirect_uri=" + redirect);
    }

    /** The endpoints for a console region, or derived from the endpoint override when one is set. */
    public static ConsoleEndpoints resolve(Env env, String region) {
        String override = federationOverride(env);
        return override == null ? forRegion(region) : derived(override);
    }

    /** The endpoints that go with an overridden federation endpoint. */
    static ConsoleEndpoints derived(String federation) {
        URI fed = URI.create(federation);
        String console = fed.resolve("console/").toString();
        return new ConsoleEndpoints(federation, console,
                fed.resolve("oauth?Action=logout&redirect_uri=" + PyUrl.quotePlus(console)).toString());
    }

    /**
     * The federation endpoint from {@code AWS_ENDPOINT_URL_SIGNIN} or {@code AWS_ENDPOINT_URL},
     * or null when neither is set (or both are ignored).
     *
     * @throws SsokitException exit 2 for a value that is not an http(s) URL with a host
     */
    public static String federationOverride(Env env) {
        String ignore = env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
        if (ignore != null && ignore.toLowerCase(Locale.ROOT).equals("true")) {
            return null;
        }
        String specific = env.get("AWS_ENDPOINT_URL_SIGNIN");
        if (specific != null) {
            URI uri = Endpoints.parse(specific.trim(), "AWS_ENDPOINT_URL_SIGNIN");
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            return path.isEmpty() || path.equals("/") ? stripSlash(uri.toString()) + "/federation" : uri.toString();
        }
        String global = env.get("AWS_ENDPOINT_URL");
        if (global != null) {
            return stripSlash(Endpoints.parse(global.trim(), "AWS_ENDPOINT_URL").toString()) + "/federation";
        }
        return null;
    }

    /** Whether a URL is one of AWS's own federation endpoints (what a config token may send credentials to). */
    public static boolean isAwsFederationEndpoint(String url) {
        return url != null && AWS_FEDERATION.matcher(url).matches();
    }

    /**
     * Checks a console region before it goes into host names: the federation endpoint receives
     * the credentials, so {@code --region 'evil.example#'} must not be able to choose it.
     *
     * @throws SsokitException exit 2 naming {@code from} (the option or variable)
     */
    public static void checkRegion(String region, String from) {
        if (region != null && !REGION.matcher(region).matches()) {
            throw new SsokitException(ExitCodes.USAGE, "invalid region '" + region + "' in " + from
                    + ": expected a region name like us-east-1 or eu-west-2");
        }
    }

    private static String stripSlash(String s) {
        String t = s;
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
