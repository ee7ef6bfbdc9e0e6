package io.ssokit.naming;

import static io.ssokit.naming.Naming.INSTANCE;
import static io.ssokit.naming.Naming.inputs;
import static io.ssokit.naming.Naming.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.SsokitException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Mustache side: variables, sections, helpers, and the mistakes Mustache would hide. */
class NameTemplateTest {
    private static final NameInput FIRST = new NameInput("123456789012", "R&D <team>", "Admin", "eu-west-1", 0, 2);
    private static final NameInput SECOND = new NameInput("123456789012", "R&D <team>", "Admin", "us-gov-west-1", 1, 2);

    private static String render(String template, NameInput input) {
        return NameTemplate.compile(template, NamingOptions.defaults()).render(input, INSTANCE);
    }

    private static SsokitException compileError(String template) {
        return assertThrows(SsokitException.class, () -> NameTemplate.compile(template, NamingOptions.defaults()));
    }

    @Test
    void htmlSpecialCharactersAreNotEscaped() {
        NamingOptions raw = NamingOptions.builder().safeAccountNames(false).build();
        assertEquals("R&D <team>/Admin", NameTemplate.compile("{{account_name}}/{{role_name}}", raw).render(FIRST, INSTANCE));
        assertEquals("R&D <team>", NameTemplate.compile("{{{account_name_raw}}}", raw).render(FIRST, INSTANCE));
        assertEquals("R&D-<team>", render("{{account_name}}", FIRST));
    }

    @Test
    void everyVariable() {
        InstanceInfo withSession = new InstanceInfo("https://d-1234.awsapps.com/start", "eu-central-1", "corp");
        String all = String.join("|", NameTemplate.VARIABLES.stream().map(v -> "{{" + v + "}}").toList());
        assertEquals("123456789012|R&D-<team>|R&D <team>|R&D-<team>|Admin|us-gov-west-1|us-gov-west-1|govwe1|govwe1|1|2"
                        + "|https://d-1234.awsapps.com/start|eu-central-1|corp|.",
                NameTemplate.compile(all, NamingOptions.defaults()).render(SECOND, withSession));
        assertEquals("us-gov-west-1", NameTemplate.compile("{{default_style_region}}",
                NamingOptions.builder().regionStyle(NamingOptions.RegionStyle.LONG).build()).render(SECOND, INSTANCE));
    }

    @Test
    void regionSectionFollowsIncludeRegion() {
        String t = "{{role_name}}{{#region}}@{{.}}/{{short_region}}{{/region}}{{^region}}@home{{/region}}";
        assertEquals("Admin@home", render(t, FIRST));
        assertEquals("Admin@us-gov-west-1/govwe1", render(t, SECOND));
        NamingOptions always = NamingOptions.builder().includeRegion(NamingOptions.IncludeRegion.ALWAYS).build();
        assertEquals("Admin@eu-west-1/euwe1", NameTemplate.compile(t, always).render(FIRST, INSTANCE));
    }

    @Test
    void aVariableWithoutAValueIsAnErrorOutsideASection() {
        NameTemplate t = NameTemplate.compile("{{role_name}}.{{region}}", NamingOptions.defaults());
        assertEquals("Admin.us-gov-west-1", t.render(SECOND, INSTANCE));
        SsokitException e = assertThrows(SsokitException.class, () -> t.render(FIRST, INSTANCE));
        assertTrue(e.getMessage().contains("{{region}} has no value for the first region"), e.getMessage());

        NameTemplate session = NameTemplate.compile("{{role_name}}{{#sso_session}}@{{sso_session}}{{/sso_session}}",
                NamingOptions.defaults());
        assertEquals("Admin", session.render(FIRST, INSTANCE));
        assertEquals("Admin@corp", session.render(FIRST, new InstanceInfo("u", "r", "corp")));
        SsokitException s = assertThrows(SsokitException.class,
                () -> NameTemplate.compile("{{sso_session}}", NamingOptions.defaults()).render(FIRST, INSTANCE));
        assertTrue(s.getMessage().contains("{{sso_session}} has no value"), s.getMessage());
    }

    @Test
    void unknownNameIsAnErrorThatListsTheKnownOnes() {
        SsokitException e = compileError("{{account_name}}.{{accont_id}}");
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("unknown name 'accont_id'"), e.getMessage());
        assertTrue(e.getMessage().contains("variables: account_id, account_name, account_name_raw"), e.getMessage());
        assertTrue(e.getMessage().contains("helpers (as sections"), e.getMessage());
        // inside sections and helpers too, and dotted names are not looked up
        assertTrue(compileError("{{#region}}{{length}}{{/region}}").getMessage().contains("'length'"));
        assertTrue(compileError("{{#upper}}{{rolename}}{{/upper}}").getMessage().contains("'rolename'"));
        assertTrue(compileError("{{^nope}}x{{/nope}}").getMessage().contains("'nope'"));
        assertTrue(compileError("{{region.length}}").getMessage().contains("'region.length'"));
    }

    @Test
    void helpersAreSectionsOnly() {
        assertTrue(compileError("{{upper}}").getMessage().contains("{{upper}} is a helper"));
        assertTrue(compileError("{{^lower}}x{{/lower}}").getMessage().contains("cannot be inverted"));
        assertTrue(compileError("{{.}}").getMessage().contains("{{.}} only has a value inside"));
    }

    @Test
    void caseHelpers() {
        NameInput in = new NameInput("1", "élan vital", "my-account_2x", "us-east-1", 0, 1);
        NamingOptions raw = NamingOptions.builder().safeAccountNames(false).build();
        assertEquals("Élan Vital|My-Account_2X|MY-ACCOUNT_2X|my-account_2x|Élan vital",
                NameTemplate.compile("{{#title}}{{account_name}}{{/title}}|{{#title}}{{role_name}}{{/title}}"
                        + "|{{#upper}}{{role_name}}{{/upper}}|{{#lower}}MY-{{#lower}}ACCOUNT{{/lower}}_2X{{/lower}}"
                        + "|{{#capitalize}}{{account_name}}{{/capitalize}}", raw).render(in, INSTANCE));
        assertEquals("strasse", NameTemplate.compile("{{#casefold}}{{account_name}}{{/casefold}}", raw)
                .render(new NameInput("1", "Straße", "r", "us-east-1", 0, 1), INSTANCE));
    }

    @Test
    void helpersApplyToTheRenderedSectionInNestingOrder() {
        NamingOptions options = NamingOptions.builder().trimRoleName("access$").build();
        NameInput in = new NameInput("1", "a", "PowerUserAccess", "us-east-1", 0, 1);
        // lower first, then trim: the trim sees lowercase text and removes the suffix
        assertEquals("poweruser", NameTemplate.compile("{{#trim_role_name}}{{#lower}}{{role_name}}{{/lower}}{{/trim_role_name}}",
                options).render(in, INSTANCE));
        // trim first, then lower: the trim sees "Access" and does nothing
        assertEquals("poweruseraccess", NameTemplate.compile("{{#lower}}{{#trim_role_name}}{{role_name}}{{/trim_role_name}}{{/lower}}",
                options).render(in, INSTANCE));
    }

    @Test
    void safeAndSpacesToDashesHelpers() {
        NameInput in = new NameInput("1", "  My  [Account] ", "Admin", "us-east-1", 0, 1);
        assertEquals("My-Account|--My--[Account]-", render("{{#safe}}{{account_name_raw}}{{/safe}}"
                + "|{{#spaces_to_dashes}}{{account_name_raw}}{{/spaces_to_dashes}}", in));
    }

    @Test
    void valuesAreNeverParsedAsTemplates() {
        NameInput in = new NameInput("1", "{{role_name}}", "{{#upper}}x{{/upper}}", "us-east-1", 0, 1);
        assertEquals("{{role_name}}/{{#UPPER}}X{{/UPPER}}",
                render("{{account_name}}/{{#upper}}{{role_name}}{{/upper}}", in));
    }

    @Test
    void nonAsciiNames() {
        NameInput in = new NameInput("1", "Ünïcode Kontö 日本", "Адмін", "us-east-1", 0, 1);
        assertEquals("Ünïcode-Kontö-日本.Адмін.АДМІН", render("{{account_name}}.{{role_name}}.{{#upper}}{{role_name}}{{/upper}}", in));
    }

    @Test
    void syntaxErrorsPartialsAndBlocksAreUsageErrors() {
        SsokitException mismatch = compileError("{{#region}}x{{/role_name}}");
        assertEquals(2, mismatch.exitCode());
        assertTrue(mismatch.getMessage().contains("invalid Mustache syntax"), mismatch.getMessage());
        assertTrue(compileError("{{#region}}x").getMessage().contains("invalid Mustache syntax"));
        assertTrue(compileError("{{> /etc/passwd}}").getMessage().contains("partials"));
        assertTrue(compileError("{{$block}}x{{/block}}").getMessage().contains("unsupported Mustache tag"));
        assertTrue(compileError("{{%IMPLICIT-ITERATOR}}{{role_name}}").getMessage().contains("pragmas"));
    }

    @Test
    void commentsAndDelimiterChangesWork() {
        assertEquals("Admin-{{x}}", render("{{! a comment }}{{role_name}}-{{=<% %>=}}{{x}}<%={{ }}=%>", FIRST));
    }

    @Test
    void delimiterChangesInsideHelperSectionsSurvive() {
        // Mustache.java re-parses a Function section's source without its delimiter changes
        assertEquals("{{X}}-ADMIN", render("{{#upper}}{{=<% %>=}}{{x}}<%={{ }}=%>-{{role_name}}{{/upper}}", FIRST));
        assertEquals("us-gov-west-1|US-GOV-WEST-1", render("{{#region}}{{.}}|{{#upper}}{{.}}{{/upper}}{{/region}}", SECOND));
    }

    @Test
    void longLiteralsFullOfDelimiterCandidatesStayLiteral() {
        String nasty = "<>%|~^@#$&*;:?!+-_.,'\"`()[]/\\aZ09{{}}{".repeat(3);
        String lit = MustacheText.literal(nasty);
        assertEquals(nasty + "Admin" + nasty, render(lit + "{{role_name}}" + lit, FIRST));
        assertEquals("plain.text", MustacheText.literal("plain.text"));
    }

    @Test
    void usesReportsHelpersAndVariables() {
        NameTemplate t = NameTemplate.compile("{{#trim_account_name}}{{account_name}}{{/trim_account_name}}", NamingOptions.defaults());
        assertTrue(t.uses("trim_account_name"));
        assertTrue(t.uses("account_name"));
        assertFalse(t.uses("trim_role_name"));
    }

    @Test
    void inlineTemplateThroughTheNamer() {
        NamingOptions options = NamingOptions.builder()
                .template("{{account_name}}.{{role_name}}{{#region}}.{{short_region}}{{/region}}").build();
        assertEquals(List.of("Prod-Account.AdministratorAccess", "Prod-Account.AdministratorAccess.euwe1"),
                names(options, inputs("123456789012", "Prod Account", "AdministratorAccess", "us-east-1", "eu-west-1")));
    }
}
