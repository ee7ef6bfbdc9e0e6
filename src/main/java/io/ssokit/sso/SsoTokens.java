package io.ssokit.sso;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.console.Browser;
import io.ssokit.json.CacheFileException;
import io.ssokit.lock.FileLocks;
import io.ssokit.lock.SingleFlight;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link TokenSource} every command uses: the AWS-CLI-compatible token cache, silent refresh
 * of sso-session tokens, and interactive sign-in (PKCE or device code) when the mode allows it.
 *
 * <p>In order:
 * <ol>
 *   <li>a cached token with more than 15 minutes left is returned (not in {@code FORCE_LOGIN});
 *   <li>a token that can be refreshed ({@link SsoToken#canRefresh}) is refreshed with the
 *       {@code refresh_token} grant, in every mode but {@code FORCE_LOGIN}, under a single flight on
 *       the entry's lock file: fifty processes starting together on a stale token make one
 *       CreateToken call, and the rotated refresh token is saved (atomically) before anyone else
 *       refreshes. A legacy instance whose own token is stale is served by a cached sso-session token
 *       for the same start URL and region, refreshed the same way;
 *   <li>in {@code NON_INTERACTIVE} mode: {@link LoginRequiredException} at once, without a call to AWS;
 *   <li>otherwise an interactive sign-in, under the same lock (a second process waiting for it takes
 *       the new token and opens no second browser): the authorization code with PKCE for sso-session
 *       instances, unless headless or {@code useDeviceCode}; the device code otherwise.
 * </ol>
 *
 * <p>Token files are written in the AWS CLI v2's format, so the CLI and the SDKs use them. After an
 * sso-session sign-in or refresh the token is also written under the legacy key (the start URL)
 * without its refresh token: profiles with {@code sso_start_url} for the same instance (and
 * aws-sso-util-era tools) keep working, and only one file holds the rotating refresh token.
 *
 * <p>Cache files that are corrupt or not private to the user fail with a message naming the file;
 * they are never rewritten or deleted behind the user's back.
 */
public final class SsoTokens implements TokenSource {
    /** How long a sign-in waits for another process's sign-in of the same instance. */
    public static final Duration LOGIN_LOCK_TIMEOUT = Duration.ofMinutes(15);

    /**
     * How interactive sign-ins behave.
     *
     * @param headless never start a browser: device code, with the URL and code printed
     * @param useDeviceCode use the device code even for sso-session instances
     * @param callbackTimeout how long the PKCE flow waits for the browser (the AWS CLI: 10 minutes)
     */
    public record Options(boolean headless, boolean useDeviceCode, Duration callbackTimeout) {
        public static final Duration DEFAULT_CALLBACK_TIMEOUT = Duration.ofMinutes(10);

        public Options {
            Objects.requireNonNull(callbackTimeout, "callbackTimeout");
        }

        public static Options defaults() {
            return new Options(false, false, DEFAULT_CALLBACK_TIMEOUT);
        }

        public Options withHeadless(boolean v) {
            return new Options(v, useDeviceCode, callbackTimeout);
        }

        public Options withUseDeviceCode(boolean v) {
            return new Options(headless, v, callbackTimeout);
        }

        public Options withCallbackTimeout(Duration v) {
            return new Options(headless, useDeviceCode, v);
        }
    }

    private final Env env;
    private final Log log;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Options options;
    private final TokenCache cache;
    private final RegistrationCache registrations;
    private final Browser browser;
    private OidcClients clients;

    public SsoTokens(Env env, Log log, Options options, Clock clock, Sleeper sleeper) {
        this.env = env;
        this.log = log;
        this.options = options;
        this.clock = clock;
        this.sleeper = sleeper;
        this.cache = TokenCache.of(env);
        this.registrations = RegistrationCache.of(env);
        this.browser = new Browser(env, log);
    }

    public static SsoTokens create(Env env, Log log) {
        return create(env, log, Options.defaults());
    }

    public static SsoTokens create(Env env, Log log, Options options) {
        return new SsoTokens(env, log, options, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    /**
     * {@inheritDoc}
     *
     * @throws LoginRequiredException in {@code NON_INTERACTIVE} mode when nothing usable or
     *     refreshable is cached
     * @throws LoginFailedException when a sign-in or refresh fails (exit codes 2, 3, 4)
     * @throws CacheFileException when the token file is corrupt or not private
     */
    @Override
    public SsoToken token(Instance instance, Mode mode) {
        String key = TokenCache.cacheKey(instance.tokenKey());
        SsoToken seen = cache.load(key).orElse(null);
        if (mode != Mode.FORCE_LOGIN) {
            if (seen != null && seen.isUsable(clock)) {
                log.debug("using the cached token for " + instance.describe());
                return seen;
            }
            String reason = seen == null ? "not logged in to " + instance.describe()
                    : "the Identity Center token for " + instance.describe()
                            + (seen.expiresWithin(Duration.ZERO, clock) ? " has expired" : " expires within 15 minutes");
            if (seen != null && seen.canRefresh(clock)) {
                try {
                    return refreshed(instance, key, seen, instance.isSession());
                } catch (OidcFlows.RefreshRejected e) {
                    reason = reason + " and " + e.getMessage();
                    log.debug(reason);
                }
            } else if (!instance.isSession()) {
                SsoToken viaSession = fromSessionToken(instance);
                if (viaSession != null) {
                    return viaSession;
                }
            }
            if (mode == Mode.NON_INTERACTIVE) {
                throw new LoginRequiredException(instance, reason, LoginRequiredException.hint(instance, null));
            }
        }
        return signInLocked(instance, key, mode, seen);
    }

    // ---- refresh -----------------------------------------------------------------------

    /** Refreshes the token under {@code key}, once across processes. */
    private SsoToken refreshed(Instance instance, String key, SsoToken seen, boolean mirror)
            throws OidcFlows.RefreshRejected {
        Recheck recheck = new Recheck(key, seen, true);
        try {
            return SingleFlight.get(cache.lockFile(key), FileLocks.DEFAULT_TIMEOUT, recheck, () -> {
                SsoToken current = recheck.current;
                if (current == null || !current.canRefresh(clock)) {
                    throw new Rejected(new OidcFlows.RefreshRejected("the token can no longer be refreshed"));
                }
                SsoToken fresh;
                try {
                    String region = current.region() != null ? current.region() : instance.region();
                    fresh = flows(instance, region).refresh(current);
                } catch (OidcFlows.RefreshRejected e) {
                    throw new Rejected(e);
                }
                cache.save(key, fresh);
                log.debug("refreshed the token for " + instance.describe());
                if (mirror) {
                    mirror(fresh);
                }
                return fresh;
            });
        } catch (Rejected e) {
            throw e.rejected;
        }
    }

    /**
     * A legacy instance without a usable token of its own: an sso-session token for the same start
     * URL and region (written by an ssokit or AWS CLI session login) serves it, refreshed if needed.
     */
    private SsoToken fromSessionToken(Instance instance) {
        String legacyKey = TokenCache.cacheKey(instance.startUrl());
        TokenCache.Entry refreshable = null;
        for (TokenCache.Entry e : cache.list()) {
            SsoToken t = e.token();
            if (t == null || e.key().equals(legacyKey) || !instance.startUrl().equals(t.startUrl())
                    || !instance.region().equals(t.region())) {
                continue;
            }
            if (t.isUsable(clock)) {
                log.debug("using the sso-session token " + e.file() + " for " + instance.describe());
                mirror(t);
                return t;
            }
            if (refreshable == null && t.canRefresh(clock)) {
                refreshable = e;
            }
        }
        if (refreshable == null) {
            return null;
        }
        try {
            return refreshed(instance, refreshable.key(), refreshable.token(), true);
        } catch (OidcFlows.RefreshRejected e) {
            log.debug("the sso-session token " + refreshable.file() + " could not be refreshed: " + e.getMessage());
            return null;
        }
    }

    // ---- interactive sign-in -----------------------------------------------------------

    private SsoToken signInLocked(Instance instance, String key, Mode mode, SsoToken seen) {
        try (FileLocks.Held held = loginLock(instance, cache.lockFile(key))) {
            Optional<SsoToken> fresh = new Recheck(key, seen, mode != Mode.FORCE_LOGIN).afterLock();
            if (fresh.isPresent()) {
                log.debug("another process has just signed in to " + instance.describe() + "; using its token");
                return fresh.get();
            }
            SsoToken t = signIn(instance);
            cache.save(key, t);
            if (instance.isSession()) {
                mirror(t);
            }
            return t;
        }
    }

    /** The entry's lock, saying so when another sign-in holds it (a person may take minutes). */
    private FileLocks.Held loginLock(Instance instance, Path lock) {
        try {
            return FileLocks.acquire(lock, Duration.ZERO);
        } catch (SsokitException busy) {
            if (busy.exitCode() == ExitCodes.INTERRUPTED) {
                throw busy;
            }
            log.info("Another ssokit sign-in to " + instance.startUrl() + " is in progress; waiting for it to finish...");
            return FileLocks.acquire(lock, LOGIN_LOCK_TIMEOUT);
        }
    }

    private SsoToken signIn(Instance instance) {
        OidcFlows f = flows(instance, instance.region());
        boolean headless = options.headless() || browser.disabledByEnv();
        if (instance.isSession() && !options.useDeviceCode() && !headless) {
            SsoToken t = f.pkce();
            if (t != null) {
                return t;
            }
        }
        return f.deviceCode(headless);
    }

    // ---- shared ------------------------------------------------------------------------

    /**
     * Writes the legacy-format copy of a session token under the start URL's key: no refresh
     * token and no client, so only the session file holds the rotating refresh token. A failure
     * here only costs the legacy profiles their shortcut, so it is a warning.
     */
    private void mirror(SsoToken session) {
        if (session.startUrl() == null || session.region() == null) {
            return;
        }
        SsoToken legacy = SsoToken.builder().startUrl(session.startUrl()).region(session.region())
                .accessToken(session.accessToken()).expiresAt(session.expiresAt()).receivedAt(session.receivedAt()).build();
        try {
            cache.save(TokenCache.cacheKey(session.startUrl()), legacy);
        } catch (CacheFileException e) {
            log.warn(e.getMessage() + " (the copy of the session token for profiles with sso_start_url " + session.startUrl() + ")");
        }
    }

    private OidcFlows flows(Instance instance, String region) {
        OidcClients c = clients();
        return new OidcFlows(c.oidc(region), instance, registrations, clock, sleeper, log, browser,
                options.callbackTimeout(), OidcFlows.authorizeBase(c.oidcOverride(), region));
    }

    private synchronized OidcClients clients() {
        if (clients == null) {
            clients = new OidcClients(env);
        }
        return clients;
    }

    /**
     * The second look of a single flight, after the lock: the token is taken when usable (if
     * allowed) or when it changed since the first look and has not expired, which means another
     * process refreshed or signed in while this one waited.
     */
    private final class Recheck implements java.util.function.Supplier<Optional<SsoToken>> {
        private final String key;
        private final SsoToken before;
        private final boolean acceptUsable;
        private int calls;
        SsoToken current;

        Recheck(String key, SsoToken before, boolean acceptUsable) {
            this.key = key;
            this.before = before;
            this.acceptUsable = acceptUsable;
        }

        /** SingleFlight's two looks: the first (before the lock) was just made by the caller. */
        @Override
        public Optional<SsoToken> get() {
            if (calls++ == 0) {
                return Optional.empty();
            }
            return afterLock();
        }

        Optional<SsoToken> afterLock() {
            current = cache.load(key).orElse(null);
            if (current == null) {
                return Optional.empty();
            }
            if (acceptUsable && current.isUsable(clock)) {
                return Optional.of(current);
            }
            boolean changed = before == null || !before.accessToken().equals(current.accessToken());
            if (changed && !current.expiresWithin(Duration.ZERO, clock)) {
                return Optional.of(current);
            }
            return Optional.empty();
        }
    }

    /** Carries a checked {@link OidcFlows.RefreshRejected} through {@link SingleFlight}'s suppliers. */
    private static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient OidcFlows.RefreshRejected rejected;

        Rejected(OidcFlows.RefreshRejected rejected) {
            super(rejected.getMessage(), null, false, false);
            this.rejected = rejected;
        }
    }
}
