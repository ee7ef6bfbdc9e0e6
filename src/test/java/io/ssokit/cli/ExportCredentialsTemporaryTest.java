package io.ssokit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ssokit.Env;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.aws.AwsClients;
import io.ssokit.config.AwsConfig;
import io.ssokit.credentials.Credentials;
import io.ssokit.credentials.MfaCodes;
import io.ssokit.json.ChildJvm;
import io.ssokit.sandbox.Org;
import io.ssokit.sandbox.OrgLoader;
import io.ssokit.sandbox.Sandbox;
import io.ssokit.sandbox.SandboxOptions;
import io.ssokit.sandbox.Totp;
import io.ssokit.server.BindAddress;
import io.ssokit.server.ContainerEndpoint;
import io.ssokit.server.CredentialEndpoint;
import io.ssokit.server.EndpointClientMain;
import io.ssokit.server.ImdsEndpoint;
import io.ssokit.server.RefreshingCredentials;
import io.ssokit.server.ServedRole;
import io.ssokit.shellenv.FakeHome;
import io.ssokit.shellenv.Identity;
import io.ssokit.shellenv.ProfileCredentialSource;
import io.ssokit.shellenv.Selection;
import io.ssokit.sso.SsoTokens;
import io.ssokit.sso.TokenSource;
import io.ssokit.testing.CliRun;
import io.ssokit.testing.MutableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Long-term keys become temporary: {@code export-credentials --ensure-temporary} and the
 * credential servers exchange an IAM user's keys with sts:GetSessionToken at the sandbox, whose
 * STS checks every signature, and the session credentials they give work as the user.
 */
class ExportCredentialsTemporaryTest {
    static final String ORG = """
            accounts:
              - id: "111111111111"
                name: Development
                roles: [Developer]
            mfaDevices:
              - serialNumber: arn:aws:iam::111111111111:mfa/carol
                secret: JBSWY3DPEHPK3PXP
            iamUsers:
              - name: ci-bot
                account: "111111111111"
              - name: carol
                account: "111111111111"
                mfaSerial: arn:aws:iam::111111111111:mfa/carol
                requireMfa: true
            """;
    static final String CAROL_SERIAL = "arn:aws:iam::111111111111:mfa/carol";
    static final ObjectMapper JSON = new ObjectMapper();
    /** The sandbox's time; moved by less than its SigV4 skew (15 minutes), since the SDKs sign with the real time. */
    static final MutableClock CLOCK = new MutableClock();
    static Sandbox sb;
    static Org.IamUser bot;
    static Org.IamUser carol;

    @TempDir
    Path dir;
    Env env;
    CredentialEndpoint server;

    @BeforeAll
    static void startSandbox() {
        sb = Sandbox.start(SandboxOptions.builder().port(0).clock(CLOCK).org(OrgLoader.parse(ORG, true, "org.yaml")).build());
        bot = sb.org().iamUsers().get(0);
        carol = sb.org().iamUsers().get(1);
    }

    @AfterAll
    static void stopSandbox() {
        sb.close();
    }

    @BeforeEach
    void home() throws Exception {
        FakeHome home = FakeHome.create(dir.resolve("home"));
        Files.writeString(home.home.resolve(".aws/credentials"), String.join("\n",
                "[iamuser]",
                "aws_access_key_id = " + bot.accessKeyId(),
                "aws_secret_access_key = " + bot.secretAccessKey(),
                "",
                "[carol]",
                "aws_access_key_id = " + carol.accessKeyId(),
                "aws_secret_access_key = " + carol.secretAccessKey(),
                ""));
        Files.writeString(home.home.resolve(".aws/config"), String.join("\n", "",
                "[profile carol]",
                "mfa_serial = " + CAROL_SERIAL,
                "[profile deployer]",
                "role_arn = arn:aws:iam::111111111111:role/Deployer",
                "source_profile = iamuser",
                ""), java.nio.file.StandardOpenOption.APPEND);
        // the same user's keys in the config file, with a session length
        Files.writeString(home.home.resolve(".aws/config"), String.join("\n", "",
                "[profile short-keys]",
                "aws_access_key_id = " + bot.accessKeyId(),
                "aws_secret_access_key = " + bot.secretAccessKey(),
                "duration_seconds = 900",
                ""), java.nio.file.StandardOpenOption.APPEND);
        env = home.env("AWS_ENDPOINT_URL", sb.endpoint().toString());
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private CliRun ok(String... args) {
        CliRun r = CliRun.run(env, args);
        assertEquals(0, r.code(), r.err());
        return r;
    }

    private static String callerArn(String id, String secret, String token) {
        Env e = new Env(Map.of("AWS_ENDPOINT_URL", sb.endpoint().toString()), Path.of("/nonexistent-home"));
        try (AwsClients clients = new AwsClients(e); StsClient sts = clients.sts("us-east-1",
                StaticCredentialsProvider.create(AwsSessionCredentials.create(id, secret, token)))) {
            return sts.getCallerIdentity().arn();
        }
    }

    @Test
    void ensureTemporaryExchangesLongTermKeys() throws Exception {
        long before = sb.stats().count("sts:GetSessionToken");
        JsonNode c = JSON.readTree(ok("export-credentials", "--profile", "iamuser", "--ensure-temporary").out());
        assertEquals(before + 1, sb.stats().count("sts:GetSessionToken"));
        assertTrue(c.get("AccessKeyId").asText().matches("ASIA[A-Z2-7]{16}"), c.toString());
        assertNotEquals(bot.secretAccessKey(), c.get("SecretAccessKey").asText());
        Instant expiration = Instant.parse(c.get("Expiration").asText());
        assertEquals(CLOCK.instant().plusSeconds(43200).getEpochSecond(), expiration.getEpochSecond(), 5, "STS's default: 12 hours");
        assertEquals("arn:aws:iam::111111111111:user/ci-bot",
                callerArn(c.get("AccessKeyId").asText(), c.get("SecretAccessKey").asText(), c.get("SessionToken").asText()));

        // every form gets the session credentials
        String exported = ok("export-credentials", "--profile", "iamuser", "--ensure-temporary", "--env-export").out();
        assertTrue(exported.contains("export AWS_ACCESS_KEY_ID='ASIA"), exported);
        assertTrue(exported.contains("export AWS_SESSION_TOKEN="), exported);
        assertTrue(exported.contains("export AWS_CREDENTIAL_EXPIRATION="), exported);
        String fish = ok("export-credentials", "--profile", "iamuser", "--ensure-temporary", "--format", "fish").out();
        assertTrue(fish.contains("AWS_SESSION_TOKEN"), fish);
        ok("export-credentials", "--profile", "iamuser", "--ensure-temporary", "-c", "iamuser-session");
        String file = Files.readString(dir.resolve("home/.aws/credentials"));
        assertTrue(file.contains("[iamuser-session]\naws_access_key_id = ASIA"), file);
        assertTrue(file.contains("aws_session_token = "), file);
        assertTrue(file.startsWith("[iamuser]\naws_access_key_id = " + bot.accessKeyId()), "the source keys stay: " + file);
    }

    @Test
    void withoutTheFlagLongTermKeysAreExportedAsThey() throws Exception {
        long before = sb.stats().count("sts:GetSessionToken");
        JsonNode c = JSON.readTree(ok("export-credentials", "--profile", "iamuser").out());
        assertEquals(bot.accessKeyId(), c.get("AccessKeyId").asText());
        assertEquals(bot.secretAccessKey(), c.get("SecretAccessKey").asText());
        assertFalse(c.has("SessionToken"), c.toString());
        assertFalse(c.has("Expiration"), c.toString());
        assertEquals(before, sb.stats().count("sts:GetSessionToken"), "no STS call without --ensure-temporary");
    }

    @Test
    void temporaryCredentialsAreNotExchangedAgain() throws Exception {
        long before = sb.stats().count("sts:GetSessionToken");
        JsonNode c = JSON.readTree(ok("export-credentials", "--profile", "deployer", "--ensure-temporary").out());
        assertTrue(c.get("AccessKeyId").asText().startsWith("ASIA"));
        String arn = callerArn(c.get("AccessKeyId").asText(), c.get("SecretAccessKey").asText(), c.get("SessionToken").asText());
        assertTrue(arn.startsWith("arn:aws:sts::111111111111:assumed-role/Deployer/"), arn);
        assertEquals(before, sb.stats().count("sts:GetSessionToken"), "a role chain gives temporary credentials already");
    }

    @Test
    void cacheFileKeepsTheSession() throws Exception {
        Path cache = dir.resolve("cache/iamuser.json");
        String first = ok("export-credentials", "--profile", "iamuser", "--ensure-temporary", "--cache-file", cache.toString()).out();
        long after = sb.stats().count("sts:GetSessionToken");
        assertTrue(Files.readString(cache).contains("\"SessionToken\""));
        assertEquals(first, ok("export-credentials", "--profile", "iamuser", "--ensure-temporary", "--cache-file", cache.toString()).out());
        assertEquals(after, sb.stats().count("sts:GetSessionToken"), "served from the cache file");
        String refreshed = ok("export-credentials", "--profile", "iamuser", "--ensure-temporary", "--cache-file", cache.toString(),
                "--refresh").out();
        assertNotEquals(first, refreshed);
        assertEquals(after + 1, sb.stats().count("sts:GetSessionToken"));
    }

    @Test
    void durationSecondsOfTheProfile() throws Exception {
        JsonNode c = JSON.readTree(ok("export-credentials", "--profile", "short-keys", "--ensure-temporary").out());
        assertEquals(CLOCK.instant().plusSeconds(900).getEpochSecond(), Instant.parse(c.get("Expiration").asText()).getEpochSecond(), 5);
    }

    @Test
    void failuresExit3WithStdoutEmpty() throws Exception {
        Env unreachable = new Env(new HashMap<>(Map.of("HOME", dir.resolve("home").toString(),
                "AWS_ENDPOINT_URL", "http://127.0.0.1:9")), dir.resolve("home"));
        CliRun r = CliRun.run(unreachable, "export-credentials", "--profile", "iamuser", "--ensure-temporary");
        assertEquals(3, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("cannot reach STS"), r.err());
        assertFalse(r.err().contains(bot.secretAccessKey()), "no secret in messages");

        // keys the sandbox does not know
        Files.writeString(dir.resolve("home/.aws/credentials"), "\n[forged]\naws_access_key_id = AKIA" + "A".repeat(16) + "\n"
                + "aws_secret_access_key = " + bot.secretAccessKey() + "\n", java.nio.file.StandardOpenOption.APPEND);
        CliRun forged = CliRun.run(env, "export-credentials", "--profile", "forged", "--ensure-temporary");
        assertEquals(3, forged.code(), forged.err());
        assertEquals("", forged.out());
        assertTrue(forged.err().contains("(InvalidClientTokenId) when calling the GetSessionToken operation"), forged.err());
        assertFalse(forged.err().contains(bot.secretAccessKey()), "no secret in messages");
    }

    // ---- MFA: the profile's mfa_serial, codes from MfaCodes (--mfa-code style) as role chains get them ----

    private ProfileCredentialSource source(String code) {
        return new ProfileCredentialSource(env, SsoTokens.create(env, Log.silent()), Log.silent(), CLOCK, Duration.ofMinutes(5),
                MfaCodes.of(code));
    }

    private Identity identity(String profile) {
        return new Selection(profile, null, null, null, null, null, null).resolve(env, AwsConfig.load(env), Log.silent());
    }

    private Credentials exchange(String profile, String code, TokenSource.Mode mode) {
        ProfileCredentialSource source = source(code);
        Identity id = identity(profile);
        return ExportCredentialsCommand.served(source, AwsConfig.load(env), id, env).apply(mode);
    }

    @Test
    void mfaCodeOfTheProfilesDevice() {
        String good = Totp.code("JBSWY3DPEHPK3PXP", CLOCK.instant());
        Credentials c = exchange("carol", good, TokenSource.Mode.INTERACTIVE);
        assertEquals("arn:aws:iam::111111111111:user/carol", callerArn(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));

        String bad = good.equals("000000") ? "111111" : "000000";
        SsokitException wrong = assertThrows(SsokitException.class, () -> exchange("carol", bad, TokenSource.Mode.INTERACTIVE));
        assertTrue(wrong.getMessage().contains("(AccessDenied) when calling the GetSessionToken operation: MultiFactorAuthentication"
                + " failed with invalid MFA one time pass code."), wrong.getMessage());
        assertTrue(wrong.getMessage().contains("profile carol"), wrong.getMessage());

        // a server's refresh cannot ask anyone
        SsokitException noCode = assertThrows(SsokitException.class, () -> exchange("carol", null, TokenSource.Mode.NON_INTERACTIVE));
        assertTrue(noCode.getMessage().contains("needs an MFA code from " + CAROL_SERIAL), noCode.getMessage());
    }

    // ---- the servers: the Java SDK's own providers get the exchanged credentials ----

    private RefreshingCredentials served(String profile, StringWriter logged) {
        Function<TokenSource.Mode, Credentials> resolve = ExportCredentialsCommand.served(source(null), AwsConfig.load(env),
                identity(profile), env);
        return new RefreshingCredentials(() -> resolve.apply(TokenSource.Mode.NON_INTERACTIVE), resolve.apply(TokenSource.Mode.INTERACTIVE),
                Duration.ofMinutes(5), CLOCK, new Log(new PrintWriter(logged), 1));
    }

    private List<String> javaSdk(String kind, String... pairs) throws Exception {
        Map<String, String> childEnv = new HashMap<>();
        Path empty = Files.createDirectories(dir.resolve("client-home"));
        childEnv.put("HOME", empty.toString());
        childEnv.put("AWS_CONFIG_FILE", empty.resolve("config").toString());
        childEnv.put("AWS_SHARED_CREDENTIALS_FILE", empty.resolve("credentials").toString());
        for (int i = 0; i < pairs.length; i += 2) {
            childEnv.put(pairs[i], pairs[i + 1]);
        }
        ChildJvm.Result r = ChildJvm.run(List.of(), EndpointClientMain.class, List.of(kind, sb.endpoint().toString()), childEnv)
                .requireSuccess();
        return List.of(r.stdout().strip().split("\n"));
    }

    @Test
    void containerServesSessionCredentialsOfStaticKeys() throws Exception {
        String token = ContainerEndpoint.newToken();
        ContainerEndpoint c = new ContainerEndpoint(BindAddress.parse("0"), token, served("iamuser", new StringWriter()),
                new ServedRole("iamuser", null, null), CLOCK, Log.silent());
        server = c;
        List<String> out = javaSdk("container", "AWS_CONTAINER_CREDENTIALS_FULL_URI", c.url().toString(),
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", token);
        assertTrue(out.get(0).startsWith("ASIA"), out.toString());
        assertEquals("arn:aws:iam::111111111111:user/ci-bot", out.get(1));
    }

    @Test
    void imdsServesAndRenewsSessionCredentialsOfStaticKeys() throws Exception {
        long before = sb.stats().count("sts:GetSessionToken");
        StringWriter logged = new StringWriter();
        RefreshingCredentials credentials = served("short-keys", logged);
        ImdsEndpoint i = new ImdsEndpoint(BindAddress.parse("0"), credentials, new ServedRole("short-keys", null, null), CLOCK,
                Log.silent());
        server = i;
        String first = credentials.get().credentials().accessKeyId();
        assertEquals(before + 1, sb.stats().count("sts:GetSessionToken"), "15 minutes left: served as they are");
        List<String> out = javaSdk("imds", "AWS_EC2_METADATA_SERVICE_ENDPOINT", i.url().toString());
        assertEquals(first, out.get(0));
        assertTrue(first.startsWith("ASIA"), first);
        assertEquals("arn:aws:iam::111111111111:user/ci-bot", out.get(1));

        // 4 minutes left, under the 5-minute margin: a new GetSessionToken (the SDKs sign with the real
        // time, so the sandbox's clock moves by less than its 15-minute SigV4 skew)
        CLOCK.advance(Duration.ofMinutes(11));
        try {
            List<String> renewed = javaSdk("imds", "AWS_EC2_METADATA_SERVICE_ENDPOINT", i.url().toString());
            assertNotEquals(first, renewed.get(0), "renewed before expiry");
            assertEquals("arn:aws:iam::111111111111:user/ci-bot", renewed.get(1));
            assertEquals(before + 2, sb.stats().count("sts:GetSessionToken"));
            assertTrue(logged.toString().contains("new credentials obtained"), logged.toString());
        } finally {
            CLOCK.advance(Duration.ofMinutes(-11));
        }
    }
}
