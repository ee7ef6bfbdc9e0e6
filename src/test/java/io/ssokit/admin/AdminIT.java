package io.ssokit.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.sandbox.Org;
import io.ssokit.sandbox.Sandbox;
import io.ssokit.sandbox.SandboxOptions;
import io.ssokit.sandbox.SandboxSignIn;
import io.ssokit.sso.Instance;
import io.ssokit.testing.Proc;
import io.ssokit.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code admin lookup}, {@code admin assignments} and {@code admin cfn} through the real launcher against the
 * sandbox's default organisation, with an Identity Center profile as the admin credentials (the
 * user is signed in; the role credentials come from the portal).
 */
class AdminIT {
    @TempDir
    Path home;
    Sandbox sandbox;
    Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.builder().autoApprove(true).build());
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), "[profile admin]\nsso_start_url = " + Org.DEFAULT_START_URL
                + "\nsso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = AdministratorAccess\nregion = us-east-1\n");
        env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        if (System.getenv("JAVA_HOME") != null) {
            env.put("JAVA_HOME", System.getenv("JAVA_HOME"));
        }
        env.put("HOME", home.toString());
        env.put("AWS_ENDPOINT_URL", sandbox.endpoint().toString());
        SandboxSignIn.signIn(sandbox, new Env(env, home), Instance.legacy(Org.DEFAULT_START_URL, "us-east-1"));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    Proc.Result ssokit(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Tools.launcher()));
        cmd.addAll(List.of(args));
        return Proc.run(cmd, env);
    }

    @Test
    void lookupAndAssignmentsOfTheDemoOrg() throws Exception {
        Org org = sandbox.org();
        String group = org.groups().get(0).id();
        Proc.Result lookup = ssokit("admin", "lookup", "group", "Developers", "Nobody", "--profile", "admin");
        assertEquals(0, lookup.exit(), lookup::toString);
        String row = "%-10s %-" + group.length() + "s\n";
        assertEquals(String.format(row, "Name", "Id") + String.format(row, "Developers", group) + String.format(row, "Nobody", "NOT_FOUND"),
                lookup.stdout());
        assertEquals("", lookup.stderr());
        assertTrue(Files.isRegularFile(home.resolve(".aws/cli/cache/aws-sso-util-ids-admin.json")));

        Proc.Result missing = ssokit("admin", "lookup", "permission-set", "Developer", "Ghost", "--profile", "admin", "-e",
                "--sep", ",", "--permission-set-style", "id");
        assertEquals(1, missing.exit(), missing::toString);
        assertTrue(missing.stdout().matches("Name,ID\nDeveloper,ps-[0-9a-f]{16}\n"), missing.stdout());
        assertEquals("Permission set Ghost not found\n", missing.stderr());

        String workloads = org.organizationalUnits().get(0).id();
        Proc.Result assignments = ssokit("admin", "assignments", "--profile", "admin", "--ou", workloads, "--ou-recursive",
                "-g", "Developers", "--arn-style", "id");
        assertEquals(0, assignments.exit(), assignments::toString);
        List<String> lines = assignments.stdout().lines().toList();
        assertEquals("instance_id,principal_type,principal_id,principal_name,permission_set_id,permission_set_name,"
                + "target_type,target_id,target_name", lines.get(0));
        assertEquals(3, lines.size(), assignments.stdout());
        assertTrue(lines.get(1).matches("ssoins-[0-9a-f]{16},GROUP," + group + ",Developers,ps-[0-9a-f]{16},Developer,"
                + "AWS_ACCOUNT,222222222222,Staging"), lines.get(1));
        assertTrue(lines.get(2).endsWith(",Developers,ps-" + lines.get(2).split(",ps-")[1].split(",")[0]
                + ",ReadOnly,AWS_ACCOUNT,333333333333,Production [EU]"), lines.get(2));

        Proc.Result usage = ssokit("admin", "assignments", "--profile", "admin", "--ou", workloads, "--account-name", "Prod");
        assertEquals(2, usage.exit(), usage::toString);
        assertEquals("", usage.stdout());
        assertTrue(usage.stderr().startsWith("ssokit: account names or partial ids cannot be combined with --ou"), usage.stderr());
    }

    @Test
    void cfnExpandsAnOuOfTheDemoOrgIntoATemplate() throws Exception {
        Org org = sandbox.org();
        String group = org.groups().get(0).id();
        String workloads = org.organizationalUnits().get(0).id();
        Path config = home.resolve("access.yaml");
        Files.writeString(config, "AssignmentGroupName: Builders\nGroups: " + group
                + "\nPermissionSets:\n- !Ref ReadOnlyPermissionSet\nRecursiveOUs: " + workloads + "\n");
        Proc.Result cfn = ssokit("admin", "cfn", config.toString(), "--profile", "admin", "--lookup-names");
        assertEquals(0, cfn.exit(), cfn::toString);
        assertEquals("", cfn.stdout());
        String template = Files.readString(home.resolve("templates/access.yaml"));
        assertTrue(template.contains("ReadOnlyPermissionSet:\n    Type: String"), "the reference became a parameter:\n" + template);
        assertTrue(template.contains("TargetName: Staging") && template.contains("TargetName: Production [EU]"), template);
        assertEquals(2, template.split("Type: AWS::SSO::Assignment").length - 1, template);
    }
}
