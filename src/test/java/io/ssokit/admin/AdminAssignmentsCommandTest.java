package io.ssokit.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.testing.CliRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ssokit admin assignments} in-process against the sandbox's admin services and the admin
 * test org, whose nine assignments are (account, permission set: principals):
 * 111 AdministratorAccess: alice, Admins; 111 ReadOnly: alice; 222 Developer: bob;
 * 222 ReadOnly: Readers; 333 Developer: Builders; 333 ReadOnly: Readers; 444 ReadOnly: Readers;
 * 555 Developer: Builders.
 */
class AdminAssignmentsCommandTest extends AdminCommandTesting {
    static final String HEADER = "instance_arn,principal_type,principal_id,principal_name,permission_set_arn,permission_set_name,"
            + "target_type,target_id,target_name\n";


    String row(String principal, String permissionSet, String account) {
        boolean group = Character.isUpperCase(principal.charAt(0));
        String name = switch (account) {
            case "111111111111" -> "Management";
            case "222222222222" -> "Dev Team";
            case "333333333333" -> "Prod Web";
            case "444444444444" -> "Prod Data";
            default -> "Sandbox";
        };
        return String.join(",", f.instanceArn(), group ? "GROUP" : "USER", group ? f.group(principal) : f.user(principal), principal,
                f.ps(permissionSet), permissionSet, "AWS_ACCOUNT", account, name) + "\n";
    }

    List<String> all() {
        return List.of(
                row("alice", "AdministratorAccess", "111111111111"),
                row("Admins", "AdministratorAccess", "111111111111"),
                row("alice", "ReadOnly", "111111111111"),
                row("bob", "Developer", "222222222222"),
                row("Readers", "ReadOnly", "222222222222"),
                row("Builders", "Developer", "333333333333"),
                row("Readers", "ReadOnly", "333333333333"),
                row("Readers", "ReadOnly", "444444444444"),
                row("Builders", "Developer", "555555555555"));
    }

    String rows(int... indexes) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i : indexes) {
            sb.append(all().get(i));
        }
        return sb.toString();
    }

    String assignments(String... args) {
        List<String> a = new ArrayList<>(List.of("admin", "assignments"));
        a.addAll(List.of(args));
        return ok(f.run(a.toArray(String[]::new))).out();
    }

    @Test
    void everyAssignmentTargetsThenPermissionSetsThenPrincipals() {
        assertEquals(rows(0, 1, 2, 3, 4, 5, 6, 7, 8), assignments());
        assertEquals(5, f.sandbox.stats().count("sso-admin:ListPermissionSetsProvisionedToAccount"));
        assertEquals(1, f.sandbox.stats().count("organizations:ListAccounts"));
        assertEquals(3, f.sandbox.stats().count("sso-admin:DescribePermissionSet"), "once per provisioned permission set and run");
    }

    @Test
    void idStyleHeadersAndValuesFromTheOptionOrTheEnvironment() {
        String expected = "instance_id;principal_type;principal_id;principal_name;permission_set_id;permission_set_name;"
                + "target_type;target_id;target_name\n"
                + String.join(";", f.instanceId(), "GROUP", f.group("Builders"), "Builders", f.psId("Developer"), "Developer",
                        "AWS_ACCOUNT", "555555555555", "Sandbox") + "\n";
        assertEquals(expected, assignments("--arn-style", "id", "--account-id", "555555555555", "--sep", ";"));
        f.vars.put("AWS_SSO_UTIL_ASSIGNMENTS_ARN_STYLE", "id");
        assertEquals(expected, assignments("--account-id", "555555555555", "--sep", ";"));
        assertEquals(rows(8), assignments("--account-id", "555555555555", "--arn-style", "arn"), "the option wins");
        f.vars.put("AWS_SSO_UTIL_ASSIGNMENTS_ARN_STYLE", "short");
        CliRun bad = f.run("admin", "assignments");
        assertEquals(2, bad.code());
        assertEquals("", bad.out());
        assertEquals("ssokit: AWS_SSO_UTIL_ASSIGNMENTS_ARN_STYLE must be arn or id, got 'short'\n", bad.err());
    }

    @Test
    void noLookupNamesLeavesNamesEmptyAndSavesTheCalls() {
        String out = assignments("--no-lookup-names", "--no-header", "--account-id", "222222222222");
        assertEquals(String.join(",", f.instanceArn(), "USER", f.user("bob"), "", f.ps("Developer"), "", "AWS_ACCOUNT",
                "222222222222", "") + "\n"
                + String.join(",", f.instanceArn(), "GROUP", f.group("Readers"), "", f.ps("ReadOnly"), "", "AWS_ACCOUNT",
                "222222222222", "") + "\n", out);
        for (String op : List.of("organizations:DescribeAccount", "sso-admin:DescribePermissionSet", "identitystore:DescribeUser",
                "identitystore:DescribeGroup")) {
            assertEquals(0, f.sandbox.stats().count(op), op);
        }
        // a filter that needs names still looks them up, and still prints none
        String filtered = assignments("--no-lookup-names", "--no-header", "-g", "^Read");
        assertEquals(3, filtered.lines().count(), filtered);
        assertTrue(filtered.lines().allMatch(l -> l.contains(",GROUP," + f.group("Readers") + ",,")), filtered);
    }

    @Test
    void principalFiltersMatchTheirOwnTypeOnly() {
        assertEquals(rows(4, 6, 7), assignments("-g", "Readers"));
        assertEquals(rows(1, 3), assignments("--user", "^bo", "--group", "Adm"));
        assertEquals(rows(0, 2), assignments("-u", f.user("alice")), "a user id matches exactly");
        assertEquals(HEADER, assignments("-u", "Readers"), "a group's name does not pass a user filter");
        assertEquals(rows(3), assignments("-u", "bob", "-u", "nobody"), "values of one option are OR-ed");
    }

    @Test
    void permissionSetsExplicitOrFiltered() {
        assertEquals(rows(2, 4, 6, 7), assignments("-p", "ReadOnly"));
        f.sandbox.resetStats();
        assertEquals(rows(3, 5, 8), assignments("-p", f.psId("Developer")));
        assertEquals(0, f.sandbox.stats().count("sso-admin:ListPermissionSetsProvisionedToAccount"), "explicit: not listed");
        assertEquals(rows(0, 1, 3, 5, 8), assignments("-p", f.ps("Developer"), "-p", f.instanceId() + "/" + f.psId("AdministratorAccess")));
        assertEquals(rows(0, 1, 2, 4, 6, 7), assignments("-p", f.psId("ReadOnly"), "-p", "^Admin"),
                "one name among them: all are filters, an id still matches its permission set");
    }

    @Test
    void accountsExplicitOrFiltered() {
        f.sandbox.resetStats();
        assertEquals(rows(5, 6, 0, 1, 2), assignments("--account-id", "333333333333", "--account-id", "111111111111"));
        assertEquals(0, f.sandbox.stats().count("organizations:ListAccounts"), "explicit ids: no listing");
        assertEquals(2, f.sandbox.stats().count("organizations:DescribeAccount"), "their names are looked up");
        assertEquals(rows(5, 6, 7), assignments("--account-name", "^Prod"));
        assertEquals(rows(3, 4, 8), assignments("--account-id", "2222", "--account-id", "5555"), "prefixes and suffixes");
        assertEquals(rows(8), assignments("-a", "Sandbox"));
        assertEquals(rows(5), assignments("--account-name", "Prod", "-p", "Developer"), "different options are AND-ed");
    }

    @Test
    void organizationalUnits() {
        String root = f.org.rootId();
        assertEquals(rows(0, 1, 2), assignments("--ou", root));
        String workloads = f.org.organizationalUnits().get(0).id();
        assertEquals(rows(3, 4), assignments("--ou", workloads));
        assertEquals(rows(3, 4, 5, 6, 7), assignments("--ou", workloads, "--ou-recursive"));
        assertEquals(rows(3, 4), assignments("--ou", workloads, "--ou-recursive", "--ou-not-recursive"));
        assertEquals(rows(8, 3, 4), assignments("--account-id", "555555555555", "--ou", workloads), "explicit accounts, then the OUs");
        assertEquals(rows(0, 1, 2, 3, 4, 5, 6, 7, 8).replace(HEADER, "").lines().count(),
                assignments("--ou", root, "--ou-recursive", "--no-header").lines().count(), "the whole tree from the root");
    }

    @Test
    void usageErrorsBeforeAnyCall() {
        for (String[] args : new String[][] {
            {"--account-name", "Prod", "--ou", "r-abcd"},
            {"--account-id", "3333", "--ou", "r-abcd"},
            {"--ou", "Workloads"},
            {"-g", "(unclosed"},
            {"--arn-style", "name"},
            {"--sep", ""},
        }) {
            List<String> a = new ArrayList<>(List.of("admin", "assignments"));
            a.addAll(List.of(args));
            CliRun r = f.run(a.toArray(String[]::new));
            assertEquals(2, r.code(), () -> a + ": " + r);
            assertEquals("", r.out());
            assertTrue(r.err().startsWith("ssokit: "), r.err());
        }
        assertEquals(0, f.sandbox.stats().count("sso-admin:ListInstances"));
    }

    @Test
    void showIdGoesToStderr() {
        CliRun r = f.run("admin", "assignments", "--show-id", "--account-id", "555555555555");
        assertEquals(0, r.code(), r::toString);
        assertEquals("Using Identity Center instance " + f.instanceId() + "\n", r.err());
        assertEquals(rows(8), r.out());
    }
}
