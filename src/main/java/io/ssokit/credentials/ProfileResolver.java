package io.ssokit.credentials;

import io.ssokit.Env;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.json.CacheFileException;
import io.ssokit.lock.SingleFlight;
import io.ssokit.sso.LoginRequiredException;
import io.ssokit.sso.SsoProfile;
import io.ssokit.sso.TokenSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Executes a {@link ProfilePlan}: the credentials of any profile, the way the AWS CLI v2 gets them,
 * plus caching where the CLI has none. Every command that hands out a profile's credentials
 * ({@code env}, {@code exec}, {@code export-credentials}, {@code credential-process},
 * {@code assume-role}, and the credential endpoints) comes through {@link #credentials}.
 *
 * <ul>
 *   <li>Identity Center roles: {@link SsoRoleCredentials} (shared cache, single flight); a sign-in
 *       when one is needed and the mode allows it;
 *   <li>AssumeRole: the CLI's cache entry ({@code ~/.aws/cli/cache}, botocore's key) while more than
 *       the refresh margin is left; else, once across processes, the source's credentials (resolved
 *       the same way, recursively), an MFA code when {@code mfa_serial} is set, sts:AssumeRole, and
 *       the entry written back, so the AWS CLI reuses it and we reuse the CLI's;
 *   <li>{@code credential_process}: run, parsed, cached by its command line while valid;
 *   <li>static keys and {@code credential_source = Environment}: as they are.
 * </ul>
 *
 * <p>Failures carry credential-process's exit codes ({@link SsoRoleCredentials}): 1 login or MFA
 * code needed, 2 configuration, 4 an error answered by AWS, 5 anything else.
 */
public final class ProfileResolver {
    private final Env env;
    private final TokenSource tokens;
    private final Log log;
    private final Log debug;
    private final Clock clock;
    private final Duration refreshMargin;
    private final MfaCodes mfa;
    private final SsoRoleCredentials sso;
    private final CredentialCache cache;

    /**
     * @param log messages for the user (stderr)
     * @param debug the detailed trail (a debug log, or {@code log} itself)
     * @param refreshMargin cached credentials with less than this left are fetched afresh
     * @param mfa where MFA codes come from
     */
    public ProfileResolver(Env env, TokenSource tokens, Log log, Log debug, Clock clock, Duration refreshMargin,
            MfaCodes mfa) {
        this.env = env;
        this.tokens = tokens;
        this.log = log;
        this.debug = debug;
        this.clock = clock;
        this.refreshMargin = refreshMargin;
        this.mfa = mfa;
        this.sso = new SsoRoleCredentials(env, tokens, log, debug, clock, refreshMargin);
        this.cache = CredentialCache.of(env);
    }

    /**
     * The plan's credentials.
     *
     * @param mode whether an Identity Center sign-in may be started (and an MFA code prompted for)
     * @param forceRefresh fetch the last step afresh even when its cache entry is fresh (its
     *     sources still come from their caches)
     */
    public Credentials credentials(ProfilePlan plan, TokenSource.Mode mode, boolean forceRefresh) {
        if (plan instanceof ProfilePlan.Sso s) {
            return sso(s.role(), mode, forceRefresh);
        }
        if (plan instanceof ProfilePlan.StaticKeys k) {
            debug.debug("using the " + k);
            return k.credentials();
        }
        if (plan instanceof ProfilePlan.Environment e) {
            return environment(e);
        }
        if (plan instanceof ProfilePlan.Process p) {
            return new CredentialProcessRunner(env, log, debug, clock, refreshMargin).credentials(p, forceRefresh);
        }
        ProfilePlan.AssumeRole a = (ProfilePlan.AssumeRole) plan;
        return assumeRole(a.profile(), a.source(), a.request(), a.stsRegion(), mode, forceRefresh);
    }

    /**
     * sts:AssumeRole with the source plan's credentials, through the role-credential cache.
     *
     * @param profile the profile that asks (for messages), or null for the command line
     */
    public Credentials assumeRole(String profile, ProfilePlan source, AssumeRoleRequest request, String stsRegion,
            TokenSource.Mode mode, boolean forceRefresh) {
        String key = request.cacheKey();
        debug.debug("assume-role cache entry " + cache.file(key) + " (" + request.roleArn() + ")");
        if (forceRefresh) {
            cache.delete(key);
        }
        return SingleFlight.get(cache.lockFile(key), new CacheRead(key), () -> {
            Credentials from = credentials(source, mode, false);
            String code = null;
            if (request.mfaSerial() != null) {
                code = mfa.code(request.mfaSerial(), profile, mode != TokenSource.Mode.NON_INTERACTIVE);
            }
            String sessionName = request.sessionNameAt(clock.instant().getEpochSecond());
            debug.debug("calling sts:AssumeRole for " + request.roleArn() + " as session " + sessionName + " in "
                    + stsRegion + (profile == null ? "" : " (profile " + profile + ")"));
            Credentials fresh = StsAssumeRole.call(env, stsRegion, from, request, sessionName, code, profile);
            try {
                cache.save(key, fresh, null);
            } catch (CacheFileException e) {
                log.warn("could not cache the assumed role's credentials: " + e.getMessage());
            }
            return fresh;
        });
    }

    /**
     * Temporary credentials for {@code c}: the same when they carry a session token, else (an IAM
     * user's long-term keys) exchanged with sts:GetSessionToken for a session of the same user.
     * Not cached here: a caller that keeps them (a
     * {@code --cache-file}, a credential server) knows for how long.
     *
     * @param profile the profile the keys are of (for messages and the MFA prompt), or null
     * @param mfaSerial the profile's {@code mfa_serial}: its code is sent along, or null
     * @param durationSeconds how long the session lasts, or null for STS's default (12 hours)
     * @param mode whether an MFA code may be prompted for
     */
    public Credentials temporary(Credentials c, String profile, String mfaSerial, Integer durationSeconds, String stsRegion,
            TokenSource.Mode mode) {
        if (c.sessionToken() != null) {
            return c;
        }
        String code = mfaSerial == null ? null : mfa.code(mfaSerial, profile, mode != TokenSource.Mode.NON_INTERACTIVE);
        debug.debug("calling sts:GetSessionToken in " + stsRegion + " with the long-term keys " + c
                + (profile == null ? "" : " of profile " + profile) + (mfaSerial == null ? "" : " and MFA device " + mfaSerial));
        return StsSessionToken.call(env, stsRegion, c, mfaSerial, code, durationSeconds, profile);
    }

    /**
     * The cached credentials of the plan's last step when they are fresh, else null: no network,
     * no process run, no SDK class. Static keys are returned as they are; a process or an
     * environment source is never answered here. For the hot paths, which fall back to the full
     * resolution on null.
     */
    public static Credentials cached(Env env, ProfilePlan plan, Duration refreshMargin, Clock clock) {
        if (plan instanceof ProfilePlan.Sso s) {
            return CredentialProcess.cachedCredentials(env, s.role(), refreshMargin, clock);
        }
        if (plan instanceof ProfilePlan.AssumeRole a) {
            return CredentialProcess.cachedEntry(env, a.request().cacheKey(), refreshMargin, clock);
        }
        if (plan instanceof ProfilePlan.StaticKeys k) {
            return k.credentials();
        }
        return null;
    }

    private Credentials sso(SsoProfile role, TokenSource.Mode mode, boolean forceRefresh) {
        if (mode == TokenSource.Mode.FORCE_LOGIN) {
            tokens.token(role.instance(), TokenSource.Mode.FORCE_LOGIN);
        }
        if (forceRefresh) {
            // the next read misses and fetches under the entry's lock, like any other miss
            cache.delete(SsoRoleCredentials.cacheKey(role));
        }
        try {
            return sso.get(role, false);
        } catch (LoginRequiredException e) {
            if (mode == TokenSource.Mode.NON_INTERACTIVE) {
                throw e;
            }
            // sign in (its prompts and the browser go to stderr and the terminal), then again
            tokens.token(role.instance(), TokenSource.Mode.INTERACTIVE);
            return sso.get(role, false);
        }
    }

    private Credentials environment(ProfilePlan.Environment e) {
        String id = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (id == null || id.isEmpty() || secret == null || secret.isEmpty()) {
            throw new SsokitException(SsoRoleCredentials.INVALID_CONFIG, (e.profile() == null ? "the caller's credentials come"
                    + " from the environment" : "profile '" + e.profile() + "' has credential_source = Environment")
                    + ", but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set");
        }
        String token = env.first("AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN");
        java.time.Instant expires = null;
        String expiration = env.get("AWS_CREDENTIAL_EXPIRATION");
        if (expiration != null) {
            try {
                expires = io.ssokit.json.Timestamps.parse(expiration);
            } catch (IllegalArgumentException ignored) {
                // botocore ignores an expiration it cannot read for its refresh logic; so do we
                expires = null;
            }
        }
        debug.debug("using the environment's credentials (credential_source of profile " + e.profile() + ")");
        return new Credentials(id, secret, token == null || token.isEmpty() ? null : token, expires, null);
    }

    /** Reads an assume-role entry; an unusable file is a miss, reported once. */
    private final class CacheRead implements java.util.function.Supplier<Optional<Credentials>> {
        private final String key;
        private boolean warned;

        CacheRead(String key) {
            this.key = key;
        }

        @Override
        public Optional<Credentials> get() {
            try {
                Optional<Credentials> hit = cache.loadFresh(key, refreshMargin, clock);
                debug.debug(hit.isPresent() ? "cache hit: expires at " + hit.get().expiration()
                        : "cache miss: no entry, or less than the refresh margin left");
                return hit;
            } catch (CacheFileException e) {
                if (!warned) {
                    warned = true;
                    log.warn(e.getMessage() + "; ignoring it, it will be replaced");
                }
                return Optional.empty();
            }
        }
    }
}
