package io.ssokit.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code ssokit admin lookup} in-process against the sandbox's admin services. */
class AdminLookupCommandTest extends AdminCommandTesting {

    /** The Python table: every column left-justified to its widest value, joined by one space. */
    static String table(String[]... rows) {
        int w = 0;
        for (String[] r : rows) {
            w = Math.max(w, r[0].length());
        }
        int w2 = 0;
        for (String[] r : rows) {
            w2 = Math.max(w2, r[1].length());
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            sb.append(String.format("%-" + w + "s %-" + w2 + "s%n", r[0], r[1]));
        }
        return sb.toString();
    }

    @Test
    void instanceAndIdentityStoreAloneAndCached() {
        assertEquals(f.instanceArn() + "\n", ok(f.run("admin", "lookup", "instance")).out());
        Path cache = home.resolve(".aws/cli/cache/aws-sso-util-ids-111111111111-eu-west-1.json");
        assertTrue(Files.isRegularFile(cache), "no profile: the cache is named by account and region");
        assertEquals(1, f.sandbox.stats().count("sso-admin:ListInstances"));
        assertEquals(f.store() + "\n", ok(f.run("admin", "lookup", "identity-store")).out());
        assertEquals(1, f.sandbox.stats().count("sso-admin:ListInstances"), "the second run reads the cache");
        // a cache hit makes no sso-admin call at all: sso-admin unreachable does not matter
        f.vars.put("AWS_ENDPOINT_URL_SSO_ADMIN", "http://127.0.0.1:9");
        assertEquals(f.instanceArn() + "\n", ok(f.run("admin", "lookup", "instance")).out());
    }

    @Test
    void theIdsCacheIsKeyedByProfileWhenOneIsNamed() throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), "[admin]\naws_access_key_id = " + f.credentials.accessKeyId()
                + "\naws_secret_access_key = " + f.credentials.secretAccessKey() + "\naws_session_token = "
                + f.credentials.sessionToken() + "\n");
        Files.writeString(home.resolve(".aws/config"), "[profile admin]\nregion = eu-west-1\n");
        f.vars.remove("AWS_ACCESS_KEY_ID");
        f.vars.remove("AWS_SECRET_ACCESS_KEY");
        f.vars.remove("AWS_SESSION_TOKEN");
        f.vars.remove("AWS_REGION");
        CliRun r = ok(f.run("admin", "lookup", "user", "bob", "--profile", "admin", "--show-id"));
        assertEquals("Using identity store " + f.store() + "\n"
                + table(new String[] {"Name", "Id"}, new String[] {"bob", f.user("bob")}), r.out());
        assertTrue(Files.isRegularFile(home.resolve(".aws/cli/cache/aws-sso-util-ids-admin.json")));
        assertEquals(0, f.sandbox.stats().count("sts:GetCallerIdentity"), "a named profile needs no account id");
        CliRun again = ok(f.run("admin", "lookup", "user", "bob", "--profile", "admin", "--show-id"));
        assertTrue(again.out().startsWith("Using cached identity store " + f.store() + "\n"), again.out());
    }

    @Test
    void groupsAndUsersWithNotFound() {
        assertEquals(table(new String[] {"Name", "Id"}, new String[] {"Admins", f.group("Admins")},
                new String[] {"Nobody", "NOT_FOUND"}, new String[] {"Readers", f.group("Readers")}),
                ok(f.run("admin", "lookup", "group", "Admins", "Nobody", "Readers")).out());
        assertEquals(table(new String[] {"Name", "Id"}, new String[] {"carol", f.user("carol")}),
                ok(f.run("admin", "lookup", "user", "carol")).out());
    }

    @Test
    void separatorStreamsAndHeaderFlags() {
        assertEquals("Name,Id\nalice," + f.user("alice") + "\nzed,NOT_FOUND\n",
                ok(f.run("admin", "lookup", "user", "alice", "zed", "--sep", ",")).out());
        assertEquals("alice\t" + f.user("alice") + "\n", ok(f.run("admin", "lookup", "user", "alice", "--separator", "\t",
                "--no-header")).out());
        assertEquals("Name,Id\nalice," + f.user("alice") + "\n", ok(f.run("admin", "lookup", "user", "alice", "--sep", ",",
                "--header")).out(), "--header is a no-op: the header is on by default");
    }

    @Test
    void permissionSetsByNameAndById() {
        String devId = f.psId("Developer");
        CliRun r = ok(f.run("admin", "lookup", "permission-set", "ReadOnly", "Nope", devId, "ps-0000000000000000",
                f.instanceId() + "/" + f.psId("Unused"), "--sep", ","));
        assertEquals("Name,ARN\n"
                + "ReadOnly," + f.ps("ReadOnly") + "\n"
                + "Nope,UNKNOWN\n"
                + "Developer," + f.ps("Developer") + "\n"
                + "UNKNOWN,arn:aws:sso:::permissionSet/" + f.instanceId() + "/ps-0000000000000000\n"
                + "Unused," + f.ps("Unused") + "\n", r.out());
        assertEquals("Name,ID\nDeveloper," + devId + "\n", ok(f.run("admin", "lookup", "permission-set", f.ps("Developer"),
                "--permission-set-style", "id", "--sep", ",")).out());
    }

    @Test
    void allPermissionSetsWithTheInstanceGivenAsABareId() {
        CliRun r = ok(f.run("admin", "lookup", "permission-set", ":all", "--ins", f.instanceId(), "--id-store", f.store(),
                "--show-id", "--sep", ","));
        assertEquals("Using Identity Center instance " + f.instanceId() + "\nName,ARN\n"
                + "AdministratorAccess," + f.ps("AdministratorAccess") + "\n"
                + "ReadOnly," + f.ps("ReadOnly") + "\n"
                + "Developer," + f.ps("Developer") + "\n"
                + "Unused," + f.ps("Unused") + "\n", r.out());
        assertEquals(0, f.sandbox.stats().count("sso-admin:ListInstances"), "both ids given: no ListInstances");
        assertFalse(Files.exists(home.resolve(".aws/cli/cache")), "ids given: no cache");
    }

    @Test
    void errorIfNotFoundFlushesTheRowsSoFar() {
        CliRun table = f.run("admin", "lookup", "group", "Admins", "Ghosts", "Readers", "-e");
        assertEquals(1, table.code(), table::toString);
        assertEquals(table(new String[] {"Name", "Id"}, new String[] {"Admins", f.group("Admins")}), table.out());
        assertEquals("Group Ghosts not found\n", table.err());
        CliRun sep = f.run("admin", "lookup", "permission-set", "ReadOnly", "ps-0000000000000000", "--sep", ",", "-e");
        assertEquals(1, sep.code());
        assertEquals("Name,ARN\nReadOnly," + f.ps("ReadOnly") + "\n", sep.out());
        assertEquals("Permission set ps-0000000000000000 not found\n", sep.err());
        CliRun user = f.run("admin", "lookup", "user", "nobody", "--error-if-not-found");
        assertEquals("User nobody not found\n", user.err());
        assertEquals("Name Id\n", user.out());
    }

    @Test
    void usageErrorsWriteNothing() {
        for (String[] args : new String[][] {
            {"admin", "lookup", "groups", "x"},
            {"admin", "lookup", "group"},
            {"admin", "lookup", "instance", "extra"},
            {"admin", "lookup", "user", ":all"},
            {"admin", "lookup", "permission-set", ":all", "x"},
            {"admin", "lookup", "permission-set", "x", "--permission-set-style", "name"},
        }) {
            CliRun r = f.run(args);
            assertEquals(2, r.code(), () -> String.join(" ", args) + ": " + r);
            assertEquals("", r.out());
            assertTrue(r.err().startsWith("ssokit: "), r.err());
        }
        assertTrue(f.run("admin", "lookup", "groups", "x").err().contains("(singular)"));
    }

    @Test
    void awsErrorsAreOneLineWithoutSecrets() {
        CliRun r = f.run("admin", "lookup", "user", "bob", "--id-store", "d-0000000000", "--ins", f.instanceId());
        assertEquals(1, r.code(), r::toString);
        assertEquals("", r.out());
        assertEquals("ssokit: identitystore GetUserId failed: ResourceNotFoundException: IDENTITY_STORE not found.\n", r.err());
        f.vars.put("AWS_SECRET_ACCESS_KEY", f.credentials.secretAccessKey() + "x");
        CliRun bad = f.run("admin", "lookup", "instance", "--ins", f.instanceId());
        assertEquals(1, bad.code(), bad::toString);
        assertTrue(bad.err().startsWith("ssokit: sso-admin ListInstances failed: InvalidSignatureException"), bad.err());
        assertFalse(bad.err().contains(f.credentials.secretAccessKey()));
        assertFalse(bad.err().contains(f.credentials.sessionToken()));
    }
}
