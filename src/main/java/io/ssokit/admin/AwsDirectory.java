package io.ssokit.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.aws.Json11Client;
import io.ssokit.aws.Json11Client.Api;
import io.ssokit.aws.Json11Client.Json11Exception;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@link Directory} over the real services (or the sandbox) through {@link Json11Client}:
 * sso-admin, identitystore and organizations, every list followed through {@code NextToken}.
 * "Not found" errors become empty Optionals; every other service error is an
 * {@link SsokitException} naming the service, the operation and AWS's code and message.
 */
public final class AwsDirectory implements Directory {
    /** The error codes that mean "no such thing" for a describe or get call. */
    private static final Set<String> NOT_FOUND = Set.of("ResourceNotFoundException", "AccountNotFoundException");

    private final Json11Client client;

    public AwsDirectory(Json11Client client) {
        this.client = client;
    }

    @Override
    public List<Instance> instances() {
        List<Instance> out = new ArrayList<>();
        pages(Api.SSO_ADMIN, "ListInstances", body(), "Instances",
                i -> out.add(new Instance(text(i, "InstanceArn"), text(i, "IdentityStoreId"))));
        return out;
    }

    @Override
    public List<String> permissionSets(String instanceArn) {
        List<String> out = new ArrayList<>();
        pages(Api.SSO_ADMIN, "ListPermissionSets", body().put("InstanceArn", instanceArn), "PermissionSets", p -> out.add(p.asText()));
        return out;
    }

    @Override
    public Optional<PermissionSet> permissionSet(String instanceArn, String permissionSetArn) {
        return find(Api.SSO_ADMIN, "DescribePermissionSet",
                body().put("InstanceArn", instanceArn).put("PermissionSetArn", permissionSetArn)).map(r -> {
                    JsonNode p = r.path("PermissionSet");
                    return new PermissionSet(text(p, "PermissionSetArn"), text(p, "Name"), text(p, "Description"),
                            text(p, "SessionDuration"));
                });
    }

    @Override
    public List<String> permissionSetsProvisionedToAccount(String instanceArn, String accountId) {
        List<String> out = new ArrayList<>();
        pages(Api.SSO_ADMIN, "ListPermissionSetsProvisionedToAccount",
                body().put("InstanceArn", instanceArn).put("AccountId", accountId), "PermissionSets", p -> out.add(p.asText()));
        return out;
    }

    @Override
    public List<Assignment> accountAssignments(String instanceArn, String accountId, String permissionSetArn) {
        List<Assignment> out = new ArrayList<>();
        pages(Api.SSO_ADMIN, "ListAccountAssignments", body().put("InstanceArn", instanceArn).put("AccountId", accountId)
                .put("PermissionSetArn", permissionSetArn), "AccountAssignments",
                a -> out.add(new Assignment(text(a, "AccountId"), text(a, "PermissionSetArn"),
                        PrincipalType.valueOf(text(a, "PrincipalType")), text(a, "PrincipalId"))));
        return out;
    }

    @Override
    public Optional<Principal> user(String identityStoreId, String userId) {
        return find(Api.IDENTITYSTORE, "DescribeUser", body().put("IdentityStoreId", identityStoreId).put("UserId", userId))
                .map(r -> new Principal(PrincipalType.USER, text(r, "UserId"), text(r, "UserName")));
    }

    @Override
    public Optional<Principal> group(String identityStoreId, String groupId) {
        return find(Api.IDENTITYSTORE, "DescribeGroup", body().put("IdentityStoreId", identityStoreId).put("GroupId", groupId))
                .map(r -> new Principal(PrincipalType.GROUP, text(r, "GroupId"), text(r, "DisplayName")));
    }

    @Override
    public Optional<Principal> userByName(String identityStoreId, String userName) {
        return find(Api.IDENTITYSTORE, "GetUserId", unique(identityStoreId, "userName", userName))
                .map(r -> new Principal(PrincipalType.USER, text(r, "UserId"), userName));
    }

    @Override
    public Optional<Principal> groupByName(String identityStoreId, String displayName) {
        return find(Api.IDENTITYSTORE, "GetGroupId", unique(identityStoreId, "displayName", displayName))
                .map(r -> new Principal(PrincipalType.GROUP, text(r, "GroupId"), displayName));
    }

    @Override
    public String managementAccountId() {
        return text(call(Api.ORGANIZATIONS, "DescribeOrganization", body()).path("Organization"), "MasterAccountId");
    }

    @Override
    public List<Account> accounts() {
        List<Account> out = new ArrayList<>();
        pages(Api.ORGANIZATIONS, "ListAccounts", body(), "Accounts", a -> out.add(account(a)));
        return out;
    }

    @Override
    public Optional<Account> account(String accountId) {
        return find(Api.ORGANIZATIONS, "DescribeAccount", body().put("AccountId", accountId)).map(r -> account(r.path("Account")));
    }

    @Override
    public List<Account> accountsForParent(String parentId) {
        List<Account> out = new ArrayList<>();
        pages(Api.ORGANIZATIONS, "ListAccountsForParent", body().put("ParentId", parentId), "Accounts", a -> out.add(account(a)));
        return out;
    }

    @Override
    public List<String> organizationalUnitsForParent(String parentId) {
        List<String> out = new ArrayList<>();
        pages(Api.ORGANIZATIONS, "ListOrganizationalUnitsForParent", body().put("ParentId", parentId), "OrganizationalUnits",
                u -> out.add(text(u, "Id")));
        return out;
    }

    private static Account account(JsonNode a) {
        return new Account(text(a, "Id"), text(a, "Name"), text(a, "Status"));
    }

    private static ObjectNode body() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static ObjectNode unique(String identityStoreId, String path, String value) {
        ObjectNode b = body().put("IdentityStoreId", identityStoreId);
        b.putObject("AlternateIdentifier").putObject("UniqueAttribute").put("AttributePath", path).put("AttributeValue", value);
        return b;
    }

    /** Every page of a list operation, each item of {@code member} handed on in order. */
    private void pages(Api api, String operation, ObjectNode request, String member, Consumer<JsonNode> each) {
        String next = null;
        do {
            ObjectNode body = request.deepCopy();
            if (next != null) {
                body.put("NextToken", next);
            }
            JsonNode page = call(api, operation, body);
            for (JsonNode item : page.path(member)) {
                each.accept(item);
            }
            next = text(page, "NextToken");
        } while (next != null && !next.isEmpty());
    }

    private Optional<JsonNode> find(Api api, String operation, ObjectNode body) {
        try {
            return Optional.of(client.call(api, operation, body));
        } catch (Json11Exception e) {
            // an identity store that does not exist is not a user that does not exist
            if (NOT_FOUND.contains(e.code()) && !"IDENTITY_STORE".equals(e.member("ResourceType"))) {
                return Optional.empty();
            }
            throw failed(api, operation, e);
        }
    }

    private JsonNode call(Api api, String operation, ObjectNode body) {
        try {
            return client.call(api, operation, body);
        } catch (Json11Exception e) {
            throw failed(api, operation, e);
        }
    }

    private static SsokitException failed(Api api, String operation, Json11Exception e) {
        return new SsokitException(ExitCodes.ERROR, api.label + " " + operation + " failed: " + Json11Client.describe(e), e);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
