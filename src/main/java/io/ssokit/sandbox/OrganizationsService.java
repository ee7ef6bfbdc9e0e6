package io.ssokit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ssokit.sandbox.SandboxState.IssuedCredentials;
import java.util.regex.Pattern;

/**
 * organizations (JSON 1.1, target prefix {@code AWSOrganizationsV20161128}, signed for
 * us-east-1): DescribeOrganization, ListRoots, ListAccounts, DescribeAccount,
 * ListAccountsForParent and ListOrganizationalUnitsForParent, shaped as the botocore model of
 * 2016-11-28 (pages of at most 20).
 */
final class OrganizationsService extends AdminService {
    static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    static final Pattern PARENT_ID = Pattern.compile("(r-[0-9a-z]{4,32})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})");
    static final int MAX_RESULTS = 20;
    /** When the sandbox's accounts joined: 2016-11-28, the API's date. */
    static final long JOINED = 1480291200L;

    OrganizationsService(SandboxState state, SandboxOptions options, AdminModel model) {
        super(state, options, model, "organizations");
    }

    @Override
    ApiResponse answer(String operation, JsonNode body, IssuedCredentials caller) {
        ObjectNode out = object();
        Org org = model.org();
        String orgId = model.organizationId();
        String management = org.managementAccount();
        switch (operation) {
            case "DescribeOrganization" -> out.putObject("Organization")
                    .put("Id", orgId)
                    .put("Arn", "arn:aws:organizations::" + management + ":organization/" + orgId)
                    .put("FeatureSet", "ALL")
                    .put("MasterAccountArn", "arn:aws:organizations::" + management + ":account/" + orgId + "/" + management)
                    .put("MasterAccountId", management)
                    .put("MasterAccountEmail", org.account(management).orElseThrow().email())
                    .putArray("AvailablePolicyTypes");
            case "ListRoots" -> page(operation, body, java.util.List.of(org.rootId()), MAX_RESULTS, out, "Roots",
                    (a, r) -> a.addObject().put("Id", r).put("Arn", "arn:aws:organizations::" + management + ":root/" + orgId + "/" + r)
                            .put("Name", "Root").putArray("PolicyTypes"));
            case "ListAccounts" -> page(operation, body, org.accounts(), MAX_RESULTS, out, "Accounts", this::account);
            case "DescribeAccount" -> {
                String id = required(body, "AccountId", ACCOUNT_ID);
                Org.Account a = org.account(id).orElseThrow(() -> new ApiError(400, "AccountNotFoundException",
                        "You specified an account that doesn't exist."));
                ObjectNode holder = object();
                account(holder.putArray("x"), a);
                out.set("Account", holder.get("x").get(0));
            }
            case "ListAccountsForParent" -> page(operation, body, model.accountsFor(parent(body)), MAX_RESULTS, out, "Accounts",
                    this::account);
            case "ListOrganizationalUnitsForParent" -> page(operation, body, model.unitsFor(parent(body)), MAX_RESULTS, out,
                    "OrganizationalUnits", (a, u) -> a.addObject().put("Id", u.id())
                            .put("Arn", "arn:aws:organizations::" + management + ":ou/" + orgId + "/" + u.id()).put("Name", u.name()));
            default -> throw unknownOperation(operation);
        }
        return ok(out);
    }

    /** Organizations names its throttling error TooManyRequestsException (the others: ThrottlingException). */
    @Override
    public ApiError throttled() {
        return new ApiError(400, "TooManyRequestsException", "You have sent too many requests in too short a period of time."
                + " The quota helps protect against denial-of-service attacks. Try again later.");
    }

    private String parent(JsonNode body) {
        String id = required(body, "ParentId", PARENT_ID);
        if (!model.isParent(id)) {
            throw new ApiError(400, "ParentNotFoundException", "We can't find a root or OU with the ParentId that you specified.");
        }
        return id;
    }

    private void account(ArrayNode list, Org.Account a) {
        String orgId = model.organizationId();
        String management = model.org().managementAccount();
        list.addObject().put("Id", a.id())
                .put("Arn", "arn:aws:organizations::" + management + ":account/" + orgId + "/" + a.id())
                .put("Email", a.email())
                .put("Name", a.name())
                .put("Status", a.status())
                .put("JoinedMethod", a.id().equals(management) ? "INVITED" : "CREATED")
                .put("JoinedTimestamp", (double) JOINED);
    }

    /** organizations' InvalidInputException carries a Reason member; the message names it too. */
    @Override
    ApiError invalid(String reason, String message) {
        return new ApiError(400, "InvalidInputException", message + (reason == null ? "" : " (" + reason + ")"));
    }
}
