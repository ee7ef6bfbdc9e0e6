package io.ssokit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.ssokit.sandbox.SandboxState.IssuedCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AWS sign-in federation endpoint, as custom identity brokers use it:
 *
 * <ul>
 *   <li>{@code POST /federation} (or GET) with {@code Action=getSigninToken},
 *       {@code Session={"sessionId":..,"sessionKey":..,"sessionToken":..}} and optionally
 *       {@code SessionDuration} (900..43200 seconds): {@code {"SigninToken":"..."}} when the
 *       session holds live temporary credentials this sandbox issued (portal or STS), else 400.
 *       GetSessionToken's credentials are refused; GetFederationToken's are taken without a
 *       {@code SessionDuration} only (400 with one): their console session lasts as long as they do.
 *   <li>{@code GET /federation?Action=login&Issuer=..&Destination=..&SigninToken=..}: a page
 *       naming the account, role and destination for a token issued less than 15 minutes ago
 *       (AWS's validity), else 400. AWS redirects to the console instead; there is no console here.
 *   <li>{@code GET /oauth?Action=logout[&redirect_uri=..]}: the console logout page.
 * </ul>
 *
 * Sign-in tokens live in memory only: they outlive no restart, as they outlive 15 minutes nowhere.
 */
final class FederationService {
    static final long TOKEN_TTL_MILLIS = 15 * 60_000L;
    static final int MIN_SESSION_SECONDS = 900;
    static final int MAX_SESSION_SECONDS = 43_200;
    /** The console session when getSigninToken names no SessionDuration (the sandbox's choice). */
    static final int DEFAULT_SESSION_SECONDS = 3600;

    /** What a sign-in token stands for; {@code sessionSeconds} is unused for a federated user's (their expiry ends it). */
    record SigninToken(IssuedCredentials credentials, long expiresAt, int sessionSeconds) {
    }

    private final SandboxState state;
    private final SandboxOptions options;
    private final Map<String, SigninToken> tokens = new LinkedHashMap<>();

    FederationService(SandboxState state, SandboxOptions options) {
        this.state = state;
        this.options = options;
    }

    /** The request's parameters: the query, then a form body's (a body wins). */
    static Map<String, String> params(ApiRequest req) {
        Map<String, String> p = new LinkedHashMap<>(req.query());
        if (req.method().equals("POST") && req.isForm()) {
            p.putAll(req.form());
        }
        return p;
    }

    ApiResponse getSigninToken(ApiRequest req) {
        Map<String, String> p = params(req);
        int seconds = DEFAULT_SESSION_SECONDS;
        String duration = p.get("SessionDuration");
        if (duration != null) {
            try {
                seconds = Integer.parseInt(duration);
            } catch (NumberFormatException e) {
                return bad("SessionDuration must be a number of seconds");
            }
            if (seconds < MIN_SESSION_SECONDS || seconds > MAX_SESSION_SECONDS) {
                return bad("SessionDuration must be between " + MIN_SESSION_SECONDS + " and " + MAX_SESSION_SECONDS + " seconds");
            }
        }
        String session = p.get("Session");
        if (session == null) {
            return bad("Session is required");
        }
        JsonNode s;
        try {
            s = ApiRequest.JSON.readTree(session);
        } catch (IOException e) {
            return bad("Session is not JSON");
        }
        String id = text(s, "sessionId");
        String key = text(s, "sessionKey");
        String token = text(s, "sessionToken");
        long now = options.clock().millis();
        IssuedCredentials c;
        String signin = Ids.opaque("sandbox-signin-", 48);
        synchronized (state) {
            c = id == null ? null : state.credentials.get(id);
            if (c == null || !c.secretAccessKey().equals(key) || c.sessionToken() == null || !c.sessionToken().equals(token)
                    || now >= c.expiresAt() || c.kind() == SandboxState.Kind.USER_SESSION) {
                // one answer for unknown, wrong, long-term, expired and GetSessionToken credentials (which
                // AWS does not take for console sign-in either): AWS does not say which
                return bad("The session credentials are not valid temporary credentials");
            }
            if (duration != null && c.kind() == SandboxState.Kind.FEDERATED_USER) {
                return bad("SessionDuration cannot be used with credentials from GetFederationToken: their console session"
                        + " lasts as long as they do");
            }
            tokens.values().removeIf(t -> now >= t.expiresAt());
            tokens.put(signin, new SigninToken(c, now + TOKEN_TTL_MILLIS, seconds));
        }
        return ApiResponse.json(200, Map.of("SigninToken", signin));
    }

    ApiResponse login(ApiRequest req) {
        Map<String, String> p = params(req);
        if (!"login".equals(p.get("Action"))) {
            return ApprovalPages.message(400, "Bad request", "Unknown action.");
        }
        String destination = p.get("Destination");
        if (destination == null || destination.isEmpty()) {
            return ApprovalPages.message(400, "Sign-in failed", "Destination is required.");
        }
        SigninToken t;
        long now = options.clock().millis();
        synchronized (state) {
            t = p.get("SigninToken") == null ? null : tokens.get(p.get("SigninToken"));
        }
        if (t == null || now >= t.expiresAt()) {
            return ApprovalPages.message(400, "Sign-in failed", "The sign-in token is not valid or has expired.");
        }
        IssuedCredentials c = t.credentials();
        boolean federated = c.kind() == SandboxState.Kind.FEDERATED_USER;
        long endsAt = federated ? c.expiresAt() : now + t.sessionSeconds() * 1000L;
        String ends = Instant.ofEpochMilli(endsAt).truncatedTo(ChronoUnit.SECONDS).toString();
        String issuer = p.get("Issuer");
        return ApprovalPages.message(200, "Signed in to the AWS console",
                "Account " + c.accountId() + (federated ? ", federated user " + c.sessionName() : ", role " + c.roleName())
                        + " (" + c.callerArn() + "), until " + ends
                        + ". Destination: " + destination + (issuer == null ? "" : ". Issuer: " + issuer) + ".");
    }

    ApiResponse logout(ApiRequest req) {
        Map<String, String> p = params(req);
        if (!"logout".equals(p.get("Action"))) {
            return ApprovalPages.message(400, "Bad request", "Unknown action.");
        }
        String next = p.get("redirect_uri");
        return ApprovalPages.message(200, "Signed out of the AWS console",
                "You are signed out." + (next == null ? "" : " Next: " + next));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static ApiResponse bad(String message) {
        return ApiResponse.of(400, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
