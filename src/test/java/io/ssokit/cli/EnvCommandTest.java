package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.credentials.CredentialCache;
import io.ssokit.sandbox.Sandbox;
import io.ssokit.shellenv.FakeHome;
import io.ssokit.shellenv.SandboxLogin;
import io.ssokit.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;

/** {@code env} and {@code unset}: selection, region rules, AWS_PROFILE, errors with empty stdout. */
class EnvCommandTest {
    @TempDir
    Path dir;

    private FakeHome home() throws Exception {
        return FakeHome.create(dir.resolve("home"));
    }

    /** Fails with the given code, one line on stderr, and NOTHING on stdout (eval must run nothing). */
    private static CliRun fails(int code, Env env, String... args) {
        CliRun r = CliRun.run(env, args);
        assertEquals("", r.out(), "stdout must stay empty on error: " + String.join(" ", args));
        assertEquals(code, r.code(), r.err());
        assertTrue(r.err().startsWith("ssokit: "), r.err());
        return r;
    }

    private static String ok(Env env, String... args) {
        CliRun r = CliRun.run(env, args);
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        return r.out();
    }

    @Test
    void errorsLeaveStdoutEmpty() throws Exception {
        FakeHome h = home();
        Env env = h.env();
        assertTrue(fails(2, env, "env", "--profile", "nope", "--shell", "bash").err().contains("'nope' does not exist"));
        assertTrue(fails(2, env, "env", "--shell", "bash").err().contains("profile 'default' has no credentials"), "default has a region only");
        fails(2, env, "env", "--profile", "dev", "--shell", "tcsh");
        fails(2, env, "env", "--profile", "dev", "--shell", "bash", "--format", "json");
        fails(2, env, "env", "--profile", "dev", "--format", "yaml");
        fails(2, env, "env", "--profile", "dev", "--account-id", "111111111111", "--role-name", "Developer");
        assertTrue(fails(2, env, "env", "--account-id", "111111111111").err().contains("--role-name"));
        assertTrue(fails(2, env, "env", "--role-name", "Developer").err().contains("--account-id"));
        fails(2, env, "env", "--profile", "dev", "--sso-region", "us-east-1");
        fails(2, env, "unset", "--shell", "csh");
        // what cmd.exe and dotenv cannot carry is refused, never mangled
        assertTrue(fails(2, env, "env", "--profile", FakeHome.HOSTILE_PROFILE, "--shell", "cmd").err().contains("cmd"));
        assertTrue(fails(2, env, "env", "--profile", FakeHome.HOSTILE_PROFILE, "--format", "dotenv").err().contains("dotenv"));
        // secrets never appear in messages
        CliRun r = CliRun.run(env, "env", "--profile", FakeHome.HOSTILE_PROFILE, "--shell", "cmd");
        assertFalse(r.err().contains(FakeHome.HOSTILE.secretAccessKey()));
    }

    @Test
    void aValueNoShellCanCarryIsRefusedWithEmptyStdout() throws Exception {
        FakeHome h = home();
        // a cache entry whose session token holds a NUL (a corrupt or hostile file)
        new CredentialCache(h.home.resolve(".aws/cli/cache")).save(CredentialCache.ssoKey("111111111111", "Developer",
                FakeHome.START_URL, null), new io.ssokit.credentials.Credentials("ASIA", "s", "tok\u0000en", FakeHome.EXPIRATION, null),
                "sso");
        for (String shell : new String[] {"bash", "zsh", "fish", "powershell", "cmd"}) {
            CliRun r = fails(2, h.env(), "env", "--profile", "dev", "--shell", shell);
            assertTrue(r.err().contains("AWS_SESSION_TOKEN") && r.err().contains("NUL"), r.err());
            assertFalse(r.err().contains("tok"), "the value is never shown");
        }
    }

    @Test
    void noProfileAtAll() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun r = fails(2, new Env(Map.of("HOME", empty.toString()), empty), "env", "--shell", "bash");
        assertTrue(r.err().contains("pass --profile NAME, or --account-id and --role-name"), r.err());
    }

    @Test
    void loginRequiredIsExitOneWithTheCommandToRun() throws Exception {
        FakeHome h = home();
        new CredentialCache(h.home.resolve(".aws/cli/cache")).delete(
                CredentialCache.ssoKey("111111111111", "Developer", FakeHome.START_URL, null));
        CliRun r = fails(1, h.env(), "env", "--profile", "dev", "--shell", "bash", "--non-interactive");
        assertTrue(r.err().contains("ssokit login"), r.err());
    }

    @Test
    void profileFromTheEnvironment() throws Exception {
        FakeHome h = home();
        String out = ok(h.env("AWS_PROFILE", "dev"), "env", "--shell", "bash");
        assertTrue(out.contains("export AWS_ACCESS_KEY_ID='" + FakeHome.DEV.accessKeyId() + "'"), out);
        out = ok(h.env("AWS_DEFAULT_PROFILE", "dev"), "env", "--shell", "bash");
        assertTrue(out.contains("export AWS_PROFILE='dev'"), out);
    }

    @Test
    void awsProfileOnlyForAProfile() throws Exception {
        FakeHome h = home();
        String out = ok(h.env("AWS_PROFILE", "dev"), "env", "-a", "333333333333", "-r", "Admin", "--shell", "bash");
        assertTrue(out.contains("unset AWS_PROFILE\n"), out);
        assertFalse(out.contains("export AWS_PROFILE"), out);
        assertFalse(out.contains("SSOKIT_PROFILE="), out);
        assertTrue(out.contains("export SSOKIT_ROLE_NAME='Admin'"), out);
    }

    @Test
    void regionRules() throws Exception {
        FakeHome h = home();
        // --region beats the profile's region, and is marked as ssokit's
        String out = ok(h.env("AWS_REGION", "us-west-2"), "env", "--profile", "dev", "--region", "sa-east-1", "--shell", "bash");
        assertTrue(out.contains("export AWS_REGION='sa-east-1'\nexport AWS_DEFAULT_REGION='sa-east-1'\n"), out);
        assertTrue(out.contains("export SSOKIT_REGION='sa-east-1'"), out);
        // no region in the profile: the user's own region is kept, ssokit claims nothing
        out = ok(h.env("AWS_REGION", "us-west-2"), "env", "--profile", "noregion", "--shell", "bash");
        assertTrue(out.contains("unset AWS_REGION\n"), out);
        assertTrue(out.contains("export AWS_REGION='us-west-2'"), out);
        assertFalse(out.contains("AWS_DEFAULT_REGION="), out);
        assertFalse(out.contains("SSOKIT_REGION="), out);
        // the region a previous env exported belongs to the previous identity: dropped
        out = ok(h.env("AWS_REGION", "eu-central-1", "AWS_DEFAULT_REGION", "eu-central-1", "SSOKIT_REGION", "eu-central-1"),
                "env", "--profile", "noregion", "--shell", "bash");
        assertFalse(out.contains("AWS_REGION="), out);
        assertFalse(out.contains("AWS_DEFAULT_REGION="), out);
    }

    @Test
    void unsetKeepsTheUsersRegionOnly() throws Exception {
        FakeHome h = home();
        String ours = ok(h.env("AWS_REGION", "eu-central-1", "SSOKIT_REGION", "eu-central-1"), "unset", "--shell", "bash");
        assertTrue(ours.contains("unset AWS_REGION\n"), ours);
        String users = ok(h.env("AWS_REGION", "us-west-2", "SSOKIT_REGION", "eu-central-1"), "unset", "--shell", "bash");
        assertFalse(users.contains("unset AWS_REGION\n"), users);
        assertTrue(users.contains("unset AWS_SESSION_TOKEN\n") && users.contains("unset SSOKIT_REGION\n"), users);
    }

    @Test
    void aCacheMissFetchesFromIdentityCenterAndCachesForTheNextCall() throws Exception {
        FakeHome h = home();
        try (Sandbox sb = SandboxLogin.start()) {
            SandboxLogin.login(sb, h);
            Env env = h.env("AWS_ENDPOINT_URL", sb.endpoint().toString());
            String first = ok(env, "env", "--profile", "fresh", "--format", "json");
            assertEquals(1, sb.stats().count("sso:GetRoleCredentials"));
            String second = ok(env, "env", "--profile", "fresh", "--format", "json");
            assertEquals(first, second, "the second call is a cache hit");
            assertEquals(1, sb.stats().count("sso:GetRoleCredentials"));
            ok(env, "env", "--profile", "fresh", "--format", "json", "--force-refresh");
            assertEquals(2, sb.stats().count("sso:GetRoleCredentials"));

            // the exported credentials work against STS
            Map<String, String> vars = jsonObject(second);
            try (io.ssokit.aws.AwsClients clients = new io.ssokit.aws.AwsClients(env);
                    StsClient sts = clients.sts("us-east-1", StaticCredentialsProvider.create(AwsSessionCredentials.create(
                            vars.get("AWS_ACCESS_KEY_ID"), vars.get("AWS_SECRET_ACCESS_KEY"), vars.get("AWS_SESSION_TOKEN"))))) {
                assertEquals("222222222222", sts.getCallerIdentity().account());
            }
            // a role the user does not have
            CliRun r = fails(1, env, "env", "-a", "333333333333", "-r", "NoSuchRole", "--shell", "bash");
            assertTrue(r.err().contains("no access to role NoSuchRole"), r.err());
        }
    }

    private static Map<String, String> jsonObject(String json) throws Exception {
        Map<String, String> out = new java.util.HashMap<>();
        try (com.fasterxml.jackson.core.JsonParser p = io.ssokit.json.Json.parser(json)) {
            p.nextToken();
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                out.put(name, p.getText());
            }
        }
        return out;
    }
}
