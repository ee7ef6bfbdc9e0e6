package io.ssokit.naming;

import static io.ssokit.naming.Naming.inputs;
import static io.ssokit.naming.Naming.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.SsokitException;
import io.ssokit.naming.NamingOptions.IncludeRegion;
import io.ssokit.naming.NamingOptions.RegionStyle;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** aws-sso-util's components options, through the template they are translated into. */
class ComponentsTest {

    // §6.5 example 1: the defaults
    @Test
    void workedExample1Defaults() {
        assertEquals(List.of("Prod-Account.AdministratorAccess", "Prod-Account.AdministratorAccess.euwe1"),
                names(NamingOptions.defaults(),
                        inputs("123456789012", "Prod Account", "AdministratorAccess", "us-east-1", "eu-west-1")));
    }

    // §6.5 example 2
    @Test
    void workedExample2AccountIdRoleRegionAlways() {
        NamingOptions options = NamingOptions.builder().components("account_id,role_name,region").separator("-")
                .includeRegion(IncludeRegion.ALWAYS).build();
        assertEquals(List.of("123456789012-ReadOnly-ap-northeast-1"),
                names(options, inputs("123456789012", "Prod Account", "ReadOnly", "ap-northeast-1")));
    }

    // §6.5 example 3: safe name, then case, then trim
    @Test
    void workedExample3CaseBeforeTrim() {
        NamingOptions options = NamingOptions.builder().regionStyle(RegionStyle.LONG)
                .accountNameCase(CaseTransform.LOWER).roleNameCase(CaseTransform.LOWER)
                .trimAccountName("^acme-").trimRoleName("access$").build();
        assertEquals(List.of("sandbox-dev.poweruser", "sandbox-dev.poweruser.us-gov-west-1"),
                names(options, inputs("210987654321", "ACME-Sandbox [dev]", "PowerUserAccess", "us-west-2", "us-gov-west-1")));
    }

    // §6.5 example 3, last bullet: the trim sees lowercased text, so a capital A matches nothing
    @Test
    void workedExample3CapitalTrimMatchesNothingAfterLowercasing() {
        NamingOptions options = NamingOptions.builder().regionStyle(RegionStyle.LONG)
                .accountNameCase(CaseTransform.LOWER).roleNameCase(CaseTransform.LOWER)
                .trimAccountName("^acme-").trimRoleName("Access$").build();
        assertEquals(List.of("sandbox-dev.poweruseraccess", "sandbox-dev.poweruseraccess.us-gov-west-1"),
                names(options, inputs("210987654321", "ACME-Sandbox [dev]", "PowerUserAccess", "us-west-2", "us-gov-west-1")));
    }

    @Test
    void generatedTemplates() {
        assertEquals("{{account_name}}.{{role_name}}{{#region}}.{{short_region}}{{/region}}",
                ComponentsTemplate.translate(NamingOptions.defaults()));
        assertEquals("{{#trim_account_name}}{{#lower}}{{account_name}}{{/lower}}{{/trim_account_name}}"
                        + ".{{#title}}{{role_name}}{{/title}}{{#region}}.{{region_long}}{{/region}}",
                ComponentsTemplate.translate(NamingOptions.builder().accountNameCase(CaseTransform.LOWER)
                        .roleNameCase(CaseTransform.TITLE).trimAccountName("x").regionStyle(RegionStyle.LONG).build()));
        // region components first: the separator after them exists only with the region
        assertEquals("{{#region}}{{short_region}}_{{/region}}{{account_id}}_{{role_name}}",
                ComponentsTemplate.translate(NamingOptions.builder().components("short_region,account_number,role_name")
                        .separator("_").build()));
    }

    @Test
    void includeRegionDefaultOmitsOnlyTheFirstRegion() {
        List<NameInput> one = inputs("111111111111", "Dev", "Admin", "eu-central-1");
        List<NameInput> three = inputs("111111111111", "Dev", "Admin", "eu-central-1", "us-east-1", "ap-south-1");
        NamingOptions def = NamingOptions.defaults();
        assertEquals(List.of("Dev.Admin"), names(def, one));
        assertEquals(List.of("Dev.Admin", "Dev.Admin.usea1", "Dev.Admin.apso1"), names(def, three));
        NamingOptions always = NamingOptions.builder().includeRegion(IncludeRegion.ALWAYS).build();
        assertEquals(List.of("Dev.Admin.euce1"), names(always, one));
        assertEquals(List.of("Dev.Admin.euce1", "Dev.Admin.usea1", "Dev.Admin.apso1"), names(always, three));
    }

    @Test
    void regionStyleAndExplicitRegionComponents() {
        List<NameInput> two = inputs("111111111111", "Dev", "Admin", "eu-central-1", "us-gov-west-1");
        assertEquals(List.of("Dev.Admin", "Dev.Admin.us-gov-west-1"),
                names(NamingOptions.builder().regionStyle(RegionStyle.LONG).build(), two));
        // region and short_region are fixed whatever the style; both drop out for the first region
        assertEquals(List.of("Admin", "Admin.us-gov-west-1.govwe1"),
                names(NamingOptions.builder().components("role_name,region,short_region").build(), two));
    }

    @Test
    void separators() {
        List<NameInput> two = inputs("111111111111", "My Dev", "Admin", "us-east-1", "eu-west-1");
        assertEquals(List.of("My-Dev-Admin", "My-Dev-Admin-euwe1"), names(NamingOptions.builder().separator("-").build(), two));
        assertEquals(List.of("My-Dev :: Admin", "My-Dev :: Admin :: euwe1"),
                names(NamingOptions.builder().separator(" :: ").build(), two));
        assertEquals(List.of("My-Dev/Admin", "My-Dev/Admin/euwe1"), names(NamingOptions.builder().separator("/").build(), two));
        // braces would otherwise read as Mustache tags
        assertEquals(List.of("My-Dev{Admin", "My-Dev{Admin{euwe1"), names(NamingOptions.builder().separator("{").build(), two));
        assertEquals(List.of("My-Dev}}Admin", "My-Dev}}Admin}}euwe1"),
                names(NamingOptions.builder().separator("}}").build(), two));
    }

    @Test
    void unknownComponentsAreLiterals() {
        List<NameInput> two = inputs("111111111111", "Dev", "Admin", "us-east-1", "eu-west-1");
        assertEquals(List.of("sso.Dev.Admin", "sso.Dev.Admin.euwe1"),
                names(NamingOptions.builder().components("sso,account_name,role_name,default_style_region").build(), two));
        assertEquals(List.of("Dev.{{role_name}}.x{", "Dev.{{role_name}}.x{.euwe1"),
                names(NamingOptions.builder().components("account_name,{{role_name}},x{,short_region").build(), two));
        // an empty component is an empty literal, as str.join gives
        assertEquals(List.of("Dev..Admin", "Dev..Admin.euwe1"),
                names(NamingOptions.builder().components("account_name,,role_name,short_region").build(), two));
    }

    @Test
    void rawAccountNames() {
        List<NameInput> in = inputs("111111111111", "Team Dev", "Admin", "us-east-1");
        assertEquals(List.of("Team Dev.Admin"), names(NamingOptions.builder().safeAccountNames(false).build(), in));
        assertEquals(List.of("Team-Dev.Admin"), names(NamingOptions.builder().safeAccountNames(true).build(), in));
    }

    @Test
    void anAccountWithoutANameUsesItsId() {
        assertEquals(List.of("123456789012.Admin"), names(NamingOptions.defaults(), inputs("123456789012", "", "Admin", "us-east-1")));
        assertEquals(List.of("123456789012.Admin"), names(NamingOptions.defaults(), inputs("123456789012", null, "Admin", "us-east-1")));
    }

    @Test
    void caseTransformsOnEachName() {
        List<NameInput> in = inputs("111111111111", "my-account_2x", "straße admin", "us-east-1");
        assertEquals(List.of("My-Account_2X.strasse admin"), names(NamingOptions.builder()
                .accountNameCase(CaseTransform.TITLE).roleNameCase(CaseTransform.CASEFOLD).build(), in));
        assertEquals(List.of("MY-ACCOUNT_2X.Straße admin"), names(NamingOptions.builder()
                .accountNameCase(CaseTransform.UPPER).roleNameCase(CaseTransform.CAPITALIZE).build(), in));
    }

    @Test
    void trimsApplyInOrderWithLookarounds() {
        List<NameInput> in = inputs("111111111111", "acme-prod-eu", "AWSAdministratorAccess", "us-east-1");
        NamingOptions options = NamingOptions.builder().trimAccountName("^acme-").trimAccountName("(?<=prod)-eu$")
                .trimRoleName("^AWS").trimRoleName("Access$").build();
        assertEquals(List.of("prod.Administrator"), names(options, in));
    }

    @Test
    void theGeneratedTemplateIsShownInDebugOutput() {
        StringWriter sink = new StringWriter();
        ProfileNamer namer = ProfileNamer.create(NamingOptions.builder().separator("-").build(), Naming.INSTANCE,
                new Env(Map.of(), Path.of("/nonexistent")), Naming.log(sink, 1));
        String expected = "template (--components account_name,role_name,default_style_region): "
                + "{{account_name}}-{{role_name}}{{#region}}-{{short_region}}{{/region}}";
        assertEquals(expected, namer.description());
        assertTrue(sink.toString().contains("debug: profile name " + expected), sink.toString());
    }

    @Test
    void onlyRegionComponentsGiveAnEmptyFirstNameWhichIsRejectedUpFront() {
        SsokitException e = assertThrows(SsokitException.class,
                () -> Naming.namer(NamingOptions.builder().components("region").build()));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().startsWith("Invalid profile name format: "), e.getMessage());
        assertTrue(e.getMessage().contains("the name is empty"), e.getMessage());
    }

    @Test
    void badTrimRegexIsAUsageError() {
        SsokitException e = assertThrows(SsokitException.class,
                () -> Naming.namer(NamingOptions.builder().trimRoleName("[unclosed").build()));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("--trim-role-name: invalid regular expression '[unclosed'"), e.getMessage());
    }

    @Test
    void skipFromATemplateDropsTheProfile() {
        List<NameInput> in = inputs("111111111111", "Dev", "Admin", "us-east-1");
        assertEquals(List.of("SKIP"), names(NamingOptions.builder().components("SKIP").build(), in));
        assertEquals(List.of(), Naming.namer(NamingOptions.builder().components("SKIP").build()).nameAll(in));
    }
}
