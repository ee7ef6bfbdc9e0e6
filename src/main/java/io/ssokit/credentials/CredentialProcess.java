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
            SsoProfile role = resolve(AwsConfig.load(env), env, request);
            // CredentialCache.loadFresh, minus jackson: same file checks, same freshness rule
            byte[] bytes = readPrivate(CredentialCache.of(env).file(SsoRoleCredentials.cacheKey(role)));
            Credentials hit = bytes == null ? null : FastCredentialJson.parseCacheEntry(bytes);
            if (hit == null || hit.expiration() == null || hit.expiresWithin(request.refreshMargin(), clock)) {
                return null;
            }
            return FastCredentialJson.processOutput(hit);
        } catch (RuntimeException e) {
            return null;
        }
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
        SsoProfile role = resolve(config, env, request);
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
        if (t instanceof LoginRequiredException e) {
            return e;
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
