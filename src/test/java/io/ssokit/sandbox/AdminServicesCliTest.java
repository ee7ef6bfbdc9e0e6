package io.ssokit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ssokit.credentials.Credentials;
import io.ssokit.testing.Proc;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin services (sso-admin, identitystore, organizations) driven by the AWS CLI v2 as an
 * independent client with sandbox-issued credentials: the wire shapes, the pagination its
 * paginators follow, the target prefixes and signing names are the real ones.
 */
class AdminServicesCliTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Sandbox sandbox;
    static Org org;
    static Credentials credentials;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.builder().org(AdminTestOrg.org()).autoApprove(true).build());
        org = sandbox.org();
        credentials = AdminTestOrg.credentials(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static JsonNode aws(String... args) throws Exception {
        Proc.Result r = run(credentials, args);
        assertEquals(0, r.exit(), r::toString);
        return JSON.readTree(r.stdout());
    }

    static Proc.Result run(Credentials c, String... args) throws Exception {
        List<String> keys = c == null ? List.of() : List.of(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
        return SandboxTesting.awsCli(dir, sandbox, AdminTestOrg.REGION, keys, args);
    }

    @Test
    void ssoAdminInstancesAndPermissionSets() throws Exception {
        JsonNode instances = aws("sso-admin", "list-instances");
        String arn = AdminTestOrg.instanceArn(org);
        assertTrue(arn.matches("arn:aws:sso:::instance/ssoins-[0-9a-f]{16}"), arn);
        assertEquals(arn, instances.at("/Instances/0/InstanceArn").asText());
        assertEquals(AdminTestOrg.identityStoreId(org), instances.at("/Instances/0/IdentityStoreId").asText());
        assertTrue(AdminTestOrg.identityStoreId(org).matches("d-[0-9a-f]{10}"));

        // the CLI's paginator follows NextToken through pages of one
        JsonNode sets = aws("sso-admin", "list-permission-sets", "--instance-arn", arn, "--page-size", "1");
        List<String> arns = new ArrayList<>();
        sets.get("PermissionSets").forEach(n -> arns.add(n.asText()));
        assertEquals(List.of("AdministratorAccess", "ReadOnly", "Developer", "Unused").stream()
                .map(n -> AdminTestOrg.permissionSetArn(org, n)).toList(), arns);
        assertTrue(arns.get(0).matches("arn:aws:sso:::permissionSet/ssoins-[0-9a-f]{16}/ps-[0-9a-f]{16}"), arns.get(0));
        assertTrue(sandbox.stats().count("sso-admin:ListPermissionSets") >= 4, "one call per page");

        JsonNode dev = aws("sso-admin", "describe-permission-set", "--instance-arn", arn, "--permission-set-arn", arns.get(2));
        assertEquals("Developer", dev.at("/PermissionSet/Name").asText());
        assertEquals("Build things", dev.at("/PermissionSet/Description").asText());
        assertEquals("PT8H", dev.at("/PermissionSet/SessionDuration").asText());
        assertEquals(arns.get(2), dev.at("/PermissionSet/PermissionSetArn").asText());
        assertTrue(dev.at("/PermissionSet/CreatedDate").asText().startsWith("2020-07-20"), dev.toString());
        JsonNode admin = aws("sso-admin", "describe-permission-set", "--instance-arn", arn, "--permission-set-arn", arns.get(0));
        assertEquals("PT1H", admin.at("/PermissionSet/SessionDuration").asText());
        assertTrue(admin.at("/PermissionSet/Description").isMissingNode());

        JsonNode provisioned = aws("sso-admin", "list-permission-sets-provisioned-to-account", "--instance-arn", arn,
                "--account-id", "222222222222");
        assertEquals(List.of(AdminTestOrg.permissionSetArn(org, "Developer"), AdminTestOrg.permissionSetArn(org, "ReadOnly")),
                List.of(provisioned.at("/PermissionSets/0").asText(), provisioned.at("/PermissionSets/1").asText()));
        assertEquals(2, provisioned.get("PermissionSets").size());

        JsonNode assignments = aws("sso-admin", "list-account-assignments", "--instance-arn", arn, "--account-id", "222222222222",
                "--permission-set-arn", AdminTestOrg.permissionSetArn(org, "ReadOnly"));
        JsonNode a = assignments.at("/AccountAssignments/0");
        assertEquals(1, assignments.get("AccountAssignments").size(), assignments.toString());
        assertEquals("GROUP", a.get("PrincipalType").asText());
        assertEquals(AdminTestOrg.groupId(org, "Readers"), a.get("PrincipalId").asText());
        assertEquals("222222222222", a.get("AccountId").asText());
    }

    @Test
    void ssoAdminErrorsHaveTheModelledNames() throws Exception {
        String arn = AdminTestOrg.instanceArn(org);
        Proc.Result missing = run(credentials, "sso-admin", "describe-permission-set", "--instance-arn", arn,
                "--permission-set-arn", arn.replace("instance/", "permissionSet/") + "/ps-0000000000000000");
        assertEquals(254, missing.exit(), missing::toString);
        assertTrue(missing.stderr().contains("(ResourceNotFoundException)"), missing.stderr());
        Proc.Result invalid = run(credentials, "sso-admin", "list-permission-sets", "--instance-arn", "arn:aws:sso:::instance/nope");
        assertNotEquals(0, invalid.exit());
        assertTrue(invalid.stderr().contains("(ValidationException)"), invalid.stderr());
    }

    @Test
    void identityStoreUsersAndGroups() throws Exception {
        String store = AdminTestOrg.identityStoreId(org);
        String bob = AdminTestOrg.userId(org, "bob");
        assertTrue(bob.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), bob);
        JsonNode user = aws("identitystore", "describe-user", "--identity-store-id", store, "--user-id", bob);
        assertEquals("bob", user.get("UserName").asText());
        assertEquals(bob, user.get("UserId").asText());
        assertEquals("bob@example.com", user.at("/Emails/0/Value").asText());
        assertEquals(store, user.get("IdentityStoreId").asText());

        JsonNode group = aws("identitystore", "get-group-id", "--identity-store-id", store, "--alternate-identifier",
                "{\"UniqueAttribute\":{\"AttributePath\":\"displayName\",\"AttributeValue\":\"Readers\"}}");
        assertEquals(AdminTestOrg.groupId(org, "Readers"), group.get("GroupId").asText());
        JsonNode userId = aws("identitystore", "get-user-id", "--identity-store-id", store, "--alternate-identifier",
                "{\"UniqueAttribute\":{\"AttributePath\":\"userName\",\"AttributeValue\":\"alice\"}}");
        assertEquals(AdminTestOrg.userId(org, "alice"), userId.get("UserId").asText());

        Proc.Result none = run(credentials, "identitystore", "get-group-id", "--identity-store-id", store, "--alternate-identifier",
                "{\"UniqueAttribute\":{\"AttributePath\":\"displayName\",\"AttributeValue\":\"Nobody\"}}");
        assertEquals(254, none.exit(), none::toString);
        assertTrue(none.stderr().contains("(ResourceNotFoundException)"), none.stderr());
    }

    @Test
    void organizationsAccountsAndTree() throws Exception {
        JsonNode o = aws("organizations", "describe-organization");
        assertEquals("111111111111", o.at("/Organization/MasterAccountId").asText());
        assertTrue(o.at("/Organization/Id").asText().matches("o-[0-9a-f]{10}"), o.toString());
        assertEquals("ALL", o.at("/Organization/FeatureSet").asText());

        JsonNode accounts = aws("organizations", "list-accounts", "--page-size", "2");
        assertEquals(5, accounts.get("Accounts").size());
        assertEquals("Prod Data", accounts.at("/Accounts/3/Name").asText());
        assertEquals("SUSPENDED", accounts.at("/Accounts/3/Status").asText());
        assertEquals("ACTIVE", accounts.at("/Accounts/0/Status").asText());
        assertTrue(accounts.at("/Accounts/1/Arn").asText().matches("arn:aws:organizations::111111111111:account/o-[0-9a-f]{10}/222222222222"));

        String root = aws("organizations", "list-roots").at("/Roots/0/Id").asText();
        assertEquals(org.rootId(), root);
        assertTrue(root.matches("r-[0-9a-z]{4}"), root);
        JsonNode underRoot = aws("organizations", "list-accounts-for-parent", "--parent-id", root);
        assertEquals(1, underRoot.get("Accounts").size(), "only the management account is not placed in an OU");
        assertEquals("111111111111", underRoot.at("/Accounts/0/Id").asText());
        JsonNode ous = aws("organizations", "list-organizational-units-for-parent", "--parent-id", root);
        assertEquals("Workloads", ous.at("/OrganizationalUnits/0/Name").asText());
        assertEquals("Sandboxes", ous.at("/OrganizationalUnits/1/Name").asText());
        String workloads = ous.at("/OrganizationalUnits/0/Id").asText();
        assertTrue(workloads.matches("ou-" + root.substring(2) + "-[0-9a-f]{8}"), workloads);
        String prod = aws("organizations", "list-organizational-units-for-parent", "--parent-id", workloads)
                .at("/OrganizationalUnits/0/Id").asText();
        JsonNode inProd = aws("organizations", "list-accounts-for-parent", "--parent-id", prod);
        assertEquals(List.of("333333333333", "444444444444"),
                List.of(inProd.at("/Accounts/0/Id").asText(), inProd.at("/Accounts/1/Id").asText()));

        Proc.Result noParent = run(credentials, "organizations", "list-accounts-for-parent", "--parent-id", "ou-zzzz-zzzzzzzz");
        assertTrue(noParent.stderr().contains("(ParentNotFoundException)"), noParent.stderr());
        Proc.Result noAccount = run(credentials, "organizations", "describe-account", "--account-id", "999999999999");
        assertTrue(noAccount.stderr().contains("(AccountNotFoundException)"), noAccount.stderr());
    }

    @Test
    void unsignedAndBadlySignedRequestsAreRefused() throws Exception {
        Proc.Result unsigned = run(null, "sso-admin", "list-instances", "--no-sign-request");
        assertNotEquals(0, unsigned.exit());
        assertTrue(unsigned.stderr().contains("MissingAuthenticationTokenException"), unsigned.stderr());

        Credentials forged = new Credentials(credentials.accessKeyId(), credentials.secretAccessKey() + "x",
                credentials.sessionToken(), null, null);
        Proc.Result bad = run(forged, "organizations", "list-accounts");
        assertTrue(bad.stderr().contains("(InvalidSignatureException)"), bad.stderr());
        Credentials unknown = new Credentials("ASIAUNKNOWNUNKNOWN00", credentials.secretAccessKey(), credentials.sessionToken(), null, null);
        Proc.Result notIssued = run(unknown, "identitystore", "describe-user", "--identity-store-id",
                AdminTestOrg.identityStoreId(org), "--user-id", AdminTestOrg.userId(org, "bob"));
        assertTrue(notIssued.stderr().contains("(UnrecognizedClientException)"), notIssued.stderr());
        assertFalse(bad.stderr().contains(credentials.secretAccessKey()));

        // the raw wire: an unsigned JSON 1.1 request gets the JSON 1.1 error body and content type
        HttpResponse<String> raw = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(sandbox.endpoint())
                .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", "AWSOrganizationsV20161128.ListAccounts")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, raw.statusCode(), raw.body());
        assertEquals("application/x-amz-json-1.1", raw.headers().firstValue("Content-Type").orElseThrow());
        JsonNode body = JSON.readTree(raw.body());
        assertEquals("MissingAuthenticationTokenException", body.get("__type").asText());
        assertEquals("Request is missing Authentication Token", body.get("message").asText());
    }

    static HttpResponse<String> raw(Sandbox sb, String target) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(sb.endpoint())
                .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", target)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachServiceThrottlesWithItsOwnErrorName() throws Exception {
        // one token, refilled once in hours: the first request passes, every later one is throttled
        try (Sandbox sb = Sandbox.start(SandboxOptions.builder().org(AdminTestOrg.org()).throttleRps(0.0001).build())) {
            assertEquals("MissingAuthenticationTokenException",
                    JSON.readTree(raw(sb, "SWBExternalService.ListInstances").body()).get("__type").asText());
            assertEquals("TooManyRequestsException",
                    JSON.readTree(raw(sb, "AWSOrganizationsV20161128.ListAccounts").body()).get("__type").asText());
            assertEquals("ThrottlingException", JSON.readTree(raw(sb, "SWBExternalService.ListInstances").body()).get("__type").asText());
            assertEquals("ThrottlingException", JSON.readTree(raw(sb, "AWSIdentityStore.DescribeUser").body()).get("__type").asText());
            assertEquals(3, sb.stats().throttled());
        }
    }
}
