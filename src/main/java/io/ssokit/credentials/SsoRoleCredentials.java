package io.ssokit.credentials;

import io.ssokit.Env;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.json.CacheFileException;
import io.ssokit.lock.SingleFlight;
import io.ssokit.sso.Instance;
import io.ssokit.sso.LoginRequiredException;
import io.ssokit.sso.SsoProfile;
import io.ssokit.sso.SsoToken;
import io.ssokit.sso.TokenSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Role credentials of an Identity Center (account, role), the way the AWS CLI gets them for an SSO
 * profile: from the shared role-credential cache ({@code ~/.aws/cli/cache}, the CLI's key and
 * format) while more than the refresh margin is left; otherwise, under a cross-process single
 * flight on the entry's lock file, with the instance's SSO token ({@link TokenSource}, never
 * interactive) and {@code sso:GetRoleCredentials}, and saved back to the cache.
 *
 * <p>A cache file that is corrupt, not private to the user, or not readable is treated as a miss
 * (with a warning) and replaced by a fresh 0600 file: nothing in it is trusted.
 *
 * <p>The exit codes are aws-sso-util's credential-process codes (§3.8), which callers that map
 * failures to exit codes use: {@link LoginRequiredException} is {@value #LOGIN_REQUIRED}, config
 * problems {@value #INVALID_CONFIG}, errors answered by AWS {@value #AWS_ERROR}, anything else
 * {@value #OTHER_ERROR}.
 */
public final class SsoRoleCredentials {
    /** No usable SSO token: the user must log in. */
    public static final int LOGIN_REQUIRED = 1;
    /** The profile or the options do not name a usable role. */
    public static final int INVALID_CONFIG = 2;
    /** The portal answered the call with an error. */
    public static final int AWS_ERROR = 4;
    /** Anything else: the portal unreachable, a file that cannot be written, a lock timeout. */
    public static final int OTHER_ERROR = 5;

    private final Env env;
    private final TokenSource tokens;
    private final Log log;
    private final Log debug;
    private final Clock clock;
    private final Duration refreshMargin;
    private final CredentialCache cache;

    /**
     * @param tokens where the SSO token comes from (asked in {@code NON_INTERACTIVE} mode only)
     * @param log messages for the user (warnings about cache files); stderr
     * @param debug the detailed trail of decisions (ssokit's debug log); {@code Log.silent()} if none
     * @param refreshMargin cached credentials with less than this left are fetched afresh
     */
    public SsoRoleCredentials(Env env, TokenSource tokens, Log log, Log debug, Clock clock,
            Duration refreshMargin) {
        this.env = env;
        this.tokens = tokens;
        this.log = log;
        this.debug = debug;
        this.clock = clock;
        this.refreshMargin = refreshMargin;
        this.cache = CredentialCache.of(env);
    }

    /** The role-credential cache key of the role, botocore's (session name or start URL). */
    public static String cacheKey(SsoProfile role) {
        Instance i = role.instance();
        return CredentialCache.ssoKey(role.accountId(), role.roleName(), i.startUrl(), i.sessionName());
    }

    /**
     * Cached credentials with more than {@code refreshMargin} left, or empty; never touches the
     * network or the SDK. The hot path.
     *
     * @throws CacheFileException when the entry exists but cannot be used
     */
    public static Optional<Credentials> cached(Env env, SsoProfile role, Duration refreshMargin, Clock clock) {
        return CredentialCache.of(env).loadFresh(cacheKey(role), refreshMargin, clock);
    }

    /**
     * The role's credentials: cached, or fetched once across all processes and cached.
     *
     * @param role the instance, account and role (the profile name, when set, goes into hints)
     * @param forceRefresh ignore the cached SSO token, as aws-sso-util's {@code --force-refresh}:
     *     cached role credentials are still returned, but on a miss there is no token to fetch
     *     with, and since this path never logs in, that is {@link LoginRequiredException}
     * @throws LoginRequiredException no usable token, or the portal rejected it
     * @throws SsokitException with the codes above
     */
    public Credentials get(SsoProfile role, boolean forceRefresh) {
        String key = cacheKey(role);
        debug.debug("role credential cache entry " + cache.file(key) + " (account " + role.accountId()
                + ", role " + role.roleName() + ", " + role.instance().describe() + ")");
        CacheRead read = new CacheRead(key);
        Fetch fetch = new Fetch(role, key, forceRefresh);
        return SingleFlight.get(cache.lockFile(key), read, fetch);
    }

    /** The login command that fixes a missing or rejected token for this role. */
    public static String loginHint(SsoProfile role) {
        String profile = role.profileName();
        if (profile != null) {
            String p = shellWord(profile);
            return "ssokit login --profile " + p + " (or: aws sso login --profile " + p + ")";
        }
        Instance i = role.instance();
        if (i.isSession()) {
            String s = shellWord(i.sessionName());
            return "ssokit login --sso-session " + s + " (or: aws sso login --sso-session " + s + ")";
        }
        return LoginRequiredException.hint(i, null);
    }

    /** Reads the entry; an unusable file is a miss, reported once. */
    private final class CacheRead implements Supplier<Optional<Credentials>> {
        private final String key;
        private boolean warned;
        private int reads;

        CacheRead(String key) {
            this.key = key;
        }

        @Override
        public Optional<Credentials> get() {
            // SingleFlight reads twice on a miss: before taking the lock and again holding it
            String when = ++reads == 1 ? "" : " (checked again holding the lock)";
            try {
                Optional<Credentials> hit = cache.loadFresh(key, refreshMargin, clock);
                if (hit.isPresent()) {
                    debug.debug("cache hit" + when + ": credentials expire at " + hit.get().expiration());
                } else {
                    debug.debug("cache miss" + when + ": no entry, or less than the refresh margin ("
                            + refreshMargin.toSeconds() + " s) left");
                }
                return hit;
            } catch (CacheFileException e) {
                if (!warned) {
                    warned = true;
                    String msg = e.getMessage() + "; ignoring it, it will be replaced";
                    log.warn(msg);
                    debug.warn(msg);
                }
                return Optional.empty();
            }
        }
    }

    /** Token, portal call, cache write; runs with the entry's lock held. */
    private final class Fetch implements Supplier<Credentials> {
        private final SsoProfile role;
        private final String key;
        private final boolean forceRefresh;

        Fetch(SsoProfile role, String key, boolean forceRefresh) {
            this.role = role;
            this.key = key;
            this.forceRefresh = forceRefresh;
        }

        @Override
        public Credentials get() {
            Instance instance = role.instance();
            String hint = loginHint(role);
            if (forceRefresh) {
                throw new LoginRequiredException(instance, "--force-refresh ignores the cached Identity Center"
                        + " token for " + instance.describe() + ", the role credentials are not cached, and"
                        + " credential-process never logs in", hint);
            }
            SsoToken token;
            try {
                token = tokens.token(instance, TokenSource.Mode.NON_INTERACTIVE);
            } catch (LoginRequiredException e) {
                // the token source names a generic login command; for a profile, name the profile's
                throw new LoginRequiredException(instance, reason(e), hint);
            }
            debug.debug("using the Identity Center token for " + instance.describe() + ", expiring at "
                    + token.expiresAt());
            Credentials fresh = SsoPortalFetch.getRoleCredentials(env, debug, instance, token.accessToken(),
                    role.accountId(), role.roleName(), hint);
            debug.debug("received credentials expiring at " + fresh.expiration());
            try {
                cache.save(key, fresh, "sso");
                debug.debug("saved to " + cache.file(key));
            } catch (CacheFileException e) {
                // the credentials are good: hand them over; the next call fetches again
                String msg = "could not cache the role credentials: " + e.getMessage();
                log.warn(msg);
                debug.warn(msg);
            }
            return fresh;
        }
    }

    /** The reason part of a LoginRequiredException's message, without its "; run: ..." hint. */
    private static String reason(LoginRequiredException e) {
        String m = e.getMessage();
        int at = m == null ? -1 : m.lastIndexOf("; run: ");
        return at < 0 ? String.valueOf(m) : m.substring(0, at);
    }

    /** A word as typed in a POSIX shell: bare when safe, else single-quoted. */
    static String shellWord(String s) {
        boolean safe = !s.isEmpty();
        for (int i = 0; safe && i < s.length(); i++) {
            char c = s.charAt(i);
            safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "._/:@+=,-".indexOf(c) >= 0;
        }
        return safe ? s : io.ssokit.shell.Dialects.BASH.quote(s);
    }
}
