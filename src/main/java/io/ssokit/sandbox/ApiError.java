package io.ssokit.sandbox;

/**
 * A modelled service error: the HTTP status, the error code (the shape name of rest-json
 * services, the query {@code Code} of STS) and the message. {@code oauthError} is the OAuth
 * {@code error} value that SSO OIDC errors carry in their body; null elsewhere. Each protocol
 * renders it the way its service does (see {@link Protocol}).
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;
    final String oauthError;
    /** Further string members of a JSON 1.1 error body (identitystore's ResourceType and ResourceId); never null. */
    final java.util.Map<String, String> members;

    ApiError(int status, String code, String oauthError, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.oauthError = oauthError;
        this.members = java.util.Map.of();
    }

    /** A JSON 1.1 error with further members in its body. */
    ApiError(int status, String code, String message, java.util.Map<String, String> members) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.oauthError = null;
        this.members = java.util.Map.copyOf(members);
    }

    ApiError(int status, String code, String message) {
        this(status, code, null, message);
    }
}
