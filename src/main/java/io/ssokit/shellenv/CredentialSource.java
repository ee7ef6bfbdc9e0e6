package io.ssokit.shellenv;

import io.ssokit.credentials.Credentials;
import io.ssokit.sso.TokenSource;

/**
 * Gives the credentials of an identity: a profile of any kind (its {@link Identity#plan()}), or an
 * Identity Center role given by account and role. The shell commands ({@code env}, {@code exec},
 * {@code run-as}, {@code export-credentials}, {@code assume-role}) depend on this one method only,
 * so the resolver behind it can change freely.
 */
public interface CredentialSource {

    /**
     * @param identity the profile's plan, or the instance, account and role
     * @param mode whether a missing Identity Center token may be obtained by an interactive login
     *     (and an MFA code prompted for)
     * @param forceRefresh ignore the cached credentials of the last step and fetch new ones (the
     *     cache is updated)
     * @throws io.ssokit.SsokitException with the exit code to use, e.g. a
     *     {@link io.ssokit.sso.LoginRequiredException} (exit 1) when a login is needed
     */
    Credentials credentials(Identity identity, TokenSource.Mode mode, boolean forceRefresh);
}
