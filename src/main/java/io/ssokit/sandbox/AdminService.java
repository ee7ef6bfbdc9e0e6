package io.ssokit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ssokit.sandbox.SandboxState.IssuedCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * What the three JSON 1.1 admin services (sso-admin, identitystore, organizations) share: the
 * SigV4 check (only credentials the sandbox issued), the JSON body, required members, and
 * {@code NextToken}/{@code MaxResults} pagination. Each service answers its operations in
 * {@link #answer} and names its own validation error ({@link #invalid}).
 */
abstract class AdminService implements Json11Services.Handler {
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]+");

    final SandboxState state;
    final SandboxOptions options;
    final AdminModel model;
    private final String signingName;

    AdminService(SandboxState state, SandboxOptions options, AdminModel model, String signingName) {
        this.state = state;
        this.options = options;
        this.model = model;
        this.signingName = signingName;
    }

    /** Registers the three services with the JSON 1.1 router. */
    static void registerAll(Json11Services json11, SandboxState state, Org org, SandboxOptions options) {
        AdminModel model = new AdminModel(org);
        json11.register("SWBExternalService", "sso-admin", new SsoAdminService(state, options, model));
        json11.register("AWSIdentityStore", "identitystore", new IdentityStoreService(state, options, model));
        json11.register("AWSOrganizationsV20161128", "organizations", new OrganizationsService(state, options, model));
    }

    @Override
    public final ApiResponse handle(String operation, ApiRequest request) {
        IssuedCredentials caller = Callers.json11(request, state, options.clock().instant(), signingName);
        JsonNode body;
        try {
            body = request.json();
        } catch (IOException e) {
            throw new ApiError(400, "SerializationException", "Start of structure or map found where not expected.");
        }
        if (!body.isObject()) {
            throw new ApiError(400, "SerializationException", "Start of structure or map found where not expected.");
        }
        return answer(operation, body, caller);
    }

    abstract ApiResponse answer(String operation, JsonNode body, IssuedCredentials caller);

    /** The service's error for a bad parameter; {@code reason} is organizations' InvalidInputException reason. */
    abstract ApiError invalid(String reason, String message);

    static ApiError unknownOperation(String operation) {
        return new ApiError(400, "UnknownOperationException", "The sandbox does not serve the operation " + operation);
    }

    static ApiResponse ok(ObjectNode body) {
        try {
            return ApiResponse.of(200, CONTENT_TYPE, ApiRequest.JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    static ObjectNode object() {
        return ApiRequest.JSON.createObjectNode();
    }

    /** A required string member matching {@code pattern} (null: any). */
    String required(JsonNode body, String member, Pattern pattern) {
        JsonNode v = body.get(member);
        if (v == null || v.isNull()) {
            throw invalid("INPUT_REQUIRED", "1 validation error detected: Value null at '" + camel(member)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        if (!v.isTextual()) {
            throw new ApiError(400, "SerializationException", "Unexpected value type in payload for " + member);
        }
        String s = v.asText();
        if (pattern != null && !pattern.matcher(s).matches()) {
            throw invalid("INVALID_PATTERN", "1 validation error detected: Value '" + s + "' at '" + camel(member)
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return s;
    }

    private static String camel(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }

    /**
     * One page of {@code all} into {@code out}: {@code MaxResults} (1..{@code max}, default
     * {@code max}) items from the offset {@code NextToken} carries, and the next token when more
     * remain. A token names its operation, so one operation's token is refused by another.
     */
    <T> void page(String operation, JsonNode body, List<T> all, int max, ObjectNode out, String listMember,
            BiConsumer<ArrayNode, T> add) {
        int size = max;
        JsonNode m = body.get("MaxResults");
        if (m != null && !m.isNull()) {
            if (!m.canConvertToInt()) {
                throw new ApiError(400, "SerializationException", "Unexpected value type in payload for MaxResults");
            }
            size = m.asInt();
            if (size < 1) {
                throw invalid("MIN_VALUE_EXCEEDED", "1 validation error detected: Value '" + size
                        + "' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1");
            }
            if (size > max) {
                throw invalid("MAX_VALUE_EXCEEDED", "1 validation error detected: Value '" + size
                        + "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to " + max);
            }
        }
        int from = 0;
        JsonNode t = body.get("NextToken");
        if (t != null && !t.isNull()) {
            from = offset(operation, t.asText());
            if (from < 0 || from > all.size()) {
                throw invalid("INVALID_PAGINATION_TOKEN", "The NextToken value is not valid.");
            }
        }
        ArrayNode items = out.putArray(listMember);
        int to = Math.min(all.size(), from + size);
        for (T item : all.subList(from, to)) {
            add.accept(items, item);
        }
        if (to < all.size()) {
            out.put("NextToken", token(operation, to));
        }
    }

    static String token(String operation, int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((operation + ":" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String operation, String token) {
        if (!TOKEN.matcher(token).matches()) {
            return -1;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            return s.startsWith(operation + ":") ? Integer.parseInt(s.substring(operation.length() + 1)) : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
