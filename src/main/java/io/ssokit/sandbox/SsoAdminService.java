package io.ssokit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ssokit.sandbox.SandboxState.IssuedCredentials;
import java.util.List;
import java.util.regex.Pattern;

/**
 * sso-admin (JSON 1.1, target prefix {@code SWBExternalService}, signing name {@code sso}):
 * ListInstances, ListPermissionSets, DescribePermissionSet,
 * ListPermissionSetsProvisionedToAccount and ListAccountAssignments, read-only, shaped as the
 * botocore model of 2020-07-20. Every instance of the org has the same permission sets (each with
 * its own ARN) and the same assignments.
 */
final class SsoAdminService extends AdminService {
    static final Pattern INSTANCE_ARN = Pattern.compile("arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}");
    static final Pattern PERMISSION_SET_ARN = Pattern.compile(
            "arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso:::permissionSet/(sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}");
    static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    static final int MAX_RESULTS = 100;
    /** When the sandbox's permission sets were "created": 2020-07-20, the API's date. */
    static final long CREATED = 1595203200L;

    SsoAdminService(SandboxState state, SandboxOptions options, AdminModel model) {
        super(state, options, model, "sso");
    }

    @Override
    ApiResponse answer(String operation, JsonNode body, IssuedCredentials caller) {
        ObjectNode out = object();
        switch (operation) {
            case "ListInstances" -> page(operation, body, model.org().instances(), MAX_RESULTS, out, "Instances",
                    (a, i) -> a.addObject().put("InstanceArn", i.instanceArn()).put("IdentityStoreId", i.identityStoreId()));
            case "ListPermissionSets" -> {
                Org.Instance i = instance(body);
                page(operation, body, model.permissionSetNames(), MAX_RESULTS, out, "PermissionSets",
                        (a, n) -> a.add(AdminModel.permissionSetArn(i, n)));
            }
            case "DescribePermissionSet" -> {
                Org.Instance i = instance(body);
                String arn = required(body, "PermissionSetArn", PERMISSION_SET_ARN);
                String name = model.permissionSetName(i, arn).orElseThrow(() -> notFound(
                        "Could not find PermissionSet with PermissionSetArn " + arn + " in instance " + i.instanceArn()));
                Org.PermissionSet p = model.details(name);
                ObjectNode ps = out.putObject("PermissionSet");
                ps.put("Name", name).put("PermissionSetArn", arn);
                if (p.description() != null) {
                    ps.put("Description", p.description());
                }
                ps.put("CreatedDate", (double) CREATED).put("SessionDuration", p.sessionDuration());
            }
            case "ListPermissionSetsProvisionedToAccount" -> {
                Org.Instance i = instance(body);
                Org.Account account = account(body);
                JsonNode status = body.get("ProvisioningStatus");
                if (status != null && !status.isNull() && !List.of("LATEST_PERMISSION_SET_PROVISIONED",
                        "LATEST_PERMISSION_SET_NOT_PROVISIONED").contains(status.asText())) {
                    throw invalid(null, "1 validation error detected: Value '" + status.asText() + "' at 'provisioningStatus'"
                            + " failed to satisfy constraint: Member must satisfy enum value set:"
                            + " [LATEST_PERMISSION_SET_PROVISIONED, LATEST_PERMISSION_SET_NOT_PROVISIONED]");
                }
                // every provisioned permission set is at its latest version in the sandbox
                List<String> roles = status != null && status.asText().equals("LATEST_PERMISSION_SET_NOT_PROVISIONED")
                        ? List.of() : account.roles();
                page(operation, body, roles, MAX_RESULTS, out, "PermissionSets", (a, n) -> a.add(AdminModel.permissionSetArn(i, n)));
            }
            case "ListAccountAssignments" -> {
                Org.Instance i = instance(body);
                Org.Account account = account(body);
                String arn = required(body, "PermissionSetArn", PERMISSION_SET_ARN);
                String name = model.permissionSetName(i, arn).orElseThrow(() -> notFound(
                        "Could not find PermissionSet with PermissionSetArn " + arn + " in instance " + i.instanceArn()));
                page(operation, body, model.assignments(account, name), MAX_RESULTS, out, "AccountAssignments",
                        (a, p) -> a.addObject().put("AccountId", account.id()).put("PermissionSetArn", arn)
                                .put("PrincipalType", p.type()).put("PrincipalId", p.id()));
            }
            default -> throw unknownOperation(operation);
        }
        return ok(out);
    }

    private Org.Instance instance(JsonNode body) {
        String arn = required(body, "InstanceArn", INSTANCE_ARN);
        return model.instance(arn).orElseThrow(() -> new ApiError(400, "AccessDeniedException",
                "User is not authorized to perform this action on instance " + arn));
    }

    /** An account of the organisation; any other 12 digits is not found, as for an account outside the org. */
    private Org.Account account(JsonNode body) {
        String id = required(body, "AccountId", ACCOUNT_ID);
        return model.org().account(id).orElseThrow(() -> notFound("Account " + id + " is not a member of the organization"));
    }

    private static ApiError notFound(String message) {
        return new ApiError(400, "ResourceNotFoundException", message);
    }

    @Override
    ApiError invalid(String reason, String message) {
        return new ApiError(400, "ValidationException", message);
    }
}
