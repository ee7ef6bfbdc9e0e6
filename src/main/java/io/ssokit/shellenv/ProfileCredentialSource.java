package io.ssokit.shellenv;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.credentials.Credentials;
import io.ssokit.credentials.MfaCodes;
import io.ssokit.credentials.ProfilePlan;
import io.ssokit.credentials.ProfileResolver;
import io.ssokit.sso.LoginRequiredException;
import io.ssokit.sso.SsoProfile;
import io.ssokit.sso.TokenSource;
import java.time.Clock;
import java.time.Duration;

/**
 * {@link CredentialSource} over the profile resolver ({@link ProfileResolver}: any kind of profile,
 * the shared role-credential cache, cross-process single flights, the token source), with the shell
 * commands' exit codes: 1 for anything but a configuration error (2).
 */
public final class ProfileCredentialSource implements CredentialSource {
    private final ProfileResolver resolver;

    /**
     * @param log messages for the user (stderr); its debug level carries the resolver's trail
     * @param refreshMargin cached credentials with less than this left are fetched afresh
     * @param mfa where MFA codes come from ({@code --mfa-code}, the terminal)
     */
    public ProfileCredentialSource(Env env, TokenSource tokens, Log log, Clock clock, Duration refreshMargin, MfaCodes mfa) {
        this.resolver = new ProfileResolver(env, tokens, log, log, clock, refreshMargin, mfa);
    }

    /** The resolver behind this source, for commands that assume a role of their own (assume-role). */
    public ProfileResolver resolver() {
        return resolver;
    }

    @Override
    public Credentials credentials(Identity id, TokenSource.Mode mode, boolean forceRefresh) {
        ProfilePlan plan = id.plan() != null ? id.plan()
                : new ProfilePlan.Sso(id.profile(), new SsoProfile(id.profile(), id.instance(), id.accountId(), id.roleName()));
        try {
            return resolver.credentials(plan, mode, forceRefresh);
        } catch (RuntimeException e) {
            throw translate(e, id);
        }
    }

    /**
     * credential-process's codes (4 AWS error, 5 other) are plain failures (1) here; a login or an
     * MFA code that is needed, a configuration error and an interruption keep theirs.
     */
    public static RuntimeException translate(RuntimeException e, Identity id) {
        if (!(e instanceof SsokitException s) || e instanceof LoginRequiredException
                || s.exitCode() == ExitCodes.USAGE || s.exitCode() == ExitCodes.ERROR || s.exitCode() == ExitCodes.INTERRUPTED) {
            return e;
        }
        if (id.instance() != null && s.getCause() instanceof software.amazon.awssdk.services.sso.model.SsoException a
                && (a.statusCode() == 403 || a.statusCode() == 404)) {
            return new SsokitException(ExitCodes.ERROR, "no access to role " + id.roleName() + " in account " + id.accountId()
                    + " on " + id.instance().describe(), e);
        }
        String msg = String.valueOf(e.getMessage());
        return new SsokitException(ExitCodes.ERROR, msg.startsWith("ERROR: ") ? msg.substring(7) : msg, e);
    }
}
