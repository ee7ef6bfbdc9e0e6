package io.ssokit.sandbox;

import io.ssokit.sandbox.SandboxState.IssuedCredentials;
import java.time.Instant;
import java.util.Map;

/**
 * Who is calling: verifies a request's SigV4 signature ({@link SigV4Verifier}) against the
 * credentials the sandbox issued and answers with the caller, or throws the error the service's
 * protocol uses for the failure. STS (query protocol) names the failures as STS does
 * ({@code SignatureDoesNotMatch}, 403); the JSON 1.1 services as their Coral front end does
 * ({@code InvalidSignatureException}, 400).
 */
final class Callers {
    /** The JSON 1.1 error names of the verifier's (query-protocol) rejections. */
    private static final Map<String, String> JSON11_CODES = Map.of(
            "MissingAuthenticationToken", "MissingAuthenticationTokenException",
            "InvalidClientTokenId", "UnrecognizedClientException",
            "SignatureDoesNotMatch", "InvalidSignatureException",
            "IncompleteSignature", "IncompleteSignatureException",
            "ExpiredToken", "ExpiredTokenException");

    private Callers() {
    }

    /** The caller of a query-protocol request, or the STS error. */
    static IssuedCredentials query(ApiRequest req, SandboxState state, Instant now, String signingName) {
        return verify(req, state, now, signingName, false);
    }

    /** The caller of a JSON 1.1 request, or the JSON 1.1 error. */
    static IssuedCredentials json11(ApiRequest req, SandboxState state, Instant now, String signingName) {
        return verify(req, state, now, signingName, true);
    }

    private static IssuedCredentials verify(ApiRequest req, SandboxState state, Instant now, String signingName, boolean json) {
        SigV4Verifier.Request signed = new SigV4Verifier.Request(req.method(), req.rawPath(), req.rawQuery(), req.headers(), req.body());
        SigV4Verifier.Result r;
        synchronized (state) {
            r = SigV4Verifier.verify(signed, id -> {
                IssuedCredentials c = state.caller(id);
                return c == null ? null : new SigV4Verifier.Secret(c.secretAccessKey(), c.sessionToken(),
                        c.kind() == SandboxState.Kind.IAM_USER ? null : Instant.ofEpochMilli(c.expiresAt()));
            }, signingName, now);
            if (r instanceof SigV4Verifier.Verified v) {
                return state.caller(v.accessKeyId());
            }
        }
        SigV4Verifier.Rejected no = (SigV4Verifier.Rejected) r;
        if (!json) {
            throw new ApiError(no.status(), no.code(), no.message());
        }
        String code = JSON11_CODES.getOrDefault(no.code(), no.code());
        throw new ApiError(400, code, no.message());
    }
}
