package io.ssokit.credentials;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import java.time.Duration;

/**
 * What {@code credential-process} was asked for, after the environment fallbacks of aws-sso-util
 * (§3.8): an option that is absent takes its {@code AWS_SSO_*} variable. The profile never comes
 * from {@code AWS_PROFILE}: the SDK that runs a {@code credential_process} has that variable set
 * for its own purposes, and the profile to read is always named on the command line.
 *
 * <p>Built the same way by the hand-parsed fast path and by the picocli command, so that both
 * resolve exactly the same role.
 *
 * @param profile {@code --profile}, or null
 * @param startUrl {@code --sso-start-url}, else {@code AWS_SSO_START_URL}, or null
 * @param region {@code --sso-region}, else {@code AWS_SSO_REGION}, or null
 * @param accountId {@code --account-id}, else {@code AWS_SSO_ACCOUNT_ID}, or null
 * @param roleName {@code --role-name}, else {@code AWS_SSO_ROLE_NAME}, or null
 * @param ssoSession {@code --sso-session}, or null
 * @param forceRefresh {@code --force-refresh}
 * @param refreshMargin {@code --refresh-margin}, else {@value #MARGIN_ENV}, else 15 minutes
 */
public record CredentialProcessRequest(String profile, String startUrl, String region,
        String accountId, String roleName, String ssoSession, boolean forceRefresh,
        Duration refreshMargin) {

    public static final String START_URL_ENV = "AWS_SSO_START_URL";
    public static final String REGION_ENV = "AWS_SSO_REGION";
    public static final String ACCOUNT_ID_ENV = "AWS_SSO_ACCOUNT_ID";
    public static final String ROLE_NAME_ENV = "AWS_SSO_ROLE_NAME";
    /** aws-sso-util's switch for the debug log file ({@code 1} or {@code true}). */
    public static final String DEBUG_ENV = "AWS_SSO_CREDENTIAL_PROCESS_DEBUG";
    /** ssokit's own: how much lifetime cached role credentials must have left to be reused. */
    public static final String MARGIN_ENV = "SSOKIT_CREDENTIAL_REFRESH_MARGIN";

    /**
     * Applies the environment fallbacks to what the command line gave (null = option absent).
     *
     * @throws SsokitException (exit 2) when the refresh margin is not a duration
     */
    public static CredentialProcessRequest of(Env env, String profile, String startUrl,
            String region, String accountId, String roleName, String ssoSession,
            boolean forceRefresh, String refreshMargin) {
        String marginText = refreshMargin != null ? refreshMargin : env.get(MARGIN_ENV);
        Duration margin = marginText == null ? CredentialCache.DEFAULT_REFRESH_MARGIN
                : parseMargin(marginText, refreshMargin != null ? "--refresh-margin" : MARGIN_ENV);
        return new CredentialProcessRequest(
                emptyToNull(profile),
                fallback(startUrl, env, START_URL_ENV),
                fallback(region, env, REGION_ENV),
                fallback(accountId, env, ACCOUNT_ID_ENV),
                fallback(roleName, env, ROLE_NAME_ENV),
                emptyToNull(ssoSession),
                forceRefresh,
                margin);
    }

    /** The request of {@code credential-process --profile NAME} and nothing else. */
    public static CredentialProcessRequest forProfile(Env env, String profile) {
        return of(env, profile, null, null, null, null, null, false, null);
    }

    /** Whether the user asked for the debug log through the environment. */
    public static boolean debugFromEnv(Env env) {
        return env.flag(DEBUG_ENV);
    }

    /**
     * A duration: whole seconds ({@code 900}), or a number with a unit {@code s}, {@code m} or
     * {@code h} ({@code 900s}, {@code 15m}, {@code 1h}). Hand-parsed: this runs on the hot path.
     *
     * @param source the option or variable it came from, for the message
     * @throws SsokitException (exit 2) for anything else, or a negative or absurd value
     */
    public static Duration parseMargin(String text, String source) {
        String s = text.strip();
        long unit = 1;
        int end = s.length();
        if (end > 0) {
            char last = s.charAt(end - 1);
            if (last == 's' || last == 'S') {
                end--;
            } else if (last == 'm' || last == 'M') {
                unit = 60;
                end--;
            } else if (last == 'h' || last == 'H') {
                unit = 3600;
                end--;
            }
        }
        long n = 0;
        boolean ok = end > 0 && end <= 6;
        for (int i = 0; ok && i < end; i++) {
            char c = s.charAt(i);
            ok = c >= '0' && c <= '9';
            n = n * 10 + (c - '0');
        }
        if (!ok || n * unit > 7 * 24 * 3600) {
            throw new SsokitException(ExitCodes.USAGE, new StringBuilder(source)
                    .append(" must be a duration such as 900, 900s, 15m or 1h (at most a week), got '")
                    .append(text).append('\'').toString());
        }
        return Duration.ofSeconds(n * unit);
    }

    private static String fallback(String option, Env env, String var) {
        return option != null && !option.isEmpty() ? option : env.get(var);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
