package io.ssokit.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ssokit.sandbox.SandboxState.AccessToken;
import io.ssokit.sandbox.SandboxState.IssuedCredentials;
import io.ssokit.sandbox.SandboxState.Kind;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SSO portal (rest-json, model sso 2019-06-10): ListAccounts, ListAccountRoles,
 * GetRoleCredentials and Logout, authenticated by the {@code x-amz-sso_bearer_token} header and
 * paginated by the {@code next_token}/{@code max_result} query parameters.
 *
 * <p>Access errors: an unknown, expired or logged-out token is {@code UnauthorizedException}
 * (401, "Session token not found or invalid", AWS's wording). An account id that is not in the
 * organisation is {@code ResourceNotFoundException} (404); an account or role that exists but
 * is not assigned to the user is {@code ForbiddenException} (403, "No access"), which is what
 * the portal answers GetRoleCredentials for a role the user may not use.
 */
final class PortalService {
    static final int DEFAULT_PAGE_SIZE = 20;
    static final String BEARER_HEADER = "x-amz-sso_bearer_token";

    private final SandboxState state;
    private final Org org;
    private final SandboxOptions options;

    PortalService(SandboxState state, Org org, SandboxOptions options) {
        this.state = state;
        this.org = org;
        this.options = options;
    }

    ApiResponse listAccounts(ApiRequest req) {
        Map<String, String> q = req.query();
        Org.User user = user(req);
        List<Org.Account> accounts = org.accountsFor(user);
        Page page = page("accounts", q, accounts.size());
        ObjectNode out = ApiRequest.JSON.createObjectNode();
        ArrayNode list = out.putArray("accountList");
        for (Org.Account a : accounts.subList(page.from, page.to)) {
            list.addObject().put("accountId", a.id()).put("accountName", a.name()).put("emailAddress", a.email());
        }
        page.next(out);
        return ApiResponse.json(200, out);
    }

    ApiResponse listAccountRoles(ApiRequest req) {
        Map<String, String> q = req.query();
        Org.User user = user(req);
        Org.Account account = account(user, q.get("account_id"));
        List<String> roles = org.rolesFor(user, account);
        Page page = page("roles:" + account.id(), q, roles.size());
        ObjectNode out = ApiRequest.JSON.createObjectNode();
        ArrayNode list = out.putArray("roleList");
        for (String r : roles.subList(page.from, page.to)) {
            list.addObject().put("roleName", r).put("accountId", account.id());
        }
        page.next(out);
        return ApiResponse.json(200, out);
    }

    ApiResponse getRoleCredentials(ApiRequest req) {
        Map<String, String> q = req.query();
        Org.User user = user(req);
        String roleName = q.get("role_name");
        if (roleName == null || roleName.isEmpty()) {
            throw new ApiError(400, "InvalidRequestException", "role_name is required");
        }
        Org.Account account = account(user, q.get("account_id"));
        if (!org.rolesFor(user, account).contains(roleName)) {
            throw forbidden();
        }
        IssuedCredentials c = new IssuedCredentials(Ids.temporaryAccessKeyId(), Ids.secretAccessKey(), Ids.sessionToken(),
                options.clock().millis() + options.credentialsTtl().toMillis(), Kind.SSO, account.id(), roleName,
                user.name(), null);
        synchronized (state) {
            state.credentials.put(c.accessKeyId(), c);
        }
        ObjectNode out = ApiRequest.JSON.createObjectNode();
        out.putObject("roleCredentials")
                .put("accessKeyId", c.accessKeyId())
                .put("secretAccessKey", c.secretAccessKey())
                .put("sessionToken", c.sessionToken())
                .put("expiration", c.expiresAt());
        return ApiResponse.json(200, out);
    }

    /** Ends the sign-in session: its access tokens and refresh tokens stop working; issued role credentials do not. */
    ApiResponse logout(ApiRequest req) {
        synchronized (state) {
            AccessToken t = token(req);
            state.accessTokens.values().removeIf(a -> a.sessionId().equals(t.sessionId()));
            state.refreshTokens.values().removeIf(r -> r.sessionId().equals(t.sessionId()));
        }
        return ApiResponse.empty();
    }

    private Org.User user(ApiRequest req) {
        AccessToken t;
        synchronized (state) {
            t = token(req);
        }
        Optional<Org.User> u = org.user(t.user());
        if (u.isEmpty()) {
            // the token was issued under another org (a reloaded --state-dir): treat it as a stale session
            throw unauthorized();
        }
        return u.get();
    }

    /** Caller holds the state monitor. */
    private AccessToken token(ApiRequest req) {
        String bearer = req.header(BEARER_HEADER);
        AccessToken t = bearer == null ? null : state.accessTokens.get(bearer);
        if (t == null || options.clock().millis() >= t.expiresAt()) {
            throw unauthorized();
        }
        return t;
    }

    private Org.Account account(Org.User user, String accountId) {
        if (accountId == null || accountId.isEmpty()) {
            throw new ApiError(400, "InvalidRequestException", "account_id is required");
        }
        if (!Org.ACCOUNT_ID.matcher(accountId).matches()) {
            throw new ApiError(400, "InvalidRequestException", "Invalid account id: " + accountId);
        }
        Org.Account a = org.account(accountId).orElseThrow(
                () -> new ApiError(404, "ResourceNotFoundException", "Account " + accountId + " not found"));
        if (org.rolesFor(user, a).isEmpty()) {
            throw forbidden();
        }
        return a;
    }

    /** A window [from, to) of a list and the token for the next one; tokens name their listing. */
    private static final class Page {
        final String kind;
        final int from;
        final int to;
        final int size;

        Page(String kind, int from, int to, int size) {
            this.kind = kind;
            this.from = from;
            this.to = to;
            this.size = size;
        }

        void next(ObjectNode out) {
            if (to < size) {
                out.put("nextToken", Base64.getUrlEncoder().withoutPadding()
                        .encodeToString((kind + "/" + to).getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private static Page page(String kind, Map<String, String> q, int size) {
        int max = DEFAULT_PAGE_SIZE;
        String m = q.get("max_result");
        if (m != null) {
            try {
                max = Integer.parseInt(m);
            } catch (NumberFormatException e) {
                throw new ApiError(400, "InvalidRequestException", "max_result must be an integer: " + m);
            }
            if (max < 1 || max > 100) {
                throw new ApiError(400, "InvalidRequestException", "1 validation error detected: Value '" + max
                        + "' at 'maxResults' failed to satisfy constraint: Member must have value "
                        + (max < 1 ? "greater than or equal to 1" : "less than or equal to 100"));
            }
        }
        int from = 0;
        String token = q.get("next_token");
        if (token != null && !token.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "InvalidRequestException", "Invalid next token");
            }
            int slash = decoded.lastIndexOf('/');
            if (slash < 0 || !decoded.substring(0, slash).equals(kind)) {
                throw new ApiError(400, "InvalidRequestException", "Invalid next token");
            }
            try {
                from = Integer.parseInt(decoded.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new ApiError(400, "InvalidRequestException", "Invalid next token");
            }
            if (from < 0 || from > size) {
                throw new ApiError(400, "InvalidRequestException", "Invalid next token");
            }
        }
        return new Page(kind, from, Math.min(size, from + max), size);
    }

    private static ApiError unauthorized() {
        return new ApiError(401, "UnauthorizedException", "Session token not found or invalid");
    }

    private static ApiError forbidden() {
        return new ApiError(403, "ForbiddenException", "No access");
    }
}
