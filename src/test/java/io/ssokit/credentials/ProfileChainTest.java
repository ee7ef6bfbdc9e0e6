package io.ssokit.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.SsokitException;
import io.ssokit.config.AwsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS CLI v2's precedence for every kind of profile, decided from the config alone. */
class ProfileChainTest {
    @TempDir
    Path home;

    private ProfilePlan plan(String config, String credentials, String profile) throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), config);
        Files.writeString(home.resolve(".aws/credentials"), credentials);
        Env env = new Env(Map.of("HOME", home.toString()), home);
        return ProfileChain.plan(AwsConfig.load(env), env, profile);
    }

    private String error(String config, String profile) {
        SsokitException e = assertThrows(SsokitException.class, () -> plan(config, "", profile));
        assertEquals(2, e.exitCode());
        return e.getMessage();
    }

    @Test
    void precedenceOfAProfilesOwnProviders() throws Exception {
        String sso = "sso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111111111111\n"
                + "sso_role_name = Dev\n";
        String keys = "aws_access_key_id = AKIACONFIG\naws_secret_access_key = s\n";
        // SSO beats static keys and credential_process
        assertInstanceOf(ProfilePlan.Sso.class, plan("[profile p]\n" + sso + keys + "credential_process = x\n", "", "p"));
        // credentials-file keys beat credential_process, which beats config-file keys
        ProfilePlan p = plan("[profile p]\ncredential_process = run me\n" + keys, "[p]\naws_access_key_id = AKIACRED\n"
                + "aws_secret_access_key = s2\naws_session_token = t\n", "p");
        assertEquals("AKIACRED", ((ProfilePlan.StaticKeys) p).credentials().accessKeyId());
        assertEquals("t", ((ProfilePlan.StaticKeys) p).credentials().sessionToken());
        assertEquals("run me", ((ProfilePlan.Process) plan("[profile p]\ncredential_process = run me\n" + keys, "", "p")).commandLine());
        assertEquals("config file", ((ProfilePlan.StaticKeys) plan("[profile p]\n" + keys, "", "p")).file());
        // role_arn beats everything in the profile asked for
        assertInstanceOf(ProfilePlan.AssumeRole.class, plan("[profile p]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = s\n"
                + sso + "[profile s]\n" + keys, "", "p"));
    }

    @Test
    void aSourceWithKeysGivesItsKeysEvenWithARoleArn() throws Exception {
        ProfilePlan.AssumeRole a = (ProfilePlan.AssumeRole) plan("[profile top]\nrole_arn = arn:aws:iam::222222222222:role/Top\n"
                + "source_profile = mid\n[profile mid]\nrole_arn = arn:aws:iam::1:role/Mid\nsource_profile = base\n"
                + "aws_access_key_id = AKIAMID\naws_secret_access_key = s\n", "", "top");
        assertEquals("AKIAMID", ((ProfilePlan.StaticKeys) a.source()).credentials().accessKeyId());
        assertEquals("222222222222", a.accountId());
        assertEquals("Top", a.roleName());
    }

    @Test
    void chainsOfAnyDepthCarryTheirSettings() throws Exception {
        StringBuilder c = new StringBuilder("[profile r0]\naws_access_key_id = A\naws_secret_access_key = s\n");
        for (int i = 1; i <= 6; i++) {
            c.append("[profile r").append(i).append("]\nrole_arn = arn:aws:iam::111111111111:role/path/R").append(i)
                    .append("\nsource_profile = r").append(i - 1).append('\n');
        }
        c.append("external_id = x\nmfa_serial = arn:aws:iam::1:mfa/me\nduration_seconds = 1800\nrole_session_name = me\n"
                + "region = eu-west-3\n");
        ProfilePlan.AssumeRole top = (ProfilePlan.AssumeRole) plan(c.toString(), "", "r6");
        assertEquals(7, ProfilePlan.steps(top).size());
        assertEquals(new AssumeRoleRequest("arn:aws:iam::111111111111:role/path/R6", "me", "x", "arn:aws:iam::1:mfa/me", 1800, null),
                top.request());
        assertEquals("R6", top.roleName());
        assertEquals("eu-west-3", top.stsRegion());
        assertNull(((ProfilePlan.AssumeRole) top.source()).request().roleSessionName());
        // botocore ignores a duration that is not a number
        assertNull(((ProfilePlan.AssumeRole) plan("[profile r]\nrole_arn = arn:aws:iam::1:role/R\nduration_seconds = 1h\n"
                + "source_profile = s\n[profile s]\naws_access_key_id = A\naws_secret_access_key = s\n", "", "r")).request()
                .durationSeconds());
    }

    @Test
    void loopsAreNamedWithTheWholeCycle() {
        String c = "[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n"
                + "[profile b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = c\n"
                + "[profile c]\nrole_arn = arn:aws:iam::1:role/C\nsource_profile = b\n"
                + "[profile me]\nrole_arn = arn:aws:iam::1:role/Me\nsource_profile = me\n";
        assertTrue(error(c, "a").endsWith("loops: b -> c -> b"), error(c, "a"));
        assertTrue(error(c, "me").endsWith("loops: me -> me"), "a profile without keys cannot be its own source");
    }

    @Test
    void selfReferenceWithKeysIsAllowed() throws Exception {
        ProfilePlan.AssumeRole a = (ProfilePlan.AssumeRole) plan("[profile me]\nrole_arn = arn:aws:iam::1:role/Me\n"
                + "source_profile = me\naws_access_key_id = A\naws_secret_access_key = s\n", "", "me");
        assertInstanceOf(ProfilePlan.StaticKeys.class, a.source());
    }

    @Test
    void brokenConfigurationsSayWhatIsWrong() {
        String keys = "[profile s]\naws_access_key_id = A\naws_secret_access_key = s\n";
        assertTrue(error("[profile r]\nrole_arn = arn:aws:iam::1:role/R\n", "r").contains("neither source_profile nor credential_source"));
        assertTrue(error(keys + "[profile r]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = s\ncredential_source = Environment\n",
                "r").contains("both source_profile and credential_source"));
        assertTrue(error("[profile r]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = gone\n", "r")
                .contains("the source_profile 'gone' of profile 'r' does not exist"));
        assertTrue(error("[profile r]\nrole_arn = arn:aws:iam::1:role/R\ncredential_source = EcsContainer\n", "r")
                .contains("which ssokit cannot use"));
        assertTrue(error("[profile r]\nrole_arn = arn:aws:iam::1:role/R\ncredential_source = Magic\n", "r").contains("is not valid"));
        assertTrue(error("[profile r]\nregion = x\n", "r").contains("has no credentials"));
        assertTrue(error("[profile r]\naws_access_key_id = A\n", "r").contains("only one of"));
        assertTrue(error("[profile r]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = w\n[profile w]\n"
                + "role_arn = arn:aws:iam::1:role/W\nweb_identity_token_file = /t\n", "r").contains("web_identity_token_file"));
        assertTrue(error("", "nope").contains("profile 'nope' does not exist"));
    }

    @Test
    void theFastPathAnswersOnlyWhatIsCached() throws Exception {
        Path cacheDir = home.resolve(".aws/cli/cache");
        Env env = new Env(Map.of("HOME", home.toString()), home);
        Clock clock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        ProfilePlan.AssumeRole a = (ProfilePlan.AssumeRole) plan("[profile r]\nrole_arn = arn:aws:iam::1:role/R\n"
                + "source_profile = p\n[profile p]\ncredential_process = x\n", "", "r");
        assertNull(CredentialProcess.cachedPlan(env, a, Duration.ofMinutes(15), clock));
        assertNull(CredentialProcess.cachedPlan(env, a.source(), Duration.ofMinutes(15), clock), "a process is never answered fast");
        Credentials c = new Credentials("ASIA1", "s", "t", Instant.parse("2030-01-01T00:20:00Z"), null);
        new CredentialCache(cacheDir).save(a.request().cacheKey(), c, null);
        assertEquals(c, CredentialProcess.cachedPlan(env, a, Duration.ofMinutes(15), clock));
        assertNull(CredentialProcess.cachedPlan(env, a, Duration.ofMinutes(21), clock), "within the refresh margin: a miss");
    }

    @Test
    void credentialProcessOutputIsCheckedLikeBotocore() throws Exception {
        Credentials c = CredentialProcessRunner.parse(("{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"S\","
                + " \"SessionToken\": \"T\", \"Expiration\": \"2030-01-01T00:00:00Z\", \"Extra\": [1]}").getBytes());
        assertEquals(new Credentials("A", "S", "T", Instant.parse("2030-01-01T00:00:00Z"), null), c);
        assertNull(CredentialProcessRunner.parse("{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"S\"}"
                .getBytes()).expiration());
        for (String bad : new String[] {"{\"AccessKeyId\": \"A\", \"SecretAccessKey\": \"S\"}",
            "{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"S\"}", "{\"Version\": 1, \"AccessKeyId\": \"A\"}"}) {
            assertThrows(IllegalArgumentException.class, () -> CredentialProcessRunner.parse(bad.getBytes()), bad);
        }
        assertThrows(java.io.IOException.class, () -> CredentialProcessRunner.parse("not json".getBytes()));
        String shown = ProfilePlan.steps(new ProfilePlan.Process("p", "tool --password hunter2")).toString();
        assertTrue(shown.contains("tool ...") && !shown.contains("hunter2"), "debug logs show the program only: " + shown);
    }

    @Test
    void aCredentialProcessThatFailsOrLoopsIsReported() throws Exception {
        Env env = new Env(Map.of("HOME", home.toString(), "PATH", System.getenv("PATH")), home);
        ProfileResolver r = new ProfileResolver(env, null, io.ssokit.Log.silent(), io.ssokit.Log.silent(), Clock.systemUTC(),
                Duration.ofMinutes(15), MfaCodes.of(null));
        SsokitException e = assertThrows(SsokitException.class, () -> r.credentials(new ProfilePlan.Process("p", "sh -c 'exit 3'"),
                io.ssokit.sso.TokenSource.Mode.NON_INTERACTIVE, false));
        assertEquals(SsoRoleCredentials.OTHER_ERROR, e.getMessage().contains("exit status 3") ? e.exitCode() : -1, e.getMessage());
        e = assertThrows(SsokitException.class, () -> r.credentials(new ProfilePlan.Process("p", "echo '{\"Version\": 1, "
                + "\"AccessKeyId\": \"A\", \"SecretAccessKey\": \"TOPSECRET\"'"), io.ssokit.sso.TokenSource.Mode.NON_INTERACTIVE, false));
        assertTrue(e.getMessage().contains("no valid credential_process JSON") && !e.getMessage().contains("TOPSECRET"), e.getMessage());
        Env deep = env.with(CredentialProcessRunner.DEPTH_ENV, "4");
        ProfileResolver nested = new ProfileResolver(deep, null, io.ssokit.Log.silent(), io.ssokit.Log.silent(), Clock.systemUTC(),
                Duration.ofMinutes(15), MfaCodes.of(null));
        e = assertThrows(SsokitException.class, () -> nested.credentials(new ProfilePlan.Process("p", "true"),
                io.ssokit.sso.TokenSource.Mode.NON_INTERACTIVE, false));
        assertTrue(e.getMessage().contains("nested 4 deep"), e.getMessage());
    }
}
