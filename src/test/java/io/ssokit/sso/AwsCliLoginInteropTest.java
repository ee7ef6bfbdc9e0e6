package io.ssokit.sso;

import static io.ssokit.sso.LoginTesting.REGION;
import static io.ssokit.sso.LoginTesting.START_URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.sandbox.Sandbox;
import io.ssokit.testing.CliRun;
import io.ssokit.testing.Proc;
import io.ssokit.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI v2 (2.9, Debian) and ssokit sharing logins, both ways, against the sandbox.
 *
 * <p>The CLI 2.9 predates AWS_ENDPOINT_URL, and {@code --endpoint-url} does not reach the sso-oidc
 * and portal clients that {@code aws sso login} and the SSO credential provider build themselves.
 * What does reach them is botocore's data path: {@code AWS_DATA_PATH} may hold an
 * {@code endpoint-rule-set-1.json} per service, found before the bundled one, and a rule set whose
 * only rule is "the sandbox" sends every sso-oidc and sso call there.
 */
class AwsCliLoginInteropTest {
    @TempDir
    Path home;
    Sandbox sb;
    String aws;

    @BeforeEach
    void start() throws IOException {
        aws = Tools.awsCliV2();
        sb = Sandbox.start(LoginTesting.sandbox().autoApprove(true).build());
        LoginTesting.writeConfig(home, LoginTesting.sessionConfig("sso:account:access"));
        for (String service : List.of("sso-oidc", "sso")) {
            Path rules = home.resolve("aws-data").resolve(service).resolve("2019-06-10").resolve("endpoint-rule-set-1.json");
            Files.createDirectories(rules.getParent());
            Files.writeString(rules, "{\"version\": \"1.0\", \"parameters\": {"
                    + "\"Region\": {\"builtIn\": \"AWS::Region\", \"required\": false, \"type\": \"String\"},"
                    + "\"UseDualStack\": {\"builtIn\": \"AWS::UseDualStack\", \"required\": true, \"default\": false, \"type\": \"Boolean\"},"
                    + "\"UseFIPS\": {\"builtIn\": \"AWS::UseFIPS\", \"required\": true, \"default\": false, \"type\": \"Boolean\"},"
                    + "\"Endpoint\": {\"builtIn\": \"SDK::Endpoint\", \"required\": false, \"type\": \"String\"}},"
                    + "\"rules\": [{\"conditions\": [], \"type\": \"endpoint\", \"endpoint\": {\"url\": \"" + sb.endpoint()
                    + "\", \"properties\": {}, \"headers\": {}}}]}", StandardCharsets.UTF_8);
        }
    }

    @AfterEach
    void stop() {
        if (sb != null) {
            sb.close();
        }
    }

    Proc.Result aws(String... args) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString());
        env.put("AWS_DATA_PATH", home.resolve("aws-data").toString());
        env.put("AWS_PAGER", "");
        List<String> cmd = new ArrayList<>();
        cmd.add(aws);
        cmd.addAll(List.of(args));
        return Proc.run(cmd, env);
    }

    Env env() {
        return LoginTesting.env(home, sb, "TZ", "UTC", "BROWSER", LoginTesting.curlBrowser());
    }

    SsoToken cached(String key) {
        return TokenCache.of(new Env(Map.of(), home)).load(TokenCache.cacheKey(key)).orElseThrow();
    }

    @Test
    void ssokitUsesTheTokenAndTheRegistrationOfAwsSsoLogin() throws Exception {
        Proc.Result cli = aws("sso", "login", "--sso-session", "s1", "--no-browser");
        assertEquals(0, cli.exit(), cli.toString());
        String cliToken = cached("s1").accessToken();
        long calls = sb.stats().count("sso-oidc:CreateToken");

        CliRun r = CliRun.run(env(), "login", "--sso-session", "s1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("Login succeeded, valid until"), r.err());
        assertEquals(calls, sb.stats().count("sso-oidc:CreateToken"), "the CLI's token is reused");
        assertEquals(cliToken, cached("s1").accessToken());

        CliRun again = CliRun.run(env(), "login", "--sso-session", "s1", "--use-device-code", "--force");
        assertEquals(0, again.code(), again.err());
        assertEquals(1, sb.stats().count("sso-oidc:RegisterClient"), "same registration key: the CLI's client is reused");
        assertNotEquals(cliToken, cached("s1").accessToken());
    }

    @Test
    void theCliUsesAndRefreshesSsokitTokens() throws Exception {
        CliRun r = CliRun.run(env(), "login", "--sso-session", "s1");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, sb.stats().count("sso-oidc:Authorize"), "PKCE");

        Proc.Result dev = aws("configure", "export-credentials", "--profile", "dev");
        assertEquals(0, dev.exit(), dev.toString());
        assertTrue(dev.stdout().contains("\"AccessKeyId\": \"ASIA"), dev.stdout());
        Proc.Result legacy = aws("configure", "export-credentials", "--profile", "legacy");
        assertEquals(0, legacy.exit(), "the legacy copy serves sso_start_url profiles: " + legacy);
        assertEquals(2, sb.stats().count("sso:GetRoleCredentials"));
        long creates = sb.stats().count("sso-oidc:CreateToken");

        String key = TokenCache.cacheKey("s1");
        TokenCache cache = TokenCache.of(new Env(Map.of(), home));
        SsoToken mine = cache.load(key).orElseThrow();
        cache.save(key, mine.toBuilder().expiresAt(Instant.now().plusSeconds(300).truncatedTo(ChronoUnit.SECONDS)).build());
        Files.deleteIfExists(home.resolve(".aws/cli/cache").resolve(
                io.ssokit.credentials.CredentialCache.ssoKey("111111111111", "Developer", START_URL, "s1") + ".json"));
        Proc.Result refreshed = aws("configure", "export-credentials", "--profile", "dev");
        assertEquals(0, refreshed.exit(), refreshed.toString());
        assertEquals(creates + 1, sb.stats().count("sso-oidc:CreateToken"), "the CLI refreshed with ssokit's refresh token");
        assertNotEquals(mine.accessToken(), cached("s1").accessToken());
        assertEquals(REGION, cached("s1").region());
    }

    @Test
    void awsSsoLogoutRemovesSsokitTokensAndKeepsTheRest() throws Exception {
        CliRun r = CliRun.run(env(), "login", "--sso-session", "s1", "--use-device-code");
        assertEquals(0, r.code(), r.err());
        Path cacheDir = home.resolve(".aws/sso/cache");
        assertTrue(Files.exists(cacheDir.resolve(TokenCache.cacheKey("s1") + ".lock")), "ssokit's lock file is there");

        Proc.Result logout = aws("sso", "logout");
        assertEquals(0, logout.exit(), logout.toString());
        assertTrue(Files.notExists(LoginTesting.tokenFile(home, "s1")));
        assertTrue(Files.notExists(LoginTesting.tokenFile(home, START_URL)), "the legacy copy too");
        assertTrue(Files.exists(cacheDir.resolve(RegistrationCache.cliKey(START_URL, REGION, List.of("sso:account:access"), "s1")
                + ".json")), "the registration stays");
        assertEquals(2, sb.stats().count("sso:Logout"), "the CLI calls Logout for each file");
        assertEquals(1, sb.stats().failed("sso:Logout"), "one session: the second call finds it ended");
    }
}
