package io.ssokit.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.SsokitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped presets on a small organisation, and how a --profile-name-template value is resolved. */
class PresetsAndSourcesTest {
    /** Two accounts (one without a name, one with awkward characters), two roles, two regions. */
    private static List<NameInput> sampleOrg() {
        List<NameInput> inputs = new ArrayList<>();
        for (String[] account : new String[][] {{"111111111111", "Prod Account"}, {"222222222222", ""}}) {
            for (String role : List.of("AdministratorAccess", "ReadOnly")) {
                inputs.addAll(Naming.inputs(account[0], account[1], role, "us-east-1", "eu-west-1"));
            }
        }
        return inputs;
    }

    private static List<String> sortedNames(NamingOptions options) {
        return Naming.namer(options).nameAll(sampleOrg()).stream().map(NamedProfile::name).toList();
    }

    @Test
    void awsSsoUtilPresetEqualsTheDefaultComponents() {
        List<String> expected = List.of(
                "222222222222.AdministratorAccess", "222222222222.AdministratorAccess.euwe1",
                "222222222222.ReadOnly", "222222222222.ReadOnly.euwe1",
                "Prod-Account.AdministratorAccess", "Prod-Account.AdministratorAccess.euwe1",
                "Prod-Account.ReadOnly", "Prod-Account.ReadOnly.euwe1");
        assertEquals(expected, sortedNames(NamingOptions.builder().template("aws-sso-util").build()));
        assertEquals(expected, sortedNames(NamingOptions.defaults()));
        // and it follows --separator, --region-style and --include-region like the components do
        NamingOptions tweaked = NamingOptions.builder().separator("-").regionStyle(NamingOptions.RegionStyle.LONG)
                .includeRegion(NamingOptions.IncludeRegion.ALWAYS).build();
        assertEquals(List.of("222222222222-AdministratorAccess-eu-west-1", "222222222222-AdministratorAccess-us-east-1"),
                sortedNames(tweaked).subList(0, 2));
        assertEquals(sortedNames(tweaked), sortedNames(tweaked.toBuilder().template("aws-sso-util").build()));
    }

    @Test
    void awsCliPreset() {
        assertEquals(List.of(
                "AdministratorAccess-111111111111", "AdministratorAccess-111111111111-eu-west-1",
                "AdministratorAccess-222222222222", "AdministratorAccess-222222222222-eu-west-1",
                "ReadOnly-111111111111", "ReadOnly-111111111111-eu-west-1",
                "ReadOnly-222222222222", "ReadOnly-222222222222-eu-west-1"),
                sortedNames(NamingOptions.builder().template("aws-cli").build()));
    }

    @Test
    void grantedPreset() {
        assertEquals(List.of(
                "222222222222/AdministratorAccess", "222222222222/AdministratorAccess/eu-west-1",
                "222222222222/ReadOnly", "222222222222/ReadOnly/eu-west-1",
                "Prod-Account/AdministratorAccess", "Prod-Account/AdministratorAccess/eu-west-1",
                "Prod-Account/ReadOnly", "Prod-Account/ReadOnly/eu-west-1"),
                sortedNames(NamingOptions.builder().template("granted").build()));
        // granted replaces each space, not runs, and keeps brackets: such a name is refused
        NameInput awkward = new NameInput("3", "My  [Team]", "Admin", "us-east-1", 0, 1);
        SsokitException e = assertThrows(SsokitException.class,
                () -> Naming.namer(NamingOptions.builder().template("granted").build()).nameAll(List.of(awkward)));
        assertTrue(e.getMessage().contains("'My--[Team]/Admin'"), e.getMessage());
    }

    @Test
    void everyPresetIsDocumentedAndCompiles() throws Exception {
        for (String preset : TemplateSource.PRESETS) {
            String file;
            try (var in = getClass().getClassLoader().getResourceAsStream("templates/profile-names/" + preset + ".mustache")) {
                file = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            assertTrue(file.startsWith("{{! "), preset + " starts with a comment");
            TemplateSource source = TemplateSource.resolve(preset);
            assertEquals("preset " + preset, source.origin());
            assertFalse(source.text().contains("\n"));
            NameTemplate.compile(source.text(), NamingOptions.defaults());
        }
    }

    @Test
    void resolution(@TempDir Path dir) throws Exception {
        assertEquals("inline", TemplateSource.resolve("{{role_name}}").origin());
        Path file = dir.resolve("names.mustache");
        Files.writeString(file, "{{! my names }}\n{{account_id}}\n  _{{role_name}}\n");
        TemplateSource fromFile = TemplateSource.resolve(file.toString());
        assertEquals("file " + file, fromFile.origin());
        assertEquals("{{! my names }}{{account_id}}  _{{role_name}}", fromFile.text());
        // line breaks go, other whitespace stays
        assertEquals(List.of("123  _Admin"), Naming.names(NamingOptions.builder().template(file.toString()).build(),
                Naming.inputs("123", "x", "Admin", "us-east-1")));

        SsokitException unknown = assertThrows(SsokitException.class, () -> TemplateSource.resolve("grant"));
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.getMessage().contains("not a preset (aws-sso-util, aws-cli, granted)"), unknown.getMessage());
        SsokitException missing = assertThrows(SsokitException.class,
                () -> TemplateSource.resolve(dir.resolve("missing.mustache").toString()));
        assertTrue(missing.getMessage().contains("cannot read"), missing.getMessage());
        assertThrows(SsokitException.class, () -> TemplateSource.preset("nope"));
    }

    @Test
    void optionsThatATemplateReplacesAreRejected() {
        SsokitException components = assertThrows(SsokitException.class, () -> Naming.namer(
                NamingOptions.builder().template("aws-cli").components("account_id").build()));
        assertTrue(components.getMessage().contains("--components cannot be combined"), components.getMessage());
        SsokitException cases = assertThrows(SsokitException.class, () -> Naming.namer(
                NamingOptions.builder().template("aws-cli").roleNameCase(CaseTransform.LOWER).build()));
        assertTrue(cases.getMessage().contains("{{#lower}}{{account_name}}{{/lower}}"), cases.getMessage());
        SsokitException trim = assertThrows(SsokitException.class, () -> Naming.namer(
                NamingOptions.builder().template("aws-cli").trimRoleName("^AWS").build()));
        assertTrue(trim.getMessage().contains("--trim-role-name has no effect"), trim.getMessage());
        SsokitException both = assertThrows(SsokitException.class, () -> Naming.namer(
                NamingOptions.builder().template("aws-cli").process("true").build()));
        assertTrue(both.getMessage().contains("cannot be used together"), both.getMessage());
        for (SsokitException e : List.of(components, cases, trim, both)) {
            assertEquals(2, e.exitCode());
        }
    }

    @Test
    void trimRegexesReachATemplateThroughItsHelpers() {
        NamingOptions options = NamingOptions.builder()
                .template("{{#trim_account_name}}{{account_name}}{{/trim_account_name}}:{{#trim_role_name}}{{role_name}}{{/trim_role_name}}")
                .trimAccountName("^acme-").trimRoleName("^AWS").build();
        assertEquals(List.of("prod:Admin"), Naming.names(options, Naming.inputs("1", "acme-prod", "AWSAdmin", "us-east-1")));
    }

    @Test
    void templateDummyCheckCatchesABareRegionAtStartup() {
        SsokitException e = assertThrows(SsokitException.class, () -> Naming.namer(
                NamingOptions.builder().template("{{role_name}}-{{region}}").build()));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().startsWith("Invalid profile name format: profile-name template: {{region}} has no value"),
                e.getMessage());
        // fine when every region is named
        Naming.namer(NamingOptions.builder().template("{{role_name}}-{{region}}")
                .includeRegion(NamingOptions.IncludeRegion.ALWAYS).build());
    }
}
