package io.ssokit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.SsokitException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admin parts of the org model: derived ids, groups, permission sets, OUs, and their validation. */
class OrgAdminModelTest {
    static final String ACCOUNTS = "accounts:\n  - {id: \"111111111111\", name: A, roles: [Dev, Read]}\n"
            + "  - {id: \"222222222222\", name: B, roles: [Read]}\n";

    static Org parse(String yaml) {
        return OrgLoader.parse(yaml, true, "t.yaml");
    }

    static String error(String yaml) {
        return assertThrows(SsokitException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void idsAreDerivedStablyAndOldOrgFilesStayValid() throws Exception {
        Org old = SandboxTesting.orgFromResource("test-org.yaml");
        Org again = SandboxTesting.orgFromResource("test-org.yaml");
        Org.Instance i = old.instances().get(0);
        assertTrue(i.instanceArn().matches("arn:aws:sso:::instance/ssoins-[0-9a-f]{16}"), i.instanceArn());
        assertTrue(i.identityStoreId().matches("d-[0-9a-f]{10}"), i.identityStoreId());
        assertEquals(i, again.instances().get(0));
        assertEquals(old.user("alice").orElseThrow().id(), again.user("alice").orElseThrow().id());
        assertNotEquals(old.user("alice").orElseThrow().id(), old.user("bob").orElseThrow().id());
        assertEquals("111111111111", old.managementAccount());
        assertEquals(old.rootId(), again.rootId());
        assertEquals(List.of(), old.groups());
        assertEquals("ACTIVE", old.account("111111111111").orElseThrow().status());
        Org.Instance other = new Org.Instance("https://other.awsapps.com/start", "us-east-1");
        assertNotEquals(i.instanceArn(), other.instanceArn());
    }

    @Test
    void givenIdsAreKeptAndABareInstanceIdGetsItsPrefix() {
        Org org = parse("instances:\n  - {startUrl: \"https://x.awsapps.com/start\", instanceArn: ssoins-0123456789abcdef,"
                + " identityStoreId: d-0123456789}\n" + ACCOUNTS
                + "users:\n  - {name: alice, id: 11111111-2222-3333-4444-555555555555}\nrootId: r-ab12\n"
                + "organizationalUnits:\n  - {name: X, id: ou-ab12-00000001, accounts: [\"222222222222\"]}\n");
        assertEquals("arn:aws:sso:::instance/ssoins-0123456789abcdef", org.instances().get(0).instanceArn());
        assertEquals("ssoins-0123456789abcdef", org.instances().get(0).instanceId());
        assertEquals("d-0123456789", org.instances().get(0).identityStoreId());
        assertEquals("11111111-2222-3333-4444-555555555555", org.user("alice").orElseThrow().id());
        AdminModel m = new AdminModel(org);
        assertEquals(List.of("111111111111"), m.accountsFor("r-ab12").stream().map(Org.Account::id).toList());
        assertEquals(List.of("222222222222"), m.accountsFor("ou-ab12-00000001").stream().map(Org.Account::id).toList());
    }

    @Test
    void groupsAddTheirAccessToTheirMembersAndMakeAssignments() {
        Org org = parse(ACCOUNTS + "users:\n  - {name: alice, access: {}}\n  - {name: bob, access: {\"222222222222\": [Read]}}\n"
                + "groups:\n  - {name: Devs, members: [alice], access: {\"111111111111\": [Dev]}}\n");
        Org.User alice = org.user("alice").orElseThrow();
        assertEquals(List.of("Dev"), org.rolesFor(alice, org.account("111111111111").orElseThrow()));
        assertEquals(List.of(), org.rolesFor(alice, org.account("222222222222").orElseThrow()));
        AdminModel m = new AdminModel(org);
        assertEquals(List.of(new AdminModel.Principal("GROUP", org.groups().get(0).id())),
                m.assignments(org.account("111111111111").orElseThrow(), "Dev"));
        assertEquals(List.of(new AdminModel.Principal("USER", org.user("bob").orElseThrow().id())),
                m.assignments(org.account("222222222222").orElseThrow(), "Read"));
        assertEquals(List.of("Dev", "Read"), m.permissionSetNames());
        assertEquals("PT1H", m.details("Dev").sessionDuration(), "AWS's default");
    }

    @Test
    void theDefaultOrgShowsAGroupAndOus() {
        Org d = Org.defaultOrg();
        assertEquals("Developers", d.groups().get(0).name());
        assertEquals(List.of(Org.DEFAULT_USER), d.groups().get(0).members());
        assertEquals("Workloads", d.organizationalUnits().get(0).name());
        assertEquals("Production", d.organizationalUnits().get(0).children().get(0).name());
        AdminModel m = new AdminModel(d);
        assertEquals(List.of("111111111111"), m.accountsFor(d.rootId()).stream().map(Org.Account::id).toList());
        assertEquals("PT8H", m.details("Developer").sessionDuration());
    }

    @Test
    void badAdminFieldsAreOneLineErrors() {
        assertTrue(error(ACCOUNTS + "groups:\n  - {name: G, members: [zed]}\n")
                .endsWith("group G has member zed, which is not among the users"));
        assertTrue(error(ACCOUNTS + "groups:\n  - {name: G}\n  - {name: G}\n").endsWith("group G is listed twice"));
        assertTrue(error(ACCOUNTS + "groups:\n  - {name: G, access: {\"222222222222\": [Dev]}}\n")
                .contains("group G has access to role Dev in account 222222222222, which has no such role"));
        assertTrue(error(ACCOUNTS + "managementAccount: \"999999999999\"\n").contains("managementAccount 999999999999 is not among"));
        assertTrue(error(ACCOUNTS + "rootId: root\n").contains("rootId 'root' must look like r-ab12"));
        assertTrue(error(ACCOUNTS + "organizationalUnits:\n  - {name: X, accounts: [\"222222222222\"]}\n"
                + "  - {name: Y, accounts: [\"222222222222\"]}\n").contains("account 222222222222 is placed in two OUs (X and Y)"));
        assertTrue(error(ACCOUNTS + "organizationalUnits:\n  - {name: X, id: ou-1}\n").contains("OU id 'ou-1' of X must look like"));
        String nested = error(ACCOUNTS + "organizationalUnits:\n  - name: X\n    children:\n      - name: Y\n        acounts: []\n");
        assertTrue(nested.contains("line 8 (organizationalUnits[0].children[0].acounts): unknown field 'acounts'"), nested);
        assertTrue(error("accounts:\n  - {id: \"111111111111\", name: A, roles: [R], status: CLOSED}\n")
                .contains("status 'CLOSED' of account 111111111111 must be ACTIVE, SUSPENDED or PENDING_CLOSURE"));
        assertTrue(error(ACCOUNTS + "permissionSets:\n  - {name: Dev, sessionDuration: 8h}\n")
                .contains("sessionDuration '8h' of Dev is not an ISO 8601 duration"));
        assertTrue(error(ACCOUNTS + "permissionSets:\n  - {name: Dev, sessionDuration: PT13H}\n")
                .contains("between PT1H and PT12H"));
        assertTrue(error("instances:\n  - {startUrl: \"https://x.awsapps.com/start\", instanceArn: \"arn:aws:sso:::instance/x\"}\n"
                + ACCOUNTS).contains("instanceArn 'arn:aws:sso:::instance/x' must be"));
        assertTrue(error(ACCOUNTS + "users:\n  - {name: alice, id: nope}\n").contains("id 'nope' of user alice must be a UUID"));
    }
}
