package io.ssokit.admin.cfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input: one usage error each, on one line, naming the file and the field. */
class CfnValidationTest {
    static final String OK_HEAD = "Group: g-1\nPermissionSets: ps-b5b9375180ceaaac\n";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no principals          | PermissionSets: ps-1\\nAccounts: '111111111111'                          | c.yaml: no principals: set Groups or Users
            no permission sets     | Group: g-1\\nAccounts: '111111111111'                                    | c.yaml: no permission sets: set PermissionSets
            no targets             | Group: g-1\\nPermissionSets: ps-1                                        | c.yaml: no targets: set OUs, RecursiveOUs or Accounts
            two aliases            | Group: g-1\\nGroups: [g-2]\\nPermissionSets: ps-1\\nAccounts: '1'         | c.yaml: both Groups and Group are set; use one
            bad account            | Group: g-1\\nPermissionSets: ps-1\\nAccounts: [12ab]                     | c.yaml: Accounts: '12ab' is not a 12-digit account ID or an intrinsic function
            long account           | Group: g-1\\nPermissionSets: ps-1\\nAccounts: ['1234567890123']          | c.yaml: Accounts: '1234567890123' is not a 12-digit account ID
            permission set name    | Group: g-1\\nPermissionSets: AdminAccess\\nAccounts: '1'                 | c.yaml: PermissionSets: 'AdminAccess' is not a permission set
            inline without name    | Group: g-1\\nPermissionSets: [{Description: x}]\\nAccounts: '1'          | c.yaml: PermissionSets: an inline permission set needs a Name
            inline bad name        | Group: g-1\\nPermissionSets: [{Name: Read-Only}]\\nAccounts: '1'         | c.yaml: PermissionSets: an inline permission set needs a Name of letters and digits
            ou intrinsic           | Group: g-1\\nPermissionSets: ps-1\\nOUs: !Ref Ou                         | c.yaml: OUs: OUs must be literal ou-... or r-... IDs
            bad ou                 | Group: g-1\\nPermissionSets: ps-1\\nRecursiveOUs: [dev]                  | c.yaml: RecursiveOUs: 'dev' is not an OU (ou-...) or root (r-...) ID
            principal not string   | Group: [12]\\nPermissionSets: ps-1\\nAccounts: '1'                       | c.yaml: Groups: '12' is not a principal ID
            not a mapping          | - Group: g-1                                                             | c.yaml: a config file must be a YAML mapping
            bad setting            | Group: g-1\\nPermissionSets: ps-1\\nAccounts: '1'\\nNumChildStacks: many | c.yaml: NumChildStacks must be a whole number, not 'many'
            bad duration           | Group: g-1\\nPermissionSets: ps-1\\nAccounts: '1'\\nDefaultSessionDuration: 4h | c.yaml: DefaultSessionDuration: '4h' is not a positive ISO 8601 duration
            ps id, intrinsic instance | Instance: !Ref I\\nGroup: g-1\\nPermissionSets: ps-1\\nAccounts: '1'   | c.yaml: PermissionSets: ps-1 is a bare permission set ID, which needs a literal instance ARN
            getatt of a parameter  | Group: !GetAtt Directory.AdminGroupId\\nPermissionSets: ps-1\\nAccounts: '1' | c.yaml: !GetAtt Directory.… refers to Directory, which is not a resource of the template
            instance mismatch      | Instance: ssoins-other\\nGroup: g-1\\nPermissionSets: ps-1\\nAccounts: '1' | c.yaml: Instance arn:aws:sso:::instance/ssoins-other is not the instance given with --sso-instance
            """)
    void configFileErrors(String name, String config, String message) throws IOException {
        SsokitException e = generate(config.replace("\\n", "\n"), "c.yaml", false);
        assertTrue(e.getMessage().startsWith(dir.resolve(message.split(":", 2)[0]) + ":" + message.split(":", 2)[1]),
                name + ": " + e.getMessage());
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("templates")), "nothing written");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no transform        | Resources: {B: {Type: 'AWS::S3::Bucket'}}                                     | t.yaml: Transform does not list AWS-SSO-Util-2020-11-08
            unknown property    | Principals: {Type: GROUP, Id: g}\\n      PermissionSets: ps-1\\n      Targets: {Type: AWS_ACCOUNT, Id: '1'}\\n      Extra: 1 | t.yaml: Resources.Group.Properties: unknown property Extra
            missing principals  | PermissionSets: ps-1\\n      Targets: {Type: AWS_ACCOUNT, Id: '1'}             | t.yaml: Resources.Group.Properties must have one of Principal, Principals
            two aliases         | Principal: {Type: GROUP, Id: g}\\n      Principals: [{Type: GROUP, Id: g}]\\n      PermissionSets: ps-1\\n      Targets: {Type: AWS_ACCOUNT, Id: '1'} | t.yaml: Resources.Group.Properties must have only one of Principal, Principals
            missing targets     | Principals: {Type: GROUP, Id: g}\\n      PermissionSets: ps-1                 | t.yaml: Resources.Group.Properties must have one of Target, Targets
            bad principal type  | Principals: {Type: ROLE, Id: g}\\n      PermissionSets: ps-1\\n      Targets: {Type: AWS_ACCOUNT, Id: '1'} | t.yaml: Resources.Group.Properties.Principals[0].Type must be GROUP or USER, not 'ROLE'
            two id aliases      | Principals: {Type: GROUP, Id: g, Ids: [h]}\\n      PermissionSets: ps-1\\n      Targets: {Type: AWS_ACCOUNT, Id: '1'} | t.yaml: Resources.Group.Properties.Principals[0] must have only one of Id, Ids
            bad target type     | Principals: {Type: GROUP, Id: g}\\n      PermissionSets: ps-1\\n      Targets: {Type: OU, Id: ou-1}       | t.yaml: Resources.Group.Properties.Targets[0].Type must be AWS_OU or AWS_ACCOUNT, not 'OU'
            recursive not bool  | Principals: {Type: GROUP, Id: g}\\n      PermissionSets: ps-1\\n      Targets: {Type: AWS_OU, Id: ou-1, Recursive: 'yes please'} | t.yaml: Resources.Group.Properties.Targets[0].Recursive must be true or false
            inline permission set | Principals: {Type: GROUP, Id: g}\\n      PermissionSets: [{Name: X}]\\n      Targets: {Type: AWS_ACCOUNT, Id: '1'} | t.yaml: Resources.Group.Properties.PermissionSets: a mapping is not an ARN, ID or intrinsic function
            """)
    void macroTemplateErrors(String name, String properties, String message) throws IOException {
        String template = name.equals("no transform") ? properties : """
                Transform: AWS-SSO-Util-2020-11-08
                Resources:
                  Group:
                    Type: SSOUtil::SSO::AssignmentGroup
                    Properties:
                      %s
                """.formatted(properties.replace("\\n", "\n"));
        SsokitException e = generate(template, "t.yaml", true);
        assertTrue(e.getMessage().startsWith(dir.resolve("t.yaml") + ":" + message.split(":", 2)[1]),
                name + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private SsokitException generate(String text, String file, boolean macro) throws IOException {
        Path input = dir.resolve(file);
        Files.writeString(input, text);
        return assertThrows(SsokitException.class, () -> CfnGenerator.generate(CfnOptions.builder(input).macro(macro)
                .ssoInstance("ssoins-69e2ecd0b249f0cd").build(), InMemoryDirectory.standard(), Log.silent()));
    }
}
