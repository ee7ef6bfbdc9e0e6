package io.ssokit.sso;

import io.ssokit.SsokitException;

/**
 * An Identity Center sign-in (device code, PKCE or refresh) that did not produce a token. The exit
 * codes are aws-sso-util's login codes, so scripts written for {@code aws-sso-util login} keep
 * working; credential-process shares 4 ("AWS client error").
 */
public class LoginFailedException extends SsokitException {
    private static final long serialVersionUID = 1L;

    /** The sign-in request expired before it was approved (device code or browser callback). */
    public static final int AUTHORIZATION_EXPIRED = 2;
    /** {@code InvalidGrantException}: the code or token was refused, usually because its window passed. */
    public static final int INVALID_GRANT = 3;
    /** Any other AWS error, a denied request, or a service that cannot be reached. */
    public static final int SERVICE_ERROR = 4;

    public LoginFailedException(int exitCode, String message) {
        super(exitCode, message);
    }

    public LoginFailedException(int exitCode, String message, Throwable cause) {
        super(exitCode, message, cause);
    }
}
