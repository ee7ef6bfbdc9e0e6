package io.ssokit.shellenv;

import io.ssokit.credentials.Credentials;
import io.ssokit.sso.TokenSource;

/**
 * Gives the credentials of one Identity Center role. The shell commands ({@code env},
 * {@code exec}, {@code run-as}, {@code export-credentials}) depend on this one method only, so
 * the resolver behind it (role-credential cache, single flight, token source) can change freely.
 */
public interface CredentialSource {

    /**
     * @param identity the instance, account and role (and the profile, for login hints)
     * @param mode whether a missing Identity Center token may be obtained by an interactive login
     * @param forceRefresh ignore cached role credentials and fetch new ones (the cache is updated)
     * @throws io.ssokit.SsokitException with the exit code to use, e.g. a
     *     {@link io.ssokit.sso.LoginRequiredException} (exit 1) when a login is needed
     */
    Credentials credentials(Identity identity, TokenSource.Mode mode, boolean forceRefresh);
}
