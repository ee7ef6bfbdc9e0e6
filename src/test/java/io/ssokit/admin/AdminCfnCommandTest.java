package io.ssokit.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.sandbox.Org;
import io.ssokit.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ssokit admin cfn} in-process against the sandbox's admin services (the engine itself is
 * tested in admin/cfn): OUs expanded, names looked up and the instance found over the wire, and
 * no AWS call at all when the inputs leave nothing open.
 */
class AdminCfnCommandTest extends AdminCommandTesting {

    private Path write(String name, String text) throws Exception {
        Path file = home.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static List<String> targets(String template) {
        Matcher m = Pattern.compile("TargetId: '?(\\d{12})'?").matcher(template);
        return m.results().map(r -> r.group(1)).sorted().toList();
    }

    private String ouId(String name) {
        for (Org.OrganizationalUnit ou : f.org.organizationalUnits()) {
            if (ou.name().equals(name)) {
                return ou.id();
            }
        }
        throw new AssertionError("no OU " + name);
    }

    @Test
    void ousAreExpandedAndNamesLookedUpThroughTheAdminServices() throws Exception {
        Path config = write("access.yaml", "Groups: " + f.group("Readers") + "\n"
                + "PermissionSets: " + f.psId("ReadOnly") + "\n"
                + "RecursiveOUs: " + f.org.rootId() + "\n");
        CliRun r = f.run("admin", "cfn", config.toString(), "--lookup-names", "--output-dir", home.resolve("out").toString());
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.out(), "templates go to files, messages to stderr");
        String template = Files.readString(home.resolve("out/access.yaml"));
        assertEquals(List.of("222222222222", "333333333333", "555555555555"), targets(template),
                "every account below the root but the management account and the suspended one:\n" + template);
        assertTrue(template.contains("InstanceArn: " + f.instanceArn()), "the instance came from ListInstances:\n" + template);
        assertTrue(template.contains("PermissionSetArn: " + f.ps("ReadOnly")), template);
        assertTrue(template.contains("PrincipalName: Readers"), template);
        assertTrue(template.contains("PermissionSetName: ReadOnly"), template);
        assertTrue(template.contains("TargetName: Prod Web"), template);
    }

    @Test
    void theCsvAloneGoesToStdout() throws Exception {
        Path config = write("access.yaml", "Users: " + f.user("bob") + "\n"
                + "PermissionSets: " + f.ps("Developer") + "\n"
                + "OUs: " + ouId("Workloads") + "\n");
        CliRun r = f.run("admin", "cfn", config.toString(), "--assignments-csv", "-", "--assignments-csv-only");
        assertEquals(0, r.code(), r::toString);
        assertEquals(config + ": 1 assignment\n", r.err(), "progress on stderr");
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].startsWith("instance_arn,principal_type,principal_id"), lines[0]);
        assertTrue(lines[1].contains(",USER," + f.user("bob") + ",") && lines[1].contains("222222222222"),
                "only the account directly in Workloads: " + lines[1]);
        assertFalse(Files.exists(home.resolve("templates")), "--assignments-csv-only writes no template");
    }

    @Test
    void inputsThatLeaveNothingOpenNeedNoCredentials() throws Exception {
        Path config = write("static.yaml", "Instance: arn:aws:sso:::instance/ssoins-69e2ecd0b249f0cd\n"
                + "Groups: 6c1645fc-37b5-40ba-8c3d-5216b9055505\n"
                + "PermissionSets: ps-b5b9375180ceaaac\n"
                + "Accounts: 123456789012\n");
        Map<String, String> bare = new HashMap<>();
        bare.put("AWS_CONFIG_FILE", home.resolve("nope/config").toString());
        bare.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("nope/credentials").toString());
        CliRun r = CliRun.run(new Env(bare, home), "admin", "cfn", config.toString());
        assertEquals(0, r.code(), r::toString);
        String template = Files.readString(home.resolve("templates/static.yaml"));
        assertTrue(template.contains("Assignment492B36:"), "aws-sso-util's logical ID for this assignment:\n" + template);

        Path open = write("open.yaml", "Groups: 6c1645fc-37b5-40ba-8c3d-5216b9055505\nPermissionSets: ps-b5b9375180ceaaac\n"
                + "Accounts: 123456789012\n");
        CliRun needs = CliRun.run(new Env(bare, home), "admin", "cfn", open.toString());
        assertEquals(2, needs.code(), needs::toString);
        assertEquals("", needs.out());
        assertTrue(needs.err().startsWith("ssokit: no AWS credentials for the admin calls"), needs.err());
        assertFalse(Files.exists(home.resolve("templates/open.yaml")));
    }

    @Test
    void aBadInputWritesNothing() throws Exception {
        Path good = write("good.yaml", "Groups: " + f.group("Readers") + "\nPermissionSets: " + f.psId("ReadOnly")
                + "\nAccounts: 222222222222\n");
        Path bad = write("bad.yaml", "Groups: " + f.group("Readers") + "\nPermissionSets: " + f.psId("ReadOnly") + "\n");
        CliRun r = f.run("admin", "cfn", good.toString(), bad.toString());
        assertEquals(2, r.code(), r::toString);
        assertEquals("", r.out());
        String last = r.err().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("ssokit: " + bad), "one line naming the file: " + r.err());
        assertFalse(Files.exists(home.resolve("templates")), "not even the good input's template is written");

        CliRun missing = f.run("admin", "cfn", home.resolve("missing.yaml").toString());
        assertEquals(2, missing.code(), missing::toString);
        assertTrue(missing.err().contains("missing.yaml"), missing.err());

        CliRun none = f.run("admin", "cfn");
        assertEquals(2, none.code(), none::toString);
        assertTrue(none.err().contains("CONFIG_FILE"), none.err());
    }
}
