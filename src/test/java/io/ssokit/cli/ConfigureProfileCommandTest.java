package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.config.AwsConfig;
import io.ssokit.config.Profile;
import io.ssokit.shell.ShellWords;
import io.ssokit.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ssokit configure profile} with every value on the command line: no portal is involved,
 * the real config model reads and writes a file in a temporary HOME.
 */
class ConfigureProfileCommandTest {
    static final String URL = "https://example.awsapps.com/start";

    @TempDir
    Path home;
    final Map<String, String> vars = new HashMap<>();

    Path config() {
        return home.resolve(".aws").resolve("config");
    }

    void writeConfig(String text) throws IOException {
        Files.createDirectories(config().getParent());
        Files.writeString(config(), text);
    }

    String readConfig() throws IOException {
        return Files.readString(config());
    }

    CliRun run(String... args) {
        vars.put("HOME", home.toString());
        return CliRun.run(new Env(vars, home), args);
    }

    static CliRun ok(CliRun r) {
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.out(), "stdout carries nothing: " + r);
        return r;
    }

    String[] full(String name, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("configure", "profile", name, "-u", URL, "--sso-region",
                "us-east-2", "-a", "123456789012", "-r", "Developer", "--region", "us-west-2"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void theReferenceExampleIsWrittenAsAwsSsoUtilWritesIt() throws IOException {
        vars.put("AWS_SSO_CREDENTIAL_PROCESS_NAME", "aws-sso-util credential-process");
        CliRun r = ok(run(full("dev", "-o", "json", "-c", "cli_pager=")));
        assertEquals("[profile dev]\n"
                + "sso_start_url = https://example.awsapps.com/start\n"
                + "sso_region = us-east-2\n"
                + "sso_account_id = 123456789012\n"
                + "sso_role_name = Developer\n"
                + "region = us-west-2\n"
                + "output = json\n"
                + "cli_pager = \n"
                + "credential_process = aws-sso-util credential-process --profile dev\n", readConfig());
        assertTrue(r.err().contains("Wrote profile dev to ~/.aws/config"), r.err());
        // and botocore's reading of it is the profile we meant
        Profile p = AwsConfig.load(new Env(vars, home)).profile("dev").orElseThrow();
        assertEquals("Developer", p.get("sso_role_name").orElseThrow());
        assertEquals("", p.get("cli_pager").orElseThrow());
    }

    @Test
    void theDefaultCredentialProcessIsSsokitAndNamesAreQuotedForTheShellSplitTheSdksUse() throws IOException {
        for (String name : List.of("dev", "my profile", "it's", "a\"b", "tab\there", "$(touch x)", "ünï")) {
            ok(run(full(name)));
            Profile p = AwsConfig.load(new Env(vars, home)).profile(name).orElseThrow();
            String line = p.get("credential_process").orElseThrow();
            assertEquals(List.of("ssokit", "credential-process", "--profile", name), ShellWords.split(line), line);
        }
        String text = readConfig();
        assertTrue(text.contains("credential_process = ssokit credential-process --profile dev\n"), text);
        assertTrue(text.contains("[profile 'my profile']\n"), text);
        assertTrue(text.contains("--profile 'my profile'\n"), text);
        assertTrue(text.contains("--profile 'it'\\''s'\n"), text);
    }

    @Test
    void theCredentialProcessCanBeTurnedOffByFlagOrEnvironmentAndTheFlagWins() throws IOException {
        ok(run(full("dev")));
        assertTrue(readConfig().contains("credential_process"));
        ok(run(full("dev", "--no-credential-process")));
        assertFalse(readConfig().contains("credential_process"), readConfig());
        vars.put("AWS_CONFIGURE_SSO_DISABLE_CREDENTIAL_PROCESS", "true");
        ok(run(full("other")));
        assertFalse(readConfig().contains("credential_process"), readConfig());
        ok(run(full("other", "--credential-process")));
        assertTrue(readConfig().contains("credential_process = ssokit credential-process --profile other\n"));
    }

    static final String EXISTING = "# my settings, keep them\n"
            + "[default]\n"
            + "region = eu-central-1 ; inline is not a comment here\n"
            + "\n"
            + "[profile dev]\n"
            + "# why this profile exists\n"
            + "sso_start_url = https://old.awsapps.com/start\n"
            + "sso_region = us-east-1\n"
            + "output = text\n"
            + "cli_pager = less\n"
            + "s3 =\n"
            + "  max_concurrent_requests = 20\n"
            + "\n"
            + "[profile other]   \n"
            + "region=ap-south-1\n";

    @Test
    void keepKeepsExistingKeysAndDoesNotApplyConfigDefaultsTheProfileHas() throws IOException {
        writeConfig(EXISTING);
        ok(run(full("dev", "-c", "cli_pager=more", "-c", "new_key=1", "--no-credential-process")));
        assertEquals("# my settings, keep them\n"
                + "[default]\n"
                + "region = eu-central-1 ; inline is not a comment here\n"
                + "\n"
                + "[profile dev]\n"
                + "# why this profile exists\n"
                + "sso_start_url = https://example.awsapps.com/start\n"
                + "sso_region = us-east-2\n"
                + "output = text\n"
                + "cli_pager = less\n"
                + "s3 =\n"
                + "  max_concurrent_requests = 20\n"
                + "sso_account_id = 123456789012\n"
                + "sso_role_name = Developer\n"
                + "region = us-west-2\n"
                + "new_key = 1\n"
                + "\n"
                + "[profile other]   \n"
                + "region=ap-south-1\n", readConfig());
    }

    @Test
    void overwriteAppliesConfigDefaultsOverExistingKeys() throws IOException {
        writeConfig(EXISTING);
        ok(run(full("dev", "-c", "cli_pager=more", "-c", "S3=flat", "--no-credential-process",
                "--existing-config-action", "overwrite")));
        String text = readConfig();
        assertTrue(text.contains("output = text\ncli_pager = more\ns3 = flat\nsso_account_id"), text);
        assertTrue(text.startsWith("# my settings, keep them\n[default]\nregion = eu-central-1 ; inline"), text);
        assertTrue(text.endsWith("\n\n[profile other]   \nregion=ap-south-1\n"), text);
    }

    @Test
    void discardRebuildsTheSectionButKeepsItsCommentsAndTheRestOfTheFile() throws IOException {
        writeConfig(EXISTING);
        ok(run(full("dev", "--existing-config-action", "discard", "--no-credential-process")));
        assertEquals("# my settings, keep them\n"
                + "[default]\n"
                + "region = eu-central-1 ; inline is not a comment here\n"
                + "\n"
                + "[profile dev]\n"
                + "# why this profile exists\n"
                + "sso_start_url = https://example.awsapps.com/start\n"
                + "sso_region = us-east-2\n"
                + "sso_account_id = 123456789012\n"
                + "sso_role_name = Developer\n"
                + "region = us-west-2\n"
                + "\n"
                + "[profile other]   \n"
                + "region=ap-south-1\n", readConfig());
    }

    @Test
    void runningAgainChangesNothingAndSaysSo() throws IOException {
        ok(run(full("dev")));
        String before = readConfig();
        CliRun r = ok(run(full("dev")));
        assertEquals(before, readConfig());
        assertTrue(r.err().contains("already up to date"), r.err());
    }

    @Test
    void anExistingProfileKeepsItsOwnInstanceWhenNoneIsGiven() throws IOException {
        writeConfig("[profile a]\nsso_start_url = https://a.awsapps.com/start\nsso_region = eu-west-1\n\n"
                + "[profile b]\nsso_start_url = https://b.awsapps.com/start\nsso_region = us-east-1\n");
        ok(run("configure", "profile", "b", "-a", "111111111111", "-r", "Admin", "--region", "us-east-1",
                "--non-interactive"));
        Profile b = AwsConfig.load(new Env(vars, home)).profile("b").orElseThrow();
        assertEquals("https://b.awsapps.com/start", b.get("sso_start_url").orElseThrow());
        assertEquals("Admin", b.get("sso_role_name").orElseThrow());
    }

    @Test
    void regionFallsBackToTheEnvironmentOnlyWhenTheProfileHasNone() throws IOException {
        vars.put("AWS_DEFAULT_REGION", "ca-central-1");
        ok(run("configure", "profile", "dev", "-u", URL, "--sso-region", "us-east-2", "-a", "1", "-r", "R",
                "--non-interactive"));
        assertTrue(readConfig().contains("region = ca-central-1\n"), readConfig());
        vars.put("AWS_CONFIGURE_DEFAULT_REGION", "sa-east-1");
        ok(run("configure", "profile", "dev", "--non-interactive"));
        assertTrue(readConfig().contains("region = ca-central-1\n"), readConfig());
        ok(run("configure", "profile", "new", "-u", URL, "--sso-region", "us-east-2", "-a", "1", "-r", "R",
                "--non-interactive"));
        assertTrue(readConfig().contains("[profile new]\nsso_start_url = https://example.awsapps.com/start\n"
                + "sso_region = us-east-2\nsso_account_id = 1\nsso_role_name = R\nregion = sa-east-1\n"), readConfig());
    }

    @Test
    void missingValuesFailWithExitTwoNameWhatIsMissingAndWriteNothing() throws IOException {
        writeConfig(EXISTING);
        CliRun r = run("configure", "profile", "dev", "-u", URL, "--sso-region", "us-east-2", "--non-interactive");
        assertEquals(2, r.code(), r::toString);
        assertEquals("", r.out());
        assertEquals("ssokit: profile dev is incomplete: missing the account (--account-id), the role (--role-name),"
                + " the region (--region); nothing was written\n", r.err());
        assertEquals(EXISTING, readConfig());
        // interactive (the default) without a terminal fails the same way
        r = run("configure", "profile", "dev", "-u", URL, "--sso-region", "us-east-2", "-a", "1");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("missing the role (--role-name), the region (--region) (no terminal"), r.err());
        assertEquals(EXISTING, readConfig());
    }

    @Test
    void badProfileNamesAreUsageErrors() throws IOException {
        writeConfig(EXISTING);
        for (String name : List.of("a]b", "x[y", "line\nbreak", " lead", "")) {
            CliRun r = run(full(name));
            assertEquals(2, r.code(), name + ": " + r);
            assertTrue(r.err().startsWith("ssokit: invalid profile name"), r.err());
            assertFalse(r.err().substring(0, r.err().length() - 1).contains("\n"), "one line: " + r.err());
        }
        assertEquals(EXISTING, readConfig());
    }

    @Test
    void aConfigFileWithASyntaxErrorIsLeftAlone() throws IOException {
        String broken = "[profile dev]\nregion = us-east-1\nregion = eu-west-1\n";
        writeConfig(broken);
        CliRun r = run(full("dev"));
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().startsWith("ssokit: ~/.aws/config:"), r.err());
        assertEquals(broken, readConfig());
    }

    @Test
    void anUnwritableConfigFileIsAnErrorWithNothingOnStdout() {
        vars.put("AWS_CONFIG_FILE", "/dev/null/config");
        CliRun r = run(full("dev"));
        assertEquals(1, r.code(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("ssokit: "), r.err());
    }

    @Test
    void unknownActionAndBadConfigDefaultAreUsageErrors() {
        CliRun r = run(full("dev", "--existing-config-action", "merge"));
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("choose from keep, overwrite, discard"), r.err());
        r = run(full("dev", "-c", "novalue"));
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--config-default takes KEY=VALUE"), r.err());
        r = run(full("dev", "--reselect", "--non-interactive"));
        assertEquals(2, r.code(), r::toString);
    }

    @Test
    void ssoSessionWritesTheSectionAndTheModernProfile() throws IOException {
        ok(run(full("dev", "--sso-session", "corp")));
        assertEquals("[sso-session corp]\n"
                + "sso_start_url = https://example.awsapps.com/start\n"
                + "sso_region = us-east-2\n"
                + "sso_registration_scopes = sso:account:access\n"
                + "\n"
                + "[profile dev]\n"
                + "sso_session = corp\n"
                + "sso_account_id = 123456789012\n"
                + "sso_role_name = Developer\n"
                + "region = us-west-2\n"
                + "credential_process = ssokit credential-process --profile dev\n", readConfig());
        // a second profile reuses the section, with its instance taken from it
        ok(run("configure", "profile", "ro", "--sso-session", "corp", "-a", "123456789012", "-r", "ReadOnly",
                "--region", "eu-west-1"));
        String text = readConfig();
        assertEquals(1, text.split("\\[sso-session corp\\]", -1).length - 1, text);
        assertTrue(text.endsWith("[profile ro]\nsso_session = corp\nsso_account_id = 123456789012\n"
                + "sso_role_name = ReadOnly\nregion = eu-west-1\n"
                + "credential_process = ssokit credential-process --profile ro\n"), text);
    }

    @Test
    void switchingALegacyProfileToASessionRemovesItsInlineInstance() throws IOException {
        ok(run(full("dev")));
        ok(run(full("dev", "--sso-session", "corp")));
        Profile p = AwsConfig.load(new Env(vars, home)).profile("dev").orElseThrow();
        assertEquals("corp", p.get("sso_session").orElseThrow());
        assertFalse(p.get("sso_start_url").isPresent());
        assertFalse(p.get("sso_region").isPresent());
        ok(run(full("dev")));
        p = AwsConfig.load(new Env(vars, home)).profile("dev").orElseThrow();
        assertFalse(p.get("sso_session").isPresent());
        assertEquals(URL, p.get("sso_start_url").orElseThrow());
    }

    @Test
    void aSessionNamingAnotherInstanceIsNotChangedUnlessAsked() throws IOException {
        String text = "[sso-session corp]\nsso_start_url = https://other.awsapps.com/start\nsso_region = eu-west-1\n";
        writeConfig(text);
        CliRun r = run(full("dev", "--sso-session", "corp"));
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("[sso-session corp] is for https://other.awsapps.com/start (eu-west-1)"), r.err());
        assertEquals(text, readConfig());
        ok(run(full("dev", "--sso-session", "corp", "--existing-config-action", "overwrite")));
        assertTrue(readConfig().startsWith("[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\n"
                + "sso_region = us-east-2\nsso_registration_scopes = sso:account:access\n"), readConfig());
    }

    @Test
    void theDefaultProfileGetsTheHeaderEverySdkReads() throws IOException {
        ok(run(full("default")));
        assertTrue(readConfig().startsWith("[default]\n"), readConfig());
    }
}
