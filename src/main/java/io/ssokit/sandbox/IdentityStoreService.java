package io.ssokit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ssokit.sandbox.SandboxState.IssuedCredentials;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * identitystore (JSON 1.1, target prefix {@code AWSIdentityStore}): DescribeUser, DescribeGroup,
 * GetUserId and GetGroupId (by the unique attributes {@code userName} / {@code displayName}),
 * shaped as the botocore model of 2020-06-15.
 */
final class IdentityStoreService extends AdminService {
    static final Pattern STORE_ID = Pattern.compile(
            "d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final Pattern RESOURCE_ID = Org.PRINCIPAL_ID;

    IdentityStoreService(SandboxState state, SandboxOptions options, AdminModel model) {
        super(state, options, model, "identitystore");
    }

    @Override
    ApiResponse answer(String operation, JsonNode body, IssuedCredentials caller) {
        ObjectNode out = object();
        switch (operation) {
            case "DescribeUser" -> {
                String store = store(body);
                String id = required(body, "UserId", RESOURCE_ID);
                Org.User u = model.user(id).orElseThrow(() -> notFound("USER", id, "USER not found."));
                out.put("UserName", u.name()).put("UserId", u.id());
                out.putObject("Name").put("Formatted", u.name()).put("FamilyName", u.name()).put("GivenName", u.name());
                out.put("DisplayName", u.name());
                out.putArray("Emails").addObject().put("Value", u.email()).put("Type", "work").put("Primary", true);
                out.put("IdentityStoreId", store);
            }
            case "DescribeGroup" -> {
                String store = store(body);
                String id = required(body, "GroupId", RESOURCE_ID);
                Org.Group g = model.group(id).orElseThrow(() -> notFound("GROUP", id, "GROUP not found."));
                out.put("GroupId", g.id()).put("DisplayName", g.name()).put("IdentityStoreId", store);
            }
            case "GetUserId" -> {
                String store = store(body);
                String name = uniqueAttribute(body, "userName");
                Optional<Org.User> u = model.org().users().stream().filter(x -> x.name().equals(name)).findFirst();
                out.put("UserId", u.orElseThrow(() -> notFound("USER", null, "USER not found.")).id()).put("IdentityStoreId", store);
            }
            case "GetGroupId" -> {
                String store = store(body);
                String name = uniqueAttribute(body, "displayName");
                Optional<Org.Group> g = model.org().groups().stream().filter(x -> x.name().equals(name)).findFirst();
                out.put("GroupId", g.orElseThrow(() -> notFound("GROUP", null, "GROUP not found.")).id()).put("IdentityStoreId", store);
            }
            default -> throw unknownOperation(operation);
        }
        return ok(out);
    }

    private String store(JsonNode body) {
        String id = required(body, "IdentityStoreId", STORE_ID);
        if (model.instanceOfStore(id).isEmpty()) {
            throw notFound("IDENTITY_STORE", id, "IDENTITY_STORE not found.");
        }
        return id;
    }

    /** The value of {@code AlternateIdentifier.UniqueAttribute} for the one attribute path this store indexes. */
    private String uniqueAttribute(JsonNode body, String path) {
        JsonNode alt = body.get("AlternateIdentifier");
        if (alt == null || !alt.isObject()) {
            throw invalid(null, "1 validation error detected: Value null at 'alternateIdentifier' failed to satisfy constraint:"
                    + " Member must not be null");
        }
        JsonNode unique = alt.get("UniqueAttribute");
        if (unique == null || !unique.isObject()) {
            // an ExternalId: the sandbox's principals have none
            throw notFound(path.equals("userName") ? "USER" : "GROUP", null, "Resource not found.");
        }
        String attribute = required(unique, "AttributePath", null);
        JsonNode value = unique.get("AttributeValue");
        if (!attribute.equalsIgnoreCase(path)) {
            throw invalid(null, "Invalid AttributePath " + attribute + " (the sandbox indexes " + path + ")");
        }
        if (value == null || !value.isTextual()) {
            throw invalid(null, "AttributeValue must be a string for " + path);
        }
        return value.asText();
    }

    /** The model's ResourceNotFoundException names what is missing: ResourceType (USER, GROUP, IDENTITY_STORE) and ResourceId. */
    private static ApiError notFound(String type, String id, String message) {
        java.util.Map<String, String> members = new java.util.LinkedHashMap<>();
        members.put("ResourceType", type);
        if (id != null) {
            members.put("ResourceId", id);
        }
        return new ApiError(400, "ResourceNotFoundException", message, members);
    }

    @Override
    ApiError invalid(String reason, String message) {
        return new ApiError(400, "ValidationException", message);
    }
}
