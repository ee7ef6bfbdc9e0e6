package io.ssokit.shellenv;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.credentials.CredentialCache;
import io.ssokit.credentials.Credentials;
import io.ssokit.credentials.SsoRoleCredentials;
import io.ssokit.sso.LoginRequiredException;
import io.ssokit.sso.SsoProfile;
import io.ssokit.sso.TokenSource;
import java.time.Clock;
import java.time.Duration;

/**
 * {@link CredentialSource} over credential-process's resolver ({@link SsoRoleCredentials}: the
 * shared role-credential cache, a cross-process single flight, the token source), adding what the
 * interactive commands need on top of it: a sign-in when one is needed and allowed, and
 * {@code --force-refresh} meaning "new role credentials". Failures get the shell commands' exit
 * codes: 1 for anything but a configuration error (2).
 */
public final class SsoCredentialSource implements CredentialSource {
    private final Env env;
    private final TokenSource tokens;
    private final SsoRoleCredentials roles;

    /**
     * @param log messages for the user (stderr); its debug level carries the resolver's trail
     * @param refreshMargin cached credentials with less than this left are fetched afresh
     */
    public SsoCredentialSource(Env env, TokenSource tokens, Log log, Clock clock, Duration refreshMargin) {
        this.env = env;
        this.tokens = tokens;
        this.roles = new SsoRoleCredentials(env, tokens, log, log, clock, refreshMargin);
    }

    @Override
    public Credentials credentials(Identity id, TokenSource.Mode mode, boolean forceRefresh) {
        SsoProfile role = new SsoProfile(id.profile(), id.instance(), id.accountId(), id.roleName());
        try {
            if (mode == TokenSource.Mode.FORCE_LOGIN) {
                tokens.token(id.instance(), TokenSource.Mode.FORCE_LOGIN);
            }
            if (forceRefresh) {
                // the next read misses and fetches under the entry's lock, like any other miss
                CredentialCache.of(env).delete(SsoRoleCredentials.cacheKey(role));
            }
            try {
                return roles.get(role, false);
            } catch (LoginRequiredException e) {
                if (mode == TokenSource.Mode.NON_INTERACTIVE) {
                    throw e;
                }
                // sign in (its prompts and the browser go to stderr and the terminal), then again
                tokens.token(id.instance(), TokenSource.Mode.INTERACTIVE);
                return roles.get(role, false);
            }
        } catch (LoginRequiredException e) {
            throw e;
        } catch (SsokitException e) {
            throw translate(e, id);
        }
    }

    /** credential-process's codes (4 AWS error, 5 other) are plain failures (1) here. */
    private static SsokitException translate(SsokitException e, Identity id) {
        if (e.exitCode() == ExitCodes.USAGE || e.exitCode() == ExitCodes.ERROR || e.exitCode() == ExitCodes.INTERRUPTED) {
            return e;
        }
        if (e.getCause() instanceof software.amazon.awssdk.awscore.exception.AwsServiceException a
                && (a.statusCode() == 403 || a.statusCode() == 404)) {
            return new SsokitException(ExitCodes.ERROR, "no access to role " + id.roleName() + " in account " + id.accountId()
                    + " on " + id.instance().describe(), e);
        }
        String msg = String.valueOf(e.getMessage());
        return new SsokitException(ExitCodes.ERROR, msg.startsWith("ERROR: ") ? msg.substring(7) : msg, e);
    }
}
