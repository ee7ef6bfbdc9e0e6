package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.completion.CandidateIndex;
import io.ssokit.config.AwsConfig;
import io.ssokit.config.Profile;
import io.ssokit.sso.Instance;
import io.ssokit.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ssokit configure populate} in-process against the sandbox over HTTP, writing a real config file. */
class ConfigurePopulateCommandTest {
    @TempDir
    Path home;
    PortalFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    PortalFixture loggedIn() {
        fixture = new PortalFixture(home).defaultInstance();
        fixture.login(PortalFixture.LEGACY);
        fixture.sandbox.resetStats();
        return fixture;
    }

    Path config() {
        return home.resolve(".aws").resolve("config");
    }

    String readConfig() throws IOException {
        return Files.readString(config());
    }

    AwsConfig load() {
        return AwsConfig.load(fixture.env());
    }

    static CliRun ok(CliRun r) {
        assertEquals(0, r.code(), r::toString);
        return r;
    }

    static final List<String> DEFAULT_NAMES = List.of(
            "Development.AdministratorAccess", "Development.AdministratorAccess.euwe1",
            "Development.Developer", "Development.Developer.euwe1",
            "Development.ReadOnly", "Development.ReadOnly.euwe1",
            "Production-EU.Developer", "Production-EU.Developer.euwe1",
            "Production-EU.ReadOnly", "Production-EU.ReadOnly.euwe1",
            "Staging.Developer", "Staging.Developer.euwe1",
            "Staging.ReadOnly", "Staging.ReadOnly.euwe1");

    @Test
    void everyAccountRoleAndRegionGetsAProfileNamedAsAwsSsoUtilNamesIt() throws IOException {
        PortalFixture f = loggedIn();
        CliRun r = ok(f.run("configure", "populate", "-r", "us-east-1", "-r", "eu-west-1"));
        assertEquals("", r.out());
        assertTrue(r.err().contains("Writing 14 profiles to ~/.aws/config (14 added, 0 changed, 0 unchanged, 0 removed)"),
                r.err());
        assertEquals(DEFAULT_NAMES, load().profileNames());
        String text = readConfig();
        assertTrue(text.startsWith("[profile Development.AdministratorAccess]\n"
                + "sso_start_url = https://sandbox.awsapps.com/start\n"
                + "sso_region = us-east-1\n"
                + "sso_account_name = Development\n"
                + "sso_account_id = 111111111111\n"
                + "sso_role_name = AdministratorAccess\n"
                + "region = us-east-1\n"
                + "credential_process = ssokit credential-process --profile Development.AdministratorAccess\n"
                + "sso_auto_populated = true\n"
                + "\n[profile Development.AdministratorAccess.euwe1]\n"), text);
        Profile eu = load().profile("Production-EU.ReadOnly.euwe1").orElseThrow();
        assertEquals("Production [EU]", eu.get("sso_account_name").orElseThrow());
        assertEquals("eu-west-1", eu.get("region").orElseThrow());
        // accounts listed once, roles once per account: the listing is not repeated per region
        assertEquals(1, f.sandbox.stats().count("sso:ListAccounts"));
        assertEquals(3, f.sandbox.stats().count("sso:ListAccountRoles"));
    }

    @Test
    void runningAgainChangesNothingByteForByte() throws IOException {
        PortalFixture f = loggedIn();
        ok(f.run("configure", "populate", "-r", "us-east-1"));
        String before = readConfig();
        CliRun r = ok(f.run("configure", "populate", "-r", "us-east-1"));
        assertTrue(r.err().contains("(0 added, 0 changed, 7 unchanged, 0 removed)"), r.err());
        assertEquals(before, readConfig());
    }

    @Test
    void dryRunPrintsTheIniOnStdoutTheDiffOnStderrAndWritesNothing() throws IOException {
        PortalFixture f = loggedIn();
        f.writeConfig("[profile Staging.ReadOnly]\nregion = us-east-1\n");
        String before = readConfig();
        CliRun r = ok(f.run("configure", "populate", "-r", "us-east-1", "--dry-run", "--no-credential-process"));
        assertEquals(before, readConfig());
        assertTrue(r.out().startsWith("[profile Development.AdministratorAccess]\n"
                + "sso_start_url = https://sandbox.awsapps.com/start\n"
                + "sso_region = us-east-1\n"
                + "sso_account_name = Development\n"
                + "sso_account_id = 111111111111\n"
                + "sso_role_name = AdministratorAccess\n"
                + "region = us-east-1\n"
                + "sso_auto_populated = true\n"
                + "\n"
                + "[profile Development.Developer]\n"), r.out());
        assertTrue(r.out().endsWith("[profile Staging.ReadOnly]\nregion = us-east-1\nsso_start_url = "
                + "https://sandbox.awsapps.com/start\nsso_region = us-east-1\nsso_account_name = Staging\n"
                + "sso_account_id = 222222222222\nsso_role_name = ReadOnly\nsso_auto_populated = true\n\n"), r.out());
        assertTrue(r.err().contains("Dry run for 7 profiles in ~/.aws/config (6 added, 1 changed, 0 unchanged, 0 removed)"),
                r.err());
        assertTrue(r.err().contains("+ [profile Development.AdministratorAccess]\n"), r.err());
        assertTrue(r.err().contains("~ [profile Staging.ReadOnly] (sso_start_url, sso_region, sso_account_name,"
                + " sso_account_id, sso_role_name, sso_auto_populated)\n"), r.err());
    }

    @Test
    void pruneRemovesExactlyTheStaleAutoPopulatedProfilesOfThisInstance() throws IOException {
        PortalFixture f = loggedIn();
        String keep = "# top comment\n[profile mine]\nregion = eu-west-1 # not a comment\n";
        String stale = "\n[profile Gone.Developer]\nsso_start_url = https://sandbox.awsapps.com/start\n"
                + "sso_region = us-east-1\nsso_account_id = 444444444444\nsso_role_name = Developer\n"
                + "sso_auto_populated = true\n";
        String staleRole = "\n[profile Development.OldRole]\nsso_start_url = https://sandbox.awsapps.com/start\n"
                + "sso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = OldRole\n"
                + "sso_auto_populated = true\n";
        String otherInstance = "\n[profile Elsewhere.Developer]\nsso_start_url = https://other.awsapps.com/start\n"
                + "sso_region = us-east-1\nsso_account_id = 444444444444\nsso_role_name = Developer\n"
                + "sso_auto_populated = true\n";
        String handMade = "\n[profile by-hand]\nsso_start_url = https://sandbox.awsapps.com/start\n"
                + "sso_region = us-east-1\nsso_account_id = 444444444444\nsso_role_name = Developer\n";
        String renamed = "\n[profile dev-admin]\nsso_start_url = https://sandbox.awsapps.com/start\n"
                + "sso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = AdministratorAccess\n"
                + "sso_auto_populated = true\n";
        f.writeConfig(keep + stale + staleRole + otherInstance + handMade + renamed);

        CliRun dry = ok(f.run("configure", "populate", "-r", "us-east-1", "--prune", "--dry-run"));
        assertTrue(dry.err().contains("- [profile Gone.Developer]\n- [profile Development.OldRole]\n"), dry.err());
        assertFalse(dry.out().contains("Gone.Developer"), dry.out());

        CliRun r = ok(f.run("configure", "populate", "-r", "us-east-1", "--prune"));
        assertTrue(r.err().contains("(7 added, 0 changed, 0 unchanged, 2 removed)"), r.err());
        assertTrue(r.err().contains("1 auto-populated profile(s) of this instance were not generated this time"
                + " although their account and role still exist (kept; remove them by hand if unwanted): dev-admin"), r.err());
        String text = readConfig();
        assertTrue(text.startsWith(keep + otherInstance + handMade + renamed + "\n[profile Development.AdministratorAccess]\n"),
                text);
        assertFalse(text.contains("Gone.Developer"));
        assertFalse(text.contains("OldRole"));
    }

    @Test
    void withoutPruneNothingIsRemoved() throws IOException {
        PortalFixture f = loggedIn();
        String stale = "[profile Gone.Developer]\nsso_start_url = https://sandbox.awsapps.com/start\n"
                + "sso_region = us-east-1\nsso_account_id = 444444444444\nsso_role_name = Developer\n"
                + "sso_auto_populated = true\n";
        f.writeConfig(stale);
        ok(f.run("configure", "populate", "-r", "us-east-1"));
        assertTrue(readConfig().startsWith(stale), readConfig());
    }

    @Test
    void ssoSessionPopulatesModernProfilesAndTheSection() throws IOException {
        fixture = new PortalFixture(home);
        Instance session = Instance.session("corp", PortalFixture.START_URL, PortalFixture.REGION, List.of("sso:account:access"));
        fixture.login(session);
        CliRun r = ok(fixture.run("configure", "populate", "--sso-session", "corp", "-u", PortalFixture.START_URL,
                "--sso-region", PortalFixture.REGION, "-r", "eu-west-1"));
        assertTrue(r.err().contains("7 added"), r.err());
        String text = readConfig();
        assertTrue(text.startsWith("[sso-session corp]\nsso_start_url = https://sandbox.awsapps.com/start\n"
                + "sso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n"
                + "[profile Development.AdministratorAccess]\nsso_session = corp\nsso_account_name = Development\n"
                + "sso_account_id = 111111111111\nsso_role_name = AdministratorAccess\nregion = eu-west-1\n"), text);
        // the second run finds the instance in the section alone
        r = ok(fixture.run("configure", "populate", "--sso-session", "corp", "-r", "eu-west-1"));
        assertTrue(r.err().contains("(0 added, 0 changed, 7 unchanged, 0 removed)"), r.err());
    }

    @Test
    void aPresetTemplateNamesTheProfiles() {
        PortalFixture f = loggedIn();
        ok(f.run("configure", "populate", "-r", "us-east-1", "--profile-name-template", "aws-cli"));
        assertEquals(List.of("AdministratorAccess-111111111111", "Developer-111111111111", "Developer-222222222222",
                "Developer-333333333333", "ReadOnly-111111111111", "ReadOnly-222222222222", "ReadOnly-333333333333"),
                load().profileNames());
    }

    @Test
    void anInlineTemplateWithLambdasAndRegions() {
        PortalFixture f = loggedIn();
        ok(f.run("configure", "populate", "-r", "us-east-1", "-r", "ap-northeast-1", "--profile-name-template",
                "{{#lower}}{{account_name}}{{/lower}}/{{role_name}}{{#region}}@{{short_region}}{{/region}}"));
        List<String> names = load().profileNames();
        assertTrue(names.contains("production-eu/ReadOnly"), names.toString());
        assertTrue(names.contains("production-eu/ReadOnly@apne1"), names.toString());
        assertEquals(14, names.size());
    }

    @Test
    void anInvalidTemplateIsAUsageErrorBeforeAnyPortalCall() throws IOException {
        PortalFixture f = loggedIn();
        f.writeConfig("[profile keep]\nregion = us-east-1\n");
        for (String template : List.of("{{#account_name}", "{{nope}}", "no-such-preset", "{{account_name}}]")) {
            CliRun r = f.run("configure", "populate", "-r", "us-east-1", "--profile-name-template", template);
            assertEquals(2, r.code(), template + ": " + r);
            assertEquals("", r.out());
            assertTrue(r.err().startsWith("ssokit: "), r.err());
        }
        assertEquals(0, f.sandbox.stats().count("sso:ListAccounts"));
        assertEquals("[profile keep]\nregion = us-east-1\n", readConfig());
    }

    @Test
    void duplicateGeneratedNamesFailAndNothingIsWritten() throws IOException {
        PortalFixture f = loggedIn();
        f.writeConfig("[profile keep]\nregion = us-east-1\n");
        CliRun r = f.run("configure", "populate", "-r", "us-east-1", "--components", "account_id");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("is generated twice"), r.err());
        assertTrue(r.err().contains("(nothing was written)"), r.err());
        assertEquals("[profile keep]\nregion = us-east-1\n", readConfig());
    }

    @Test
    void skipFromAProfileNameProcessDropsProfiles() throws IOException {
        PortalFixture f = loggedIn();
        Path namer = home.resolve("namer.sh");
        Files.writeString(namer, "#!/bin/sh\nif [ \"$3\" = ReadOnly ]; then echo SKIP; else echo \"$2-$3\"; fi\n");
        namer.toFile().setExecutable(true);
        f.vars.put("PATH", System.getenv("PATH"));
        ok(f.run("configure", "populate", "-r", "us-east-1", "--profile-name-process", namer.toString()));
        assertEquals(List.of("111111111111-AdministratorAccess", "111111111111-Developer", "222222222222-Developer",
                "333333333333-Developer"), load().profileNames());
    }

    @Test
    void noRegionIsAUsageErrorAndTheEnvironmentCanGiveOne() {
        PortalFixture f = loggedIn();
        CliRun r = f.run("configure", "populate");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().startsWith("ssokit: Missing arguments: --region"), r.err());
        f.vars.put("AWS_DEFAULT_REGION", "sa-east-1");
        ok(f.run("configure", "populate"));
        assertEquals("sa-east-1", load().profile("Staging.ReadOnly").orElseThrow().get("region").orElseThrow());
    }

    @Test
    void aConfigFileWithASyntaxErrorStopsTheRunBeforeLogin() throws IOException {
        PortalFixture f = loggedIn();
        String broken = "[profile a]\nregion = x\n[profile a]\nregion = y\n";
        f.writeConfig(broken);
        CliRun r = f.run("configure", "populate", "-r", "us-east-1");
        assertEquals(2, r.code(), r::toString);
        assertEquals(broken, readConfig());
        assertEquals(0, f.sandbox.stats().count("sso:ListAccounts"));
    }

    @Test
    void withoutATokenItSaysHowToLogInAndWritesNothing() {
        fixture = new PortalFixture(home).defaultInstance();
        CliRun r = fixture.run("configure", "populate", "-r", "us-east-1");
        assertEquals(1, r.code(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().contains("ssokit login"), r.err());
        assertFalse(Files.exists(config()));
    }

    @Test
    void everyListedAccountAndRoleGoesToTheCandidateIndex() {
        PortalFixture f = loggedIn();
        ok(f.run("configure", "populate", "-r", "us-east-1"));
        List<CandidateIndex.Row> rows = CandidateIndex.read(f.env());
        assertEquals("111111111111 Development [AdministratorAccess, Developer, ReadOnly]|222222222222 Staging"
                + " [Developer, ReadOnly]|333333333333 Production [EU] [Developer, ReadOnly]",
                rows.stream().map(x -> x.accountId() + " " + x.accountName() + " " + x.roles())
                        .collect(Collectors.joining("|")));
    }

    @Test
    void aLargeOrganisationIsListedConcurrentlyAndWrittenOnce() throws IOException {
        fixture = new PortalFixture(home, b -> b.org(io.ssokit.sandbox.Org.generated(200, 3)).throttleRps(400));
        fixture.defaultInstance();
        fixture.login(PortalFixture.LEGACY);
        CliRun r = ok(fixture.run("configure", "populate", "-r", "us-east-1", "-r", "eu-west-1", "--prune"));
        assertTrue(r.err().contains("Writing 1200 profiles"), r.err());
        assertEquals(1200, load().profileNames().size());
        String before = readConfig();
        r = ok(fixture.run("configure", "populate", "-r", "us-east-1", "-r", "eu-west-1", "--prune"));
        assertTrue(r.err().contains("(0 added, 0 changed, 1200 unchanged, 0 removed)"), r.err());
        assertEquals(before, readConfig());
    }

    @Test
    void theReferenceWorkedExampleThreeEndToEnd() {
        fixture = new PortalFixture(home, b -> b.org(new io.ssokit.sandbox.Org(null, List.of(
                new io.ssokit.sandbox.Org.Account("123456789012", "ACME-Sandbox [dev]", null, List.of("PowerUserAccess"), null),
                new io.ssokit.sandbox.Org.Account("210987654321", "Zürich Ämter", null, List.of("ReadOnly"), null)),
                null, null)));
        fixture.defaultInstance();
        fixture.login(PortalFixture.LEGACY);
        ok(fixture.run("configure", "populate", "-r", "us-west-2", "-r", "us-gov-west-1", "--region-style", "long",
                "--account-name-case", "lower", "--role-name-case", "lower", "--trim-account-name", "^acme-",
                "--trim-role-name", "access$"));
        assertEquals(List.of("sandbox-dev.poweruser", "sandbox-dev.poweruser.us-gov-west-1", "zürich-ämter.readonly",
                "zürich-ämter.readonly.us-gov-west-1"), load().profileNames());
        Profile p = load().profile("sandbox-dev.poweruser.us-gov-west-1").orElseThrow();
        assertEquals("ACME-Sandbox [dev]", p.get("sso_account_name").orElseThrow());
        assertEquals("us-gov-west-1", p.get("region").orElseThrow());
    }

    @Test
    void aNewSessionWithoutATokenSaysToRunInATerminalNotToLogInToASectionThatDoesNotExist() {
        PortalFixture f = loggedIn();
        CliRun r = f.run("configure", "populate", "--sso-session", "fresh", "-u", PortalFixture.START_URL,
                "--sso-region", PortalFixture.REGION, "-r", "us-east-1");
        assertEquals(1, r.code(), r::toString);
        assertEquals("ssokit: no usable token for the new [sso-session fresh] (https://sandbox.awsapps.com/start,"
                + " us-east-1); run this command in a terminal, where it signs in (nothing was written)\n", r.err());
        assertFalse(Files.exists(config()));
    }

    @Test
    void anUnwritableConfigFileFailsAfterListingWithNothingOnStdout() {
        PortalFixture f = loggedIn();
        f.vars.put("AWS_CONFIG_FILE", "/dev/null/config");
        CliRun r = f.run("configure", "populate", "-r", "us-east-1");
        assertEquals(1, r.code(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().contains("ssokit: "), r.err());
    }
}
