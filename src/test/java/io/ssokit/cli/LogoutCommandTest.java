package io.ssokit.cli;

import static io.ssokit.sso.LoginTesting.REGION;
import static io.ssokit.sso.LoginTesting.START_URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.credentials.CredentialCache;
import io.ssokit.sandbox.Sandbox;
import io.ssokit.sandbox.SandboxOptions;
import io.ssokit.sso.LoginTesting;
import io.ssokit.sso.RegistrationCache;
import io.ssokit.testing.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ssokit logout}: portal sessions ended, tokens and SSO role credentials gone, everything else kept. */
class LogoutCommandTest {
    static final String SSO_CREDS = "{\"ProviderType\": \"sso\", \"Credentials\": {\"AccessKeyId\": \"ASIA1\","
            + " \"SecretAccessKey\": \"s\", \"SessionToken\": \"t\", \"Expiration\": \"2030-01-01T00:00:00Z\"}}";
    static final String ASSUME_ROLE_CREDS = "{\"Credentials\": {\"AccessKeyId\": \"ASIA2\", \"SecretAccessKey\": \"s\","
            + " \"SessionToken\": \"t\", \"Expiration\": \"2030-01-01T00:00:00Z\"}, \"AssumedRoleUser\": {}}";

    @TempDir
    Path home;
    Sandbox sb;

    @AfterEach
    void stop() {
        if (sb != null) {
            sb.close();
        }
    }

    Env env() {
        return LoginTesting.env(home, sb, "TZ", "UTC");
    }

    void start(SandboxOptions.Builder options) {
        sb = Sandbox.start(options.autoApprove(true).build());
    }

    Path cliCache(String key, String json) throws IOException {
        Path f = home.resolve(".aws/cli/cache").resolve(key + ".json");
        Files.createDirectories(f.getParent());
        Files.writeString(f, json, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    List<String> ssoCacheFiles() throws IOException {
        try (Stream<Path> s = Files.list(home.resolve(".aws/sso/cache"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void everythingByDefault() throws Exception {
        start(LoginTesting.sandbox());
        LoginTesting.writeConfig(home, LoginTesting.sessionConfig(null));
        assertEquals(0, CliRun.run(env(), "login", "--sso-session", "s1", "--use-device-code").code());
        Path sso = cliCache("aaaa", SSO_CREDS);
        Path assumed = cliCache("bbbb", ASSUME_ROLE_CREDS);
        String registration = RegistrationCache.cliKey(START_URL, REGION, null, "s1") + ".json";
        assertEquals(3, ssoCacheFiles().size(), "session token, its legacy copy, registration: " + ssoCacheFiles());

        CliRun r = CliRun.run(env(), "logout");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(List.of(registration), ssoCacheFiles(), "registrations are kept");
        assertFalse(Files.exists(sso));
        assertTrue(Files.exists(assumed), "assume-role credentials are not SSO's");
        assertEquals(1, sb.stats().count("sso:Logout"), "one portal session, shared by the token and its legacy copy");
        assertTrue(r.err().contains("Removed " + LoginTesting.tokenFile(home, "s1") + " (" + START_URL + ")"), r.err());
        assertTrue(r.err().contains("Signed out: removed 2 token files and 1 cached role credential file (ended 1 portal session);"
                + " client registrations were kept."), r.err());

        CliRun again = CliRun.run(env(), "logout");
        assertEquals(0, again.code());
        assertEquals("Nothing to sign out of: no Identity Center token or SSO role credentials are cached.\n", again.err());
    }

    @Test
    void oneInstanceLeavesTheOthersAlone() throws Exception {
        start(LoginTesting.sandbox().org(LoginTesting.twoInstances()));
        LoginTesting.writeConfig(home, "[profile a]\nsso_start_url = https://alpha.awsapps.com/start\nsso_region = us-east-1\n"
                + "sso_account_id = 111111111111\nsso_role_name = Developer\n"
                + "[profile b]\nsso_start_url = https://beta.awsapps.com/start\nsso_region = eu-west-1\n"
                + "sso_account_id = 111111111111\nsso_role_name = Developer\n");
        assertEquals(0, CliRun.run(env(), "login", "--all").code());
        Path alphaCreds = cliCache(CredentialCache.ssoKey("111111111111", "Developer", "https://alpha.awsapps.com/start", null), SSO_CREDS);
        Path betaCreds = cliCache(CredentialCache.ssoKey("111111111111", "Developer", "https://beta.awsapps.com/start", null), SSO_CREDS);

        CliRun r = CliRun.run(env(), "logout", "--profile", "a");
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(LoginTesting.tokenFile(home, "https://alpha.awsapps.com/start")));
        assertTrue(Files.exists(LoginTesting.tokenFile(home, "https://beta.awsapps.com/start")));
        assertFalse(Files.exists(alphaCreds));
        assertTrue(Files.exists(betaCreds));
        assertEquals(1, sb.stats().count("sso:Logout"));
        assertTrue(r.err().startsWith("Signing out of https://alpha.awsapps.com/start (us-east-1)\n"), r.err());
        assertTrue(r.err().contains("roles that no profile in the config file names cannot be told apart and were kept"), r.err());
    }

    @Test
    void aPortalThatIsDownIsAWarningAndTheLocalSignOutHappens() throws Exception {
        start(LoginTesting.sandbox());
        assertEquals(0, CliRun.run(env(), "login", START_URL, REGION).code());
        Env env = env();
        sb.close();
        CliRun r = CliRun.run(env, "logout");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("warning: could not reach the Identity Center portal at " + env.get("AWS_ENDPOINT_URL")
                + " to end the session of " + START_URL), r.err());
        assertTrue(r.err().contains("removing the local token anyway"), r.err());
        assertFalse(Files.exists(LoginTesting.tokenFile(home, START_URL)));
    }

    @Test
    void filesThatCannotBeReadAreSkippedAndKept() throws Exception {
        start(LoginTesting.sandbox());
        assertEquals(0, CliRun.run(env(), "login", START_URL, REGION).code());
        Path corrupt = home.resolve(".aws/sso/cache/0123456789abcdef0123456789abcdef01234567.json");
        Files.writeString(corrupt, "{\"accessToken\": ");
        Files.setPosixFilePermissions(corrupt, PosixFilePermissions.fromString("rw-------"));
        Path open = cliCache("cccc", SSO_CREDS);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));

        CliRun r = CliRun.run(env(), "logout");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: skipped " + corrupt + ": cannot use " + corrupt + ": it is not valid JSON"), r.err());
        assertTrue(r.err().contains("warning: skipped " + open + ": file permission problem"), r.err());
        assertTrue(Files.exists(corrupt));
        assertTrue(Files.exists(open));
        assertFalse(Files.exists(LoginTesting.tokenFile(home, START_URL)));
    }

    @Test
    void anUnknownProfileIsExitCode1AndNothingIsRemoved() throws Exception {
        start(LoginTesting.sandbox());
        assertEquals(0, CliRun.run(env(), "login", START_URL, REGION).code());
        LoginTesting.writeConfig(home, LoginTesting.sessionConfig(null));
        CliRun r = CliRun.run(env(), "logout", "--profile", "nope");
        assertEquals(1, r.code());
        assertEquals("ssokit: profile 'nope' does not exist in the config file\n", r.err());
        assertTrue(Files.exists(LoginTesting.tokenFile(home, START_URL)));
        assertEquals(0, sb.stats().count("sso:Logout"));
    }
}
