package io.ssokit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ssokit.sandbox.SandboxState.AccessToken;
import io.ssokit.sandbox.SandboxState.AuthorizationCode;
import io.ssokit.sandbox.SandboxState.AuthorizationRequest;
import io.ssokit.sandbox.SandboxState.Client;
import io.ssokit.sandbox.SandboxState.Decision;
import io.ssokit.sandbox.SandboxState.DeviceAuthorization;
import io.ssokit.sandbox.SandboxState.RefreshToken;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * SSO OIDC (rest-json, model sso-oidc 2019-06-10): RegisterClient, StartDeviceAuthorization and
 * CreateToken with the device-code, refresh-token and authorization-code (PKCE, S256) grants,
 * plus the two browser pages a person uses to approve a sign-in: {@code /device} (the
 * verification URI) and {@code /authorize} (the PKCE authorization endpoint).
 *
 * <p>Refresh tokens: AWS issues them to clients that registered for the {@code refresh_token}
 * grant or with scopes (the AWS CLI v2 registers with {@code sso:account:access} and then
 * refreshes); legacy clients without scopes get access tokens only. A refresh returns a new
 * refresh token and retires the old one (rotation), which catches clients that forget to save
 * the new one. Refresh tokens live as long as their client registration, or until Logout.
 */
final class OidcService {
    static final String GRANT_DEVICE_CODE = "urn:ietf:params:oauth:grant-type:device_code";
    static final String GRANT_REFRESH_TOKEN = "refresh_token";
    static final String GRANT_AUTHORIZATION_CODE = "authorization_code";
    private static final List<String> GRANTS = List.of(GRANT_DEVICE_CODE, GRANT_REFRESH_TOKEN, GRANT_AUTHORIZATION_CODE);
    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:*._/-]*");
    private static final long CODE_TTL_MILLIS = 5 * 60_000L;
    private static final long BROWSER_REQUEST_TTL_MILLIS = 10 * 60_000L;

    private final SandboxState state;
    private final Org org;
    private final SandboxOptions options;
    private final String endpoint;

    OidcService(SandboxState state, Org org, SandboxOptions options, String endpoint) {
        this.state = state;
        this.org = org;
        this.options = options;
        this.endpoint = endpoint;
    }

    private long now() {
        return options.clock().millis();
    }

    // ---- RegisterClient -------------------------------------------------------------------

    ApiResponse registerClient(ApiRequest req) {
        JsonNode in = json(req);
        String name = text(in, "clientName");
        String type = text(in, "clientType");
        if (name == null || name.isBlank()) {
            throw invalidRequest("clientName is required");
        }
        if (type == null) {
            throw invalidRequest("clientType is required");
        }
        if (!type.equals("public")) {
            throw new ApiError(400, "InvalidClientMetadataException", "invalid_client_metadata",
                    "Invalid client type: " + type + " (only public clients are supported)");
        }
        List<String> scopes = list(in, "scopes");
        for (String s : scopes) {
            if (!SCOPE.matcher(s).matches()) {
                throw new ApiError(400, "InvalidScopeException", "invalid_scope", "Invalid scope: " + s);
            }
        }
        List<String> grants = list(in, "grantTypes");
        for (String g : grants) {
            if (!GRANTS.contains(g)) {
                throw new ApiError(400, "UnsupportedGrantTypeException", "unsupported_grant_type", "Unsupported grant type: " + g);
            }
        }
        List<String> redirects = list(in, "redirectUris");
        for (String r : redirects) {
            URI u = parseUri(r);
            if (u == null || !u.isAbsolute() || u.getHost() == null || u.getFragment() != null) {
                throw new ApiError(400, "InvalidRedirectUriException", "invalid_redirect_uri", "Invalid redirect URI: " + r);
            }
        }
        if (grants.contains(GRANT_AUTHORIZATION_CODE) && redirects.isEmpty()) {
            throw new ApiError(400, "InvalidRedirectUriException", "invalid_redirect_uri",
                    "redirectUris are required for the authorization_code grant");
        }
        String issuer = text(in, "issuerUrl");
        if (issuer != null && org.instance(issuer).isEmpty()) {
            throw invalidRequest("Invalid issuer URL: " + issuer);
        }
        long issued = now() / 1000;
        Client c = new Client(Ids.opaque("", 16), Ids.opaque("sbx.", 96), name, type, scopes, grants, redirects, issuer,
                issued, issued + options.clientTtl().getSeconds());
        synchronized (state) {
            state.clients.put(c.clientId(), c);
        }
        ObjectNode out = ApiRequest.JSON.createObjectNode();
        out.put("clientId", c.clientId());
        out.put("clientSecret", c.clientSecret());
        out.put("clientIdIssuedAt", c.issuedAt());
        out.put("clientSecretExpiresAt", c.expiresAt());
        if (grants.contains(GRANT_AUTHORIZATION_CODE)) {
            out.put("authorizationEndpoint", endpoint + "/authorize");
            out.put("tokenEndpoint", endpoint + "/token");
        }
        return ApiResponse.json(200, out);
    }

    // ---- StartDeviceAuthorization ---------------------------------------------------------

    ApiResponse startDeviceAuthorization(ApiRequest req) {
        JsonNode in = json(req);
        String startUrl = text(in, "startUrl");
        DeviceAuthorization d;
        synchronized (state) {
            Client c = client(text(in, "clientId"), text(in, "clientSecret"));
            if (!c.allows(GRANT_DEVICE_CODE)) {
                throw new ApiError(400, "UnauthorizedClientException", "unauthorized_client",
                        "Client is not registered for the device_code grant");
            }
            if (startUrl == null || org.instance(startUrl).isEmpty()) {
                throw invalidRequest("Invalid start URL: " + startUrl);
            }
            String userCode;
            do {
                userCode = Ids.userCode();
            } while (findByUserCode(userCode) != null);
            boolean auto = options.autoApprove();
            d = new DeviceAuthorization(Ids.opaque("", 48), userCode, c.clientId(), startUrl,
                    now() + options.deviceCodeTtl().toMillis(), (int) options.pollInterval().getSeconds(),
                    auto ? Decision.APPROVED : Decision.PENDING, auto ? org.defaultUser().name() : null, 0);
            state.deviceAuthorizations.put(d.deviceCode(), d);
        }
        ObjectNode out = ApiRequest.JSON.createObjectNode();
        out.put("deviceCode", d.deviceCode());
        out.put("userCode", d.userCode());
        out.put("verificationUri", endpoint + "/device");
        out.put("verificationUriComplete", endpoint + "/device?user_code=" + d.userCode());
        out.put("expiresIn", options.deviceCodeTtl().getSeconds());
        out.put("interval", d.interval());
        return ApiResponse.json(200, out);
    }

    // ---- CreateToken ----------------------------------------------------------------------

    ApiResponse createToken(ApiRequest req) {
        JsonNode in = json(req);
        String grant = text(in, "grantType");
        synchronized (state) {
            Client c = client(text(in, "clientId"), text(in, "clientSecret"));
            if (grant == null) {
                throw invalidRequest("grantType is required");
            }
            if (!GRANTS.contains(grant)) {
                throw new ApiError(400, "UnsupportedGrantTypeException", "unsupported_grant_type", "Unsupported grant type: " + grant);
            }
            if (!c.allows(grant)) {
                throw new ApiError(400, "UnauthorizedClientException", "unauthorized_client",
                        "Client is not registered for the " + grant + " grant");
            }
            List<String> requested = list(in, "scope");
            return switch (grant) {
                case GRANT_DEVICE_CODE -> deviceCodeGrant(c, text(in, "deviceCode"), requested);
                case GRANT_REFRESH_TOKEN -> refreshGrant(c, text(in, "refreshToken"), requested);
                default -> authorizationCodeGrant(c, text(in, "code"), text(in, "codeVerifier"), text(in, "redirectUri"));
            };
        }
    }

    private ApiResponse deviceCodeGrant(Client c, String deviceCode, List<String> requested) {
        if (deviceCode == null) {
            throw invalidRequest("deviceCode is required for the device_code grant");
        }
        DeviceAuthorization d = state.deviceAuthorizations.get(deviceCode);
        if (d == null || !d.clientId().equals(c.clientId())) {
            throw invalidGrant("Invalid device code provided");
        }
        long now = now();
        if (now >= d.expiresAt()) {
            throw new ApiError(400, "ExpiredTokenException", "expired_token", "Device code has expired");
        }
        switch (d.decision()) {
            case DENIED -> throw new ApiError(400, "AccessDeniedException", "access_denied", "Authorization was denied by the user");
            case REDEEMED -> throw invalidGrant("Device code has already been used");
            case PENDING -> {
                // RFC 8628 3.5: a client polling faster than the interval is told to slow down
                boolean tooFast = d.lastPolledAt() > 0 && now - d.lastPolledAt() < d.interval() * 1000L;
                state.deviceAuthorizations.put(deviceCode, d.polledAt(now));
                if (tooFast) {
                    throw new ApiError(400, "SlowDownException", "slow_down", "Client is polling too fast");
                }
                throw new ApiError(400, "AuthorizationPendingException", "authorization_pending", "Authorization is still pending");
            }
            default -> {
                // approved: fall through to issue
            }
        }
        state.deviceAuthorizations.put(deviceCode, d.decided(Decision.REDEEMED, d.user()));
        return issue(c, d.user(), scopes(c, requested), d.startUrl(), Ids.opaque("", 12));
    }

    private ApiResponse refreshGrant(Client c, String token, List<String> requested) {
        if (token == null) {
            throw invalidRequest("refreshToken is required for the refresh_token grant");
        }
        RefreshToken r = state.refreshTokens.get(token);
        if (r == null || !r.clientId().equals(c.clientId())) {
            throw invalidGrant("Invalid refresh token provided");
        }
        List<String> scopes = requested.isEmpty() ? r.scopes() : requested;
        if (!r.scopes().containsAll(scopes)) {
            throw new ApiError(400, "InvalidScopeException", "invalid_scope", "Requested scopes exceed the granted ones");
        }
        state.refreshTokens.remove(token);
        return issue(c, r.user(), scopes, r.startUrl(), r.sessionId());
    }

    private ApiResponse authorizationCodeGrant(Client c, String code, String verifier, String redirectUri) {
        if (code == null) {
            throw invalidRequest("code is required for the authorization_code grant");
        }
        AuthorizationCode a = state.authorizationCodes.remove(code);
        if (a == null || !a.clientId().equals(c.clientId())) {
            throw invalidGrant("Invalid authorization code provided");
        }
        if (now() >= a.expiresAt()) {
            throw invalidGrant("Authorization code has expired");
        }
        if (!Objects.equals(a.redirectUri(), redirectUri)) {
            throw invalidGrant("Redirect URI does not match the one of the authorization request");
        }
        if (verifier == null || !MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
                a.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
            throw invalidGrant("Code verifier does not match the code challenge");
        }
        return issue(c, a.user(), a.scopes(), a.startUrl(), Ids.opaque("", 12));
    }

    private ApiResponse issue(Client c, String user, List<String> scopes, String startUrl, String sessionId) {
        AccessToken t = new AccessToken(Ids.opaque("aoa", 96), c.clientId(), user, scopes, sessionId, startUrl,
                now() + options.tokenTtl().toMillis());
        state.accessTokens.put(t.token(), t);
        ObjectNode out = ApiRequest.JSON.createObjectNode();
        out.put("accessToken", t.token());
        out.put("tokenType", "Bearer");
        out.put("expiresIn", options.tokenTtl().getSeconds());
        boolean refreshable = c.grantTypes() == null || c.grantTypes().isEmpty()
                ? !c.scopes().isEmpty() : c.grantTypes().contains(GRANT_REFRESH_TOKEN);
        if (refreshable) {
            RefreshToken r = new RefreshToken(Ids.opaque("aor", 96), c.clientId(), user, scopes, sessionId, startUrl);
            state.refreshTokens.put(r.token(), r);
            out.put("refreshToken", r.token());
        }
        return ApiResponse.json(200, out);
    }

    /** Requested scopes must be among the registered ones; none requested means all registered. */
    private static List<String> scopes(Client c, List<String> requested) {
        if (requested.isEmpty()) {
            return c.scopes();
        }
        if (!c.scopes().containsAll(requested)) {
            throw new ApiError(400, "InvalidScopeException", "invalid_scope", "Requested scopes were not registered by the client");
        }
        return requested;
    }

    // ---- the browser side: /device and /authorize ----------------------------------------

    /** GET /device: the verification URI; with {@code user_code} it shows that request. */
    ApiResponse devicePage(ApiRequest req) {
        String code = req.query().get("user_code");
        if (code == null || code.isBlank()) {
            return ApprovalPages.enterCode();
        }
        synchronized (state) {
            DeviceAuthorization d = findByUserCode(code);
            if (d != null && d.decision() != Decision.PENDING && d.decision() != Decision.DENIED && now() < d.expiresAt()) {
                // what a person sees after --auto-approve, or on reloading the page after approving
                return ApprovalPages.message(200, "Request approved", "You can close this window and return to your terminal.");
            }
            if (d == null || d.decision() != Decision.PENDING || now() >= d.expiresAt()) {
                return ApprovalPages.message(400, "Unknown or expired code",
                        "The code " + code + " does not match a sign-in request waiting for approval.");
            }
            Client c = state.clients.get(d.clientId());
            return ApprovalPages.device(d.userCode(), c == null ? "unknown client" : c.clientName(), d.startUrl(), org.users());
        }
    }

    /** POST /device: the Approve or Deny button of the verification page. */
    ApiResponse deviceDecision(ApiRequest req) {
        Map<String, String> form = req.form();
        String code = form.getOrDefault("user_code", "");
        boolean approve = "approve".equals(form.get("decision"));
        try {
            decide(code, approve, form.get("user"));
        } catch (IllegalArgumentException e) {
            return ApprovalPages.message(400, "Cannot complete the request", e.getMessage());
        }
        return approve
                ? ApprovalPages.message(200, "Request approved", "You can close this window and return to your terminal.")
                : ApprovalPages.message(200, "Request denied", "The application will not get access. You can close this window.");
    }

    /** Approves or denies a pending device authorization; {@code user} null means the org's first user. */
    void decide(String userCode, boolean approve, String user) {
        synchronized (state) {
            DeviceAuthorization d = findByUserCode(userCode == null ? "" : userCode);
            if (d == null || d.decision() != Decision.PENDING || now() >= d.expiresAt()) {
                throw new IllegalArgumentException("no device authorization with user code '" + userCode + "' is waiting for approval");
            }
            String who = user == null || user.isBlank() ? org.defaultUser().name() : user;
            if (org.user(who).isEmpty()) {
                throw new IllegalArgumentException("no user named '" + who + "' in the org");
            }
            state.deviceAuthorizations.put(d.deviceCode(), d.decided(approve ? Decision.APPROVED : Decision.DENIED, who));
        }
    }

    /** GET /authorize: the PKCE authorization endpoint, with the query parameters the AWS CLI sends. */
    ApiResponse authorize(ApiRequest req) {
        Map<String, String> q = req.query();
        String redirectUri = q.get("redirect_uri");
        String oauthState = q.get("state");
        AuthorizationRequest pending;
        synchronized (state) {
            Client c = state.clients.get(q.getOrDefault("client_id", ""));
            // client and redirect URI are checked before anything is sent to the redirect URI
            if (c == null || now() / 1000 >= c.expiresAt()) {
                return ApprovalPages.message(400, "Invalid client", "The client_id is unknown or its registration has expired.");
            }
            if (!c.allows(GRANT_AUTHORIZATION_CODE)) {
                return ApprovalPages.message(400, "Invalid client", "The client is not registered for the authorization_code grant.");
            }
            if (redirectUri == null || c.redirectUris().stream().noneMatch(r -> redirectMatches(r, redirectUri))) {
                return ApprovalPages.message(400, "Invalid redirect URI", "The redirect_uri is not one the client registered.");
            }
            if (!"code".equals(q.get("response_type"))) {
                return redirectError(redirectUri, oauthState, "unsupported_response_type", "response_type must be code");
            }
            String challenge = q.get("code_challenge");
            if (challenge == null || challenge.isBlank() || !"S256".equals(q.get("code_challenge_method"))) {
                return redirectError(redirectUri, oauthState, "invalid_request", "a code_challenge with code_challenge_method S256 is required");
            }
            List<String> scopes = new ArrayList<>();
            for (String s : q.getOrDefault("scopes", q.getOrDefault("scope", "")).split("[ ,]+")) {
                if (!s.isBlank()) {
                    scopes.add(s);
                }
            }
            if (!c.scopes().containsAll(scopes)) {
                return redirectError(redirectUri, oauthState, "invalid_scope", "requested scopes were not registered by the client");
            }
            String startUrl = c.issuerUrl() != null ? c.issuerUrl() : org.instances().get(0).startUrl();
            pending = new AuthorizationRequest(Ids.opaque("", 18), c.clientId(), redirectUri, oauthState, challenge,
                    scopes.isEmpty() ? c.scopes() : scopes, startUrl, now() + BROWSER_REQUEST_TTL_MILLIS);
            if (options.autoApprove()) {
                return redirectWithCode(pending, org.defaultUser().name());
            }
            state.authorizationRequests.put(pending.id(), pending);
            return ApprovalPages.authorize(pending.id(), c.clientName(), startUrl, org.users());
        }
    }

    /** POST /authorize: the Approve or Deny button of the authorization page. */
    ApiResponse authorizeDecision(ApiRequest req) {
        Map<String, String> form = req.form();
        synchronized (state) {
            AuthorizationRequest a = state.authorizationRequests.remove(form.getOrDefault("request_id", ""));
            if (a == null || now() >= a.expiresAt()) {
                return ApprovalPages.message(400, "Request expired", "This sign-in request has expired or was already answered.");
            }
            if (!"approve".equals(form.get("decision"))) {
                return redirectError(a.redirectUri(), a.state(), "access_denied", "The user denied the request");
            }
            String user = form.get("user");
            if (user == null || user.isBlank() || org.user(user).isEmpty()) {
                user = org.defaultUser().name();
            }
            return redirectWithCode(a, user);
        }
    }

    private ApiResponse redirectWithCode(AuthorizationRequest a, String user) {
        AuthorizationCode code = new AuthorizationCode(Ids.opaque("", 32), a.clientId(), a.redirectUri(), a.codeChallenge(),
                a.scopes(), user, a.startUrl(), now() + CODE_TTL_MILLIS);
        state.authorizationCodes.put(code.code(), code);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code.code());
        if (a.state() != null) {
            params.put("state", a.state());
        }
        return ApiResponse.redirect(withQuery(a.redirectUri(), params));
    }

    private static ApiResponse redirectError(String redirectUri, String state, String error, String description) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        if (state != null) {
            params.put("state", state);
        }
        return ApiResponse.redirect(withQuery(redirectUri, params));
    }

    /**
     * RFC 8252 7.3: for loopback IP redirect URIs the port is chosen at run time, so it is not
     * compared; everything else must match exactly.
     */
    static boolean redirectMatches(String registered, String actual) {
        if (registered.equals(actual)) {
            return true;
        }
        URI r = parseUri(registered);
        URI a = parseUri(actual);
        if (r == null || a == null || r.getHost() == null || a.getHost() == null) {
            return false;
        }
        boolean loopback = r.getHost().equals("127.0.0.1") || r.getHost().equals("[::1]") || r.getHost().equals("::1");
        return loopback && "http".equals(r.getScheme()) && r.getScheme().equals(a.getScheme()) && r.getHost().equals(a.getHost())
                && Objects.equals(r.getRawPath(), a.getRawPath()) && Objects.equals(r.getRawQuery(), a.getRawQuery());
    }

    private static String withQuery(String uri, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(uri);
        char sep = uri.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return sb.toString();
    }

    static String s256(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Ids.sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    // ---- helpers --------------------------------------------------------------------------

    /** Caller holds the state monitor. */
    private DeviceAuthorization findByUserCode(String userCode) {
        String want = userCode.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
        for (DeviceAuthorization d : state.deviceAuthorizations.values()) {
            if (d.userCode().replace("-", "").equals(want)) {
                return d;
            }
        }
        return null;
    }

    /** The registered client with this id and secret, or InvalidClientException. Caller holds the monitor. */
    private Client client(String id, String secret) {
        Client c = id == null ? null : state.clients.get(id);
        if (c == null || secret == null || !MessageDigest.isEqual(c.clientSecret().getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(401, "InvalidClientException", "invalid_client", "Invalid client provided");
        }
        if (now() / 1000 >= c.expiresAt()) {
            throw new ApiError(401, "InvalidClientException", "invalid_client", "Client registration has expired");
        }
        return c;
    }

    private static JsonNode json(ApiRequest req) {
        try {
            JsonNode n = req.json();
            if (!n.isObject()) {
                throw invalidRequest("The request body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw invalidRequest("The request body is not valid JSON");
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw invalidRequest(field + " must be a string");
        }
        return v.asText();
    }

    private static List<String> list(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw invalidRequest(field + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        v.forEach(x -> out.add(x.asText()));
        return List.copyOf(out);
    }

    private static URI parseUri(String s) {
        try {
            return new URI(s);
        } catch (Exception e) {
            return null;
        }
    }

    private static ApiError invalidRequest(String message) {
        return new ApiError(400, "InvalidRequestException", "invalid_request", message);
    }

    private static ApiError invalidGrant(String message) {
        return new ApiError(400, "InvalidGrantException", "invalid_grant", message);
    }
}
