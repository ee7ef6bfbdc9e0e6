package io.ssokit.sandbox;

import io.ssokit.credentials.Credentials;
import java.time.Instant;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;

/**
 * The organisation of the admin tests (lookup, assignments, the admin services), and sandbox
 * credentials to call the admin APIs with: alice's AdministratorAccess in the management account.
 */
public final class AdminTestOrg {
    public static final String YAML = """
            instances:
              - startUrl: https://admin-test.awsapps.com/start
                region: eu-west-1
            managementAccount: "111111111111"
            accounts:
              - {id: "111111111111", name: Management, roles: [AdministratorAccess, ReadOnly]}
              - {id: "222222222222", name: Dev Team, roles: [Developer, ReadOnly]}
              - {id: "333333333333", name: Prod Web, roles: [Developer, ReadOnly]}
              - {id: "444444444444", name: Prod Data, roles: [ReadOnly], status: SUSPENDED}
              - {id: "555555555555", name: Sandbox, roles: [Developer]}
            users:
              - name: alice
                access: {"111111111111": ["*"]}
              - name: bob
                access: {"222222222222": [Developer]}
              - name: carol
                access: {}
            groups:
              - name: Admins
                members: [carol]
                access: {"111111111111": [AdministratorAccess]}
              - name: Readers
                members: [bob]
                access: {"222222222222": [ReadOnly], "333333333333": [ReadOnly], "444444444444": [ReadOnly]}
              - name: Builders
                members: [bob]
                access: {"333333333333": [Developer], "555555555555": [Developer]}
            permissionSets:
              - {name: Developer, description: Build things, sessionDuration: PT8H}
              - {name: Unused}
            organizationalUnits:
              - name: Workloads
                accounts: ["222222222222"]
                children:
                  - name: Prod
                    accounts: ["333333333333", "444444444444"]
              - name: Sandboxes
                accounts: ["555555555555"]
            """;

    public static final String REGION = "eu-west-1";

    private AdminTestOrg() {
    }

    public static Org org() {
        return OrgLoader.parse(YAML, true, "admin-test-org.yaml");
    }

    /** Signs in as alice and returns her AdministratorAccess credentials in the management account. */
    public static Credentials credentials(Sandbox sandbox) {
        return credentials(sandbox, "111111111111", "AdministratorAccess");
    }

    public static Credentials credentials(Sandbox sandbox, String account, String role) {
        try (var clients = SandboxTesting.clients(sandbox);
                SsoOidcClient oidc = clients.oidc(sandbox.org().instances().get(0).region());
                SsoClient sso = clients.sso(sandbox.org().instances().get(0).region())) {
            String token = SandboxTesting.login(sandbox, oidc).accessToken();
            RoleCredentials c = SandboxTesting.roleCredentials(sso, token, account, role);
            return new Credentials(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), Instant.ofEpochMilli(c.expiration()), account);
        }
    }

    /** The instance's ARN and identity store id, as the sandbox derives them. */
    public static String instanceArn(Org org) {
        return org.instances().get(0).instanceArn();
    }

    public static String identityStoreId(Org org) {
        return org.instances().get(0).identityStoreId();
    }

    /** The ARN of a permission set of the org's first instance. */
    public static String permissionSetArn(Org org, String name) {
        return AdminModel.permissionSetArn(org.instances().get(0), name);
    }

    public static String userId(Org org, String name) {
        return org.user(name).orElseThrow().id();
    }

    public static String groupId(Org org, String name) {
        return org.groups().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow().id();
    }
}
