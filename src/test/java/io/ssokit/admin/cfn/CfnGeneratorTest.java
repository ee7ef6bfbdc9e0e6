package io.ssokit.admin.cfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.admin.Directory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CfnGeneratorTest {
    static final String INSTANCE = "arn:aws:sso:::instance/ssoins-69e2ecd0b249f0cd";

    @TempDir
    Path dir;

    private Path config(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** A config of one group and one permission set over n literal accounts. */
    private Path accounts(int n, String extra) throws IOException {
        String list = IntStream.range(0, n).mapToObj(i -> String.format("'%012d'", 100000000000L + i))
                .collect(Collectors.joining(", "));
        return config("many.yaml", "Instance: " + INSTANCE + "\nGroup: g-1\nPermissionSets: ps-1\nAccounts: [" + list
                + "]\n" + extra);
    }

    private static CfnOutput generate(CfnOptions.Builder options) {
        return generate(options, InMemoryDirectory.standard());
    }

    private static CfnOutput generate(CfnOptions.Builder options, Directory directory) {
        return CfnGenerator.generate(options.build(), directory, Log.silent());
    }

    private static long count(CfnOutput.OutputFile f, String type) {
        return f.content().lines().filter(l -> l.equals("    Type: " + type)).count();
    }

    @Test
    void moreThanFiveHundredResourcesWithoutChildStacksIsAnError() throws IOException {
        Path input = accounts(501, "");
        SsokitException e = assertThrows(SsokitException.class, () -> generate(CfnOptions.builder(input)));
        assertEquals(ExitCodes.ERROR, e.exitCode());
        assertTrue(e.getMessage().contains("501 assignments and 0 permission sets do not fit into one template of at most"
                + " 500 resources; set a number of child stacks"), e.getMessage());
        e = assertThrows(SsokitException.class, () -> generate(CfnOptions.builder(input).numChildStacks(0)));
        assertTrue(e.getMessage().contains("NumChildStacks, now 0"), e.getMessage());

        CfnOutput two = generate(CfnOptions.builder(input).numChildStacks(2).outputDir(dir.resolve("out")));
        assertEquals(3, two.files().size());
        assertEquals(501, two.files().stream().mapToLong(f -> count(f, Templates.ASSIGNMENT_TYPE)).sum());
        assertEquals(2, count(two.files().get(2), Templates.STACK_TYPE));
    }

    @Test
    void exactlyFiveHundredFitIntoOneTemplate() throws IOException {
        CfnOutput out = generate(CfnOptions.builder(accounts(500, "")));
        assertEquals(1, out.files().size());
        assertEquals(500, count(out.files().get(0), Templates.ASSIGNMENT_TYPE));
    }

    @Test
    void tooFewChildStacksIsAnError() throws IOException {
        Path input = accounts(11, "");
        SsokitException e = assertThrows(SsokitException.class,
                () -> generate(CfnOptions.builder(input).numChildStacks(1).maxResourcesPerTemplate(10)));
        assertTrue(e.getMessage().endsWith("11 assignments do not fit into 1 child stacks of at most 10 resources;"
                + " raise the number of child stacks"), e.getMessage());
    }

    @Test
    void theParentMustHoldItsChildStacks() throws IOException {
        Path input = accounts(20, "");
        SsokitException e = assertThrows(SsokitException.class,
                () -> generate(CfnOptions.builder(input).numChildStacks(11).maxResourcesPerTemplate(10)));
        assertTrue(e.getMessage().endsWith(": the parent template would hold 11 resources (0 permission sets,"
                + " 11 child stacks and other resources), more than 10"), e.getMessage());
    }

    @Test
    void commandLineSettingsWinOverTheConfigFile() throws IOException {
        Path input = accounts(4, "NumChildStacks: 2\nMaxConcurrentAssignments: 1\n");
        CfnOutput fromFile = generate(CfnOptions.builder(input));
        assertEquals(3, fromFile.files().size(), "the file's 2 child stacks");

        CfnOutput fromCli = generate(CfnOptions.builder(input).numChildStacks(0).maxConcurrentAssignments(2));
        assertEquals(1, fromCli.files().size());
        String parent = fromCli.files().get(0).content();
        assertEquals(2, parent.lines().filter(l -> l.startsWith("    DependsOn: ")).count(),
                "assignments 2 and 3 depend on 0 and 1 with 2 concurrent (the file's 1 would chain 3)");
    }

    @Test
    void childCountIsTheLargerOfTheFixedCountAndTheAllocation() {
        GenerationSettings s = GenerationSettings.fromOptions(CfnOptions.builder(Path.of("x"))
                .maxAssignmentsAllocation(1200).build());
        assertEquals(3, s.numChildStacks());
        s = GenerationSettings.fromOptions(CfnOptions.builder(Path.of("x"))
                .maxAssignmentsAllocation(1200).numChildStacks(5).build());
        assertEquals(5, s.numChildStacks());
        s = GenerationSettings.fromOptions(CfnOptions.builder(Path.of("x"))
                .maxAssignmentsAllocation(100).maxResourcesPerTemplate(10).numChildStacks(2).build());
        assertEquals(10, s.numChildStacks());
        assertNull(GenerationSettings.fromOptions(CfnOptions.builder(Path.of("x")).build()).numChildStacks());
        s = new GenerationSettings();
        s.fillFrom(Map.of("NumChildStacks", -1, "MaxResourcesPerTemplate", 0), "f");
        assertNull(s.numChildStacks(), "negative means the default, as the macro's -1 parameters");
        assertEquals(500, s.maxResourcesPerTemplate());
    }

    @Test
    void defaultOutputDirSuffixAndChildPaths() throws IOException {
        Path input = accounts(3, "NumChildStacks: 1\n");
        CfnOutput out = generate(CfnOptions.builder(input).templateFileSuffix("-template"));
        assertEquals(List.of(dir.resolve("templates/many/many-000-template.yaml"),
                dir.resolve("templates/many-template.yaml")), out.files().stream().map(CfnOutput.OutputFile::path).toList());
        assertTrue(out.files().get(1).content().contains("TemplateURL: ./many/many-000-template.yaml\n"));
        assertTrue(out.files().get(1).content().contains("  many000:\n"), "stack ID = child stem without punctuation");
    }

    @Test
    void writerWritesTheFilesAndTheCsvToStdout() throws IOException {
        Path input = accounts(2, "");
        StringWriter stdout = new StringWriter();
        CfnOutput out = generate(CfnOptions.builder(input).assignmentsCsv(CfnOptions.STDOUT));
        CfnWriter.write(out, new PrintWriter(stdout), Log.silent());
        assertEquals(out.files().get(0).content(), Files.readString(dir.resolve("templates/many.yaml")));
        assertTrue(stdout.toString().startsWith(AssignmentsCsv.HEADER + "\n" + INSTANCE + ",GROUP,g-1,,"
                + "arn:aws:sso:::permissionSet/ssoins-69e2ecd0b249f0cd/ps-1,,AWS_ACCOUNT,100000000000,,\n"), stdout.toString());
    }

    @Test
    void csvOnlyWritesNoTemplate() throws IOException {
        Path input = accounts(2, "");
        CfnOutput out = generate(CfnOptions.builder(input).assignmentsCsv(dir.resolve("a.csv")).assignmentsCsvOnly(true));
        assertTrue(out.files().isEmpty());
        CfnWriter.write(out, new PrintWriter(new StringWriter()), Log.silent());
        assertEquals(3, Files.readAllLines(dir.resolve("a.csv")).size());
        assertTrue(!Files.exists(dir.resolve("templates")));
    }

    @Test
    void theInstanceIsLookedUpOnlyWhenAConfigLacksIt() throws IOException {
        InMemoryDirectory d = InMemoryDirectory.standard();
        generate(CfnOptions.builder(accounts(1, "")), d);
        assertEquals(0, d.calls("ListInstances"));
        Path noInstance = config("n.yaml", "Group: g-1\nPermissionSets: ps-1\nAccounts: '1'\n");
        CfnOutput out = generate(CfnOptions.builder(noInstance), d);
        assertEquals(1, d.calls("ListInstances"));
        assertTrue(out.files().get(0).content().contains("InstanceArn: " + INSTANCE + "\n"));

        d.instances.add(new Directory.Instance("arn:aws:sso:::instance/ssoins-2222222222222222", "d-2"));
        SsokitException e = assertThrows(SsokitException.class, () -> generate(CfnOptions.builder(noInstance), d));
        assertEquals("2 Identity Center instances found, give --sso-instance with one of: " + INSTANCE
                + ", arn:aws:sso:::instance/ssoins-2222222222222222", e.getMessage());
        out = generate(CfnOptions.builder(noInstance).ssoInstance("ssoins-2222222222222222"), d);
        assertTrue(out.files().get(0).content().contains("ssoins-2222222222222222/ps-1\n"));
    }

    @Test
    void ouExpansionSkipsTheManagementAndInactiveAccountsAndFetchesEachParentOnce() throws IOException {
        InMemoryDirectory d = InMemoryDirectory.standard();
        Path input = config("o.yaml", "Instance: " + INSTANCE + "\nGroups: [g-1, g-2]\nPermissionSets: ps-1\n"
                + "RecursiveOUs: r-ab12\nOUs: ou-ab12-33333333\nAccounts: ['666666666666']\n");
        CfnOutput out = generate(CfnOptions.builder(input).assignmentsCsv(CfnOptions.STDOUT), d);
        List<String> rows = out.csv().lines().skip(1).map(l -> l.split(",", -1)[7] + "/" + l.split(",", -1)[9]).toList();
        // OUs, then recursive OUs, then accounts (aws-sso-util's order); a repeat keeps its first source
        assertEquals(List.of("444444444444/ou-ab12-33333333", "111111111111/r-ab12", "222222222222/r-ab12",
                "666666666666/r-ab12"), rows.subList(0, 4));
        assertEquals(8, rows.size(), "2 groups x 4 distinct accounts");
        assertEquals(4, d.calls("ListAccountsForParent"), "r-ab12 and its three OUs, once each");
        assertEquals(1, d.calls("DescribeOrganization"));
    }

    @Test
    void theBaseTemplateAloneIsNotAnInput() throws IOException {
        Path base = config("base.yaml", "Resources: {}\n");
        SsokitException e = assertThrows(SsokitException.class,
                () -> generate(CfnOptions.builder(base).baseTemplateFile(base)));
        assertEquals("no CONFIG_FILE left once the base template is set aside", e.getMessage());
    }

    @Test
    void twoInputsWritingOneFileIsAnError() throws IOException {
        Path a = accounts(1, "");
        Files.createDirectories(dir.resolve("sub"));
        Path b = Files.copy(a, dir.resolve("sub/many.yaml"));
        SsokitException e = assertThrows(SsokitException.class,
                () -> generate(CfnOptions.builder(a, b).outputDir(dir.resolve("out"))));
        assertTrue(e.getMessage().startsWith("two inputs would write the same file"), e.getMessage());
    }

    @Test
    void aMacroTemplateWithoutGroupsIsOnlyPostProcessed() throws IOException {
        Path input = config("t.yaml", """
                Transform: AWS-SSO-Util-2020-11-08
                Resources:
                  Set:
                    Type: SSOUtil::SSO::PermissionSet
                    Properties: {Name: X, ManagedPolicies: ReadOnlyAccess}
                """);
        CfnOutput out = generate(CfnOptions.builder(input).macro(true).ssoInstance(INSTANCE));
        assertEquals("""
                Resources:
                  Set:
                    Type: AWS::SSO::PermissionSet
                    Properties:
                      Name: X
                      ManagedPolicies:
                      - arn:aws:iam::aws:policy/ReadOnlyAccess
                      InstanceArn: arn:aws:sso:::instance/ssoins-69e2ecd0b249f0cd
                """, out.files().get(0).content());
    }

    @Test
    void unknownConfigKeysAreWarnedAboutNotFatal() throws IOException {
        Path input = accounts(1, "Comment: reviewed by the platform team\n");
        StringWriter err = new StringWriter();
        CfnOutput out = CfnGenerator.generate(CfnOptions.builder(input).build(), InMemoryDirectory.standard(),
                new Log(new PrintWriter(err), 0));
        assertEquals(1, out.files().size());
        assertTrue(err.toString().contains("warning: " + input + ": ignoring unknown key Comment\n"), err.toString());
    }

    @Test
    void macroChildStacksAreNamedAfterTheirAssignmentGroup() throws IOException {
        Path input = config("stack.yaml", """
                Transform: [AWS-SSO-Util-2020-11-08]
                Metadata: {SSO: {NumChildStacks: 2}}
                Resources:
                  Admins:
                    Type: SSOUtil::SSO::AssignmentGroup
                    Properties:
                      Principal: {Type: GROUP, Id: g-1}
                      PermissionSet: ps-1
                      Target: {Type: AWS_ACCOUNT, Ids: [111111111111, 222222222222, 333333333333, 444444444444]}
                """);
        CfnOutput out = generate(CfnOptions.builder(input).macro(true).ssoInstance(INSTANCE));
        List<Path> paths = out.files().stream().map(CfnOutput.OutputFile::path).toList();
        assertEquals(List.of(dir.resolve("templates/Admins/Admins-000.yaml"), dir.resolve("templates/Admins/Admins-001.yaml"),
                dir.resolve("templates/stack.yaml")), paths);
        String parent = out.files().get(2).content();
        assertTrue(parent.contains("  Admins000:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
                + "      TemplateURL: ./Admins/Admins-000.yaml\n"), parent);
        assertTrue(!parent.contains("Transform"), "a transform list left empty goes: " + parent);
        assertTrue(out.files().get(0).content().contains("  AdminsAssignment"), "prefixed logical IDs");
    }
}
