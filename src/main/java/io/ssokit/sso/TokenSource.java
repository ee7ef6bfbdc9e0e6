package io.ssokit.sso;

/**
 * Where every command gets an Identity Center access token. The implementation (see
 * {@code SsoTokens}) reads the AWS-CLI-compatible cache, refreshes sso-session tokens with their
 * refresh token under a cross-process single flight, and logs in interactively only when the
 * mode allows it.
 */
public interface TokenSource {

    enum Mode {
        /** Never prompt or open a browser (credential-process, check, completion): cache or refresh only. */
        NON_INTERACTIVE,
        /** Log in interactively when no usable or refreshable token exists (login, roles, populate). */
        INTERACTIVE,
        /** Ignore a usable cached token and log in again (--force-refresh). */
        FORCE_LOGIN
    }

    /**
     * A token with more than the expiry window (15 minutes) left.
     *
     * @throws LoginRequiredException in {@link Mode#NON_INTERACTIVE} when there is none
     */
    SsoToken token(Instance instance, Mode mode);
}
