package io.ssokit.credentials;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.config.AwsConfig;
import io.ssokit.config.Profile;
import io.ssokit.config.Section;
import io.ssokit.json.JsonFiles;
import io.ssokit.sso.Instance;
import io.ssokit.sso.LoginRequiredException;
import io.ssokit.sso.RegistrationCache;
import io.ssokit.sso.SsoProfile;
import io.ssokit.sso.TokenSource;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code credential-process} without its command line: which role a request names (aws-sso-util
 * §3.8 merged with the AWS CLI's sso-session rules), the credentials for it, and the mapping of
 * failures to aws-sso-util's exit codes. Shared by the hand-parsed fast path and the picocli
 * command, so that both give the same answer.
 */
public final class CredentialProcess {
    private CredentialProcess() {
    }

    /**
     * The fast path: the credential_process JSON line for a fresh cache entry, or null when the
     * full command must run (a miss, or any problem at all, which the full command then reports
     * in its own words). Loads no SDK, HTTP, picocli or databind class, prints nothing.
     */
    public static String cachedJson(Env env, CredentialProcessRequest request, Clock clock) {
        try {
            ProfilePlan plan = plan(AwsConfig.load(env), env, request);
            Credentials hit = cachedPlan(env, plan, request.refreshMargin(), clock);
            return hit == null ? null : FastCredentialJson.processOutput(hit);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The fast read of a role's cache entry ({@code CredentialCache.loadFresh} minus jackson: same
     * file checks, same freshness rule), shared by the fast paths of credential-process and env.
     *
     * @return the credentials when the entry is fresh, else null (a miss, or any problem, which the
     *     full command then reports in its own words)
     */
    public static Credentials cachedCredentials(Env env, SsoProfile role, Duration refreshMargin, Clock clock) {
        try {
            return cachedEntry(env, SsoRoleCredentials.cacheKey(role), refreshMargin, clock);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@link #cachedCredentials} for any entry of the role-credential cache, by its key. */
    public static Credentials cachedEntry(Env env, String key, Duration refreshMargin, Clock clock) {
        try {
            byte[] bytes = readPrivate(CredentialCache.of(env).file(key));
            Credentials hit = bytes == null ? null : FastCredentialJson.parseCacheEntry(bytes);
            if (hit == null || hit.expiration() == null || hit.expiresWithin(refreshMargin, clock)) {
                return null;
            }
            return hit;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The cached credentials of a plan's last step when they are fresh, else null: no network, no
     * process run, no SDK class. Static keys are answered as they are; a credential_process or an
     * environment source never is. For the hot paths, which fall back to the full resolution on null.
     */
    public static Credentials cachedPlan(Env env, ProfilePlan plan, Duration refreshMargin, Clock clock) {
        if (plan instanceof ProfilePlan.Sso s) {
            return cachedCredentials(env, s.role(), refreshMargin, clock);
        }
        if (plan instanceof ProfilePlan.AssumeRole a) {
            try {
                return cachedEntry(env, a.request().cacheKey(), refreshMargin, clock);
            } catch (RuntimeException e) {
                return null;
            }
        }
        if (plan instanceof ProfilePlan.StaticKeys k) {
            return k.credentials();
        }
        return null;
    }

    /**
     * What a credential-process request resolves through: a profile that is not an Identity Center
     * profile (a role chain, static keys, a credential_process of its own) by the AWS CLI's rules
     * ({@link ProfileChain}), where the SSO options and {@code AWS_SSO_*} variables have no say;
     * anything else is an Identity Center role ({@link #resolve}), as aws-sso-util resolves it.
     */
    public static ProfilePlan plan(AwsConfig config, Env env, CredentialProcessRequest r) {
        if (r.profile() != null) {
            Profile p = config.profile(r.profile()).orElse(null);
            if (p != null && (ProfileChain.isRole(p) || !ProfileChain.isSso(p) && (p.get("aws_access_key_id").isPresent()
                    || p.get("credential_process").isPresent() || p.get("aws_secret_access_key").isPresent()))) {
                return ProfileChain.plan(config, env, r.profile());
            }
        }
        return new ProfilePlan.Sso(r.profile(), resolve(config, env, r));
    }

    /**
     * {@link JsonFiles#readSecretBytes} with java.io instead of {@code Files.readAllBytes}, whose
     * channel and direct-buffer set-up measured ~3 ms on first use against ~0.1 ms here.
     *
     * @return null when the file is missing, not private, or unreadable (the full command reports it)
     */
    private static byte[] readPrivate(Path file) {
        try {
            JsonFiles.checkPrivate(file);
            try (FileInputStream in = new FileInputStream(file.toFile())) {
                return in.readAllBytes();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The credentials for the request: cached, or fetched with the cached SSO token.
     *
     * @param log warnings for the user (stderr)
     * @param debug the debug log, or {@code Log.silent()}
     * @throws SsokitException with a credential-process exit code: see {@link #exitCode}
     */
    public static Credentials credentials(Env env, CredentialProcessRequest request, TokenSource tokens,
            Log log, Log debug, Clock clock) {
        AwsConfig config = AwsConfig.load(env);
        ProfilePlan plan = plan(config, env, request);
        if (!(plan instanceof ProfilePlan.Sso)) {
            debug.debug("resolved profile " + request.profile() + " as: " + ProfilePlan.steps(plan));
            // never a prompt: an MFA code must come from a cached session (ssokit env, the AWS CLI)
            return new ProfileResolver(env, tokens, log, debug, clock, request.refreshMargin(), MfaCodes.of(null))
                    .credentials(plan, TokenSource.Mode.NON_INTERACTIVE, false);
        }
        SsoProfile role = ((ProfilePlan.Sso) plan).role();
        debug.debug("resolved: " + role.instance().describe() + ", account " + role.accountId() + ", role "
                + role.roleName() + (role.profileName() == null ? "" : " (profile " + role.profileName() + ")"));
        return new SsoRoleCredentials(env, tokens, log, debug, clock, request.refreshMargin())
                .get(role, request.forceRefresh());
    }

    /**
     * The (instance, account, role) a request names. Per value: the option (or its {@code AWS_SSO_*}
     * variable) over the profile. The instance comes from an sso-session ({@code --sso-session}, else
     * the profile's {@code sso_session}) or from the start URL and region; an explicit start URL or
     * region must then agree with the session, and so must a profile's own {@code sso_start_url} and
     * {@code sso_region} (the AWS CLI's rule).
     *
     * @throws SsokitException exit {@value SsoRoleCredentials#INVALID_CONFIG} for a profile that does
     *     not exist or has {@code sso_interactive_auth = true}, an sso-session that does not exist or
     *     disagrees, and any of start URL, region, account id and role name missing
     */
    public static SsoProfile resolve(AwsConfig config, Env env, CredentialProcessRequest r) {
        Profile p = null;
        if (r.profile() != null) {
            p = config.profile(r.profile()).orElse(null);
            if (p == null) {
                throw invalid(new StringBuilder("profile '").append(r.profile())
                        .append("' does not exist in ").append(env.awsConfigFile()).toString());
            }
            String interactive = p.get("sso_interactive_auth").orElse(null);
            if (interactive != null && (interactive.equalsIgnoreCase("true") || interactive.equals("1"))) {
                throw invalid(new StringBuilder("profile '").append(r.profile())
                        .append("' sets sso_interactive_auth = true, but interactive authentication was"
                                + " removed from credential-process (it never opens a browser or prompts):"
                                + " remove the setting and log in beforehand with: ssokit login --profile ")
                        .append(SsoRoleCredentials.shellWord(r.profile())).toString());
            }
        }
        String session = r.ssoSession() != null ? r.ssoSession() : value(p, "sso_session");
        Instance instance;
        if (session != null) {
            instance = sessionInstance(config, session, r, r.ssoSession() == null ? p : null);
        } else {
            String url = r.startUrl() != null ? r.startUrl() : value(p, "sso_start_url");
            String region = r.region() != null ? r.region() : value(p, "sso_region");
            List<String> missing = new ArrayList<>(4);
            if (url == null) {
                missing.add("the start URL (--sso-start-url, " + CredentialProcessRequest.START_URL_ENV
                        + ", sso_start_url)");
            }
            if (region == null) {
                missing.add("the SSO region (--sso-region, " + CredentialProcessRequest.REGION_ENV
                        + ", sso_region)");
            }
            requireNone(missing, r, p);
            instance = Instance.legacy(url, region);
        }
        String account = r.accountId() != null ? r.accountId() : value(p, "sso_account_id");
        String role = r.roleName() != null ? r.roleName() : value(p, "sso_role_name");
        List<String> missing = new ArrayList<>(2);
        if (account == null) {
            missing.add("the account id (--account-id, " + CredentialProcessRequest.ACCOUNT_ID_ENV
                    + ", sso_account_id)");
        }
        if (role == null) {
            missing.add("the role name (--role-name, " + CredentialProcessRequest.ROLE_NAME_ENV
                    + ", sso_role_name)");
        }
        requireNone(missing, r, p);
        return new SsoProfile(r.profile(), instance, account, role);
    }

    /**
     * The exit code and one-line message of a failure, aws-sso-util's codes: 1 login required, 2
     * invalid config or usage, 4 an error answered by AWS, 5 anything else ({@code ERROR: ...});
     * an interruption keeps 130.
     */
    public static SsokitException toExit(Throwable t) {
        if (t instanceof LoginRequiredException || t instanceof MfaCodes.MfaRequiredException) {
            return (SsokitException) t;
        }
        if (t instanceof SsokitException e) {
            int code = e.exitCode();
            if (code == SsoRoleCredentials.INVALID_CONFIG || code == SsoRoleCredentials.AWS_ERROR
                    || code == SsoRoleCredentials.OTHER_ERROR || code == ExitCodes.INTERRUPTED) {
                return e;
            }
            return new SsokitException(SsoRoleCredentials.OTHER_ERROR, "ERROR: " + e.getMessage(), e);
        }
        return new SsokitException(SsoRoleCredentials.OTHER_ERROR, "ERROR: " + t, t);
    }

    private static Instance sessionInstance(AwsConfig config, String session, CredentialProcessRequest r,
            Profile fromProfile) {
        Section s = config.ssoSession(session).orElse(null);
        if (s == null) {
            throw invalid(new StringBuilder(fromProfile != null ? "profile '" + fromProfile.name()
                    + "' refers to sso_session '" : "--sso-session '").append(session)
                    .append(fromProfile != null ? "'" : "' names a session")
                    .append(", but the config file has no [sso-session ").append(session)
                    .append("] section").toString());
        }
        String url = s.get("sso_start_url").orElse(null);
        String region = s.get("sso_region").orElse(null);
        if (url == null || region == null) {
            throw invalid(new StringBuilder("[sso-session ").append(session).append("] is missing ")
                    .append(url == null && region == null ? "sso_start_url and sso_region"
                            : url == null ? "sso_start_url" : "sso_region").toString());
        }
        if (fromProfile != null) {
            agree(value(fromProfile, "sso_start_url"), url, "profile '" + fromProfile.name() + "' has sso_start_url ",
                    session);
            agree(value(fromProfile, "sso_region"), region, "profile '" + fromProfile.name() + "' has sso_region ",
                    session);
        }
        agree(r.startUrl(), url, "the start URL (--sso-start-url or " + CredentialProcessRequest.START_URL_ENV + ") is ",
                session);
        agree(r.region(), region, "the SSO region (--sso-region or " + CredentialProcessRequest.REGION_ENV + ") is ",
                session);
        return Instance.session(session, url, region,
                RegistrationCache.parseScopes(s.get("sso_registration_scopes").orElse(null)));
    }

    private static void agree(String given, String sessionValue, String what, String session) {
        if (given != null && !given.equals(sessionValue)) {
            throw invalid(new StringBuilder(what).append(given).append(", but sso-session '").append(session)
                    .append("' has ").append(sessionValue).append("; they must agree").toString());
        }
    }

    private static void requireNone(List<String> missing, CredentialProcessRequest r, Profile p) {
        if (missing.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder("missing ");
        for (int i = 0; i < missing.size(); i++) {
            b.append(i == 0 ? "" : i == missing.size() - 1 ? " and " : ", ").append(missing.get(i));
        }
        if (p == null && r.profile() == null) {
            b.append(": name an Identity Center profile with --profile, or give the values as options");
        } else {
            b.append(": neither the options nor profile '").append(r.profile())
                    .append(missing.size() == 1 ? "' give it" : "' give them");
        }
        throw invalid(b.toString());
    }

    private static String value(Profile p, String key) {
        return p == null ? null : p.get(key).orElse(null);
    }

    private static SsokitException invalid(String message) {
        return new SsokitException(SsoRoleCredentials.INVALID_CONFIG, message);
    }
}
