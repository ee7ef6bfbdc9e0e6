package io.ssokit.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ssokit.Env;
import io.ssokit.cli.CommandFactory;
import io.ssokit.cli.FastPath;
import io.ssokit.sandbox.Sandbox;
import io.ssokit.sandbox.SandboxOptions;
import io.ssokit.sandbox.SandboxSignIn;
import io.ssokit.sso.Instance;
import io.ssokit.sso.SsoToken;
import io.ssokit.sso.TokenCache;
import io.ssokit.testing.CliRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ssokit credential-process} in-process against a sandbox: output, the shared role cache,
 * option/env/profile merging, every exit code, the debug log, and the fast path against the full
 * command. Stats are read as deltas: the default sandbox is shared by the tests of this class.
 */
class CredentialProcessTest {
    static final String START = "https://sandbox.awsapps.com/start";
    static final String REGION = "us-east-1";
    static final Instance LEGACY = Instance.legacy(START, REGION);
    static final Instance SESSION = Instance.session("corp", START, REGION, List.of("sso:account:access"));
    static final String DEV_PROFILE = "[profile dev]\n"
            + "sso_start_url = " + START + "\n"
            + "sso_region = " + REGION + "\n"
            + "sso_account_id = 111111111111\n"
            + "sso_role_name = Developer\n";
    static final String SESSION_PROFILE = "[profile corp-dev]\n"
            + "sso_session = corp\n"
            + "sso_account_id = 111111111111\n"
            + "sso_role_name = Developer\n"
            + "\n[sso-session corp]\n"
            + "sso_start_url = " + START + "\n"
            + "sso_region = " + REGION + "\n"
            + "sso_registration_scopes = sso:account:access\n";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String GET_ROLE_CREDENTIALS = "sso:GetRoleCredentials";

    static Sandbox sandbox;

    @TempDir
    Path home;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(SandboxOptions.builder().autoApprove(true).build());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    Env env(String... vars) {
        return env(sandbox, vars);
    }

    Env env(Sandbox sb, String... vars) {
        Map<String, String> m = new HashMap<>();
        m.put("HOME", home.toString());
        m.put("AWS_ENDPOINT_URL", sb.endpoint().toString());
        for (int i = 0; i < vars.length; i += 2) {
            m.put(vars[i], vars[i + 1]);
        }
        return new Env(m, home);
    }

    void config(String text) throws IOException {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), text);
    }

    static CliRun cp(Env env, String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "credential-process";
        System.arraycopy(args, 0, argv, 1, args.length);
        return CliRun.run(env, argv);
    }

    static long calls(Sandbox sb) {
        return sb.stats().count(GET_ROLE_CREDENTIALS);
    }

    /** The role cache file, with the key computed here from botocore's recipe (not ssokit's code). */
    Path cacheFile(String accountId, String roleName, String startUrlOrNull, String sessionOrNull) throws Exception {
        String args = "{\"accountId\":\"" + accountId + "\",\"roleName\":\"" + roleName + "\","
                + (sessionOrNull != null ? "\"sessionName\":\"" + sessionOrNull + "\"}"
                        : "\"startUrl\":\"" + startUrlOrNull + "\"}");
        String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest(args.getBytes(StandardCharsets.UTF_8)));
        return home.resolve(".aws/cli/cache/" + sha1 + ".json");
    }

    /** Success: exactly one line of compact JSON in the credential_process shape, nothing on stderr. */
    static JsonNode assertCredentials(CliRun r) throws IOException {
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().endsWith("\n"), "one line");
        assertEquals(1, r.out().split("\n", -1).length - 1, "exactly one line");
        assertFalse(r.out().contains(" "), "compact");
        JsonNode n = JSON.readTree(r.out());
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            keys.add(it.next());
        }
        assertEquals(List.of("Version", "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"), keys);
        assertTrue(n.get("Version").isInt());
        assertEquals(1, n.get("Version").intValue());
        assertTrue(n.get("AccessKeyId").asText().startsWith("ASIA"));
        assertTrue(n.get("Expiration").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
                n.get("Expiration").asText());
        return n;
    }

    /** Failure: the exit code, nothing on stdout, one line on stderr. */
    static String assertFailure(CliRun r, int code) {
        assertEquals(code, r.code(), r.err());
        assertEquals("", r.out(), "stdout stays empty on errors");
        assertTrue(r.err().startsWith("ssokit: "), r.err());
        assertEquals(1, r.err().split("\n", -1).length - 1, "one line: " + r.err());
        return r.err();
    }

    @Test
    void printsOneLineOfJsonAndWritesTheCliCacheEntry() throws Exception {
        config(DEV_PROFILE);
        SandboxSignIn.signIn(sandbox, env(), LEGACY);
        long before = calls(sandbox);
        JsonNode out = assertCredentials(cp(env(), "--profile", "dev"));
        assertEquals(1, calls(sandbox) - before);

        Path file = cacheFile("111111111111", "Developer", START, null);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        JsonNode entry = JSON.readTree(file.toFile());
        assertEquals("sso", entry.get("ProviderType").asText());
        JsonNode c = entry.get("Credentials");
        for (String k : List.of("AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration")) {
            assertEquals(out.get(k).asText(), c.get(k).asText(), k);
        }
        assertEquals("111111111111", c.get("AccountId").asText());
        Instant expiration = Instant.parse(out.get("Expiration").asText());
        assertTrue(expiration.isAfter(Instant.now().plus(Duration.ofMinutes(50))), "the sandbox's 1 h lifetime");
    }

    @Test
    void aSecondCallIsServedFromTheCacheByTheFastPath() throws Exception {
        config(DEV_PROFILE);
        SandboxSignIn.signIn(sandbox, env(), LEGACY);
        CliRun first = cp(env(), "--profile", "dev");
        assertCredentials(first);
        long before = calls(sandbox);
        CliRun second = cp(env(), "--profile", "dev");
        assertEquals(first.out(), second.out());
        assertEquals(0, calls(sandbox) - before, "no GetRoleCredentials for a cache hit");

        StringWriter fast = new StringWriter();
        try (PrintWriter w = new PrintWriter(fast)) {
            assertEquals(0, FastPath.run(new String[] {"credential-process", "--profile", "dev"}, env(), w));
        }
        assertEquals(first.out(), fast.toString(), "answered by the fast path");
    }

    @Test
    void theFastPathAndTheFullCommandPrintTheSameBytes() throws Exception {
        config(DEV_PROFILE + "\n" + SESSION_PROFILE);
        SandboxSignIn.signIn(sandbox, env(), LEGACY);
        SandboxSignIn.signIn(sandbox, env(), SESSION);
        assertCredentials(cp(env(), "--profile", "dev"));
        assertCredentials(cp(env(), "--profile", "corp-dev"));
        for (String[] args : List.of(
                new String[] {"credential-process", "--profile", "dev"},
                new String[] {"credential-process", "--profile=dev"},
                new String[] {"credential-process", "--profile", "corp-dev"},
                new String[] {"credential-process", "--profile=corp-dev"})) {
            assertSameAnswer(args, true);
        }
        // values with characters JSON escapes: the fast reader decodes them, the writer defers to jackson
        CredentialCache cache = CredentialCache.of(env());
        String key = CredentialCache.ssoKey("111111111111", "Developer", START, null);
        Instant inAnHour = Instant.now().plus(Duration.ofHours(1));
        cache.save(key, new Credentials("ASIA\"odd\\key", "sec/ret\n\t", "tok\u0001en", inAnHour, "111111111111"),
                "sso");
        assertSameAnswer(new String[] {"credential-process", "--profile", "dev"}, true);
        // another writer's spacing, escapes, extra fields and field order
        Path entry = cacheFile("111111111111", "Developer", START, null);
        Files.writeString(entry,
                "{ \"Credentials\" : {\"AccessKeyId\":\"ASIA\\u0041\\/x\", \"SecretAccessKey\":\"s\\\\\\\"\","
                        + " \"SessionToken\":\"t\\t\", \"Expiration\":\"" + inAnHour.truncatedTo(ChronoUnit.SECONDS)
                        + "\", \"Extra\": [1, -2.5e3, {\"a\": null}, true]},\r\n \"ProviderType\": \"sso\"}\n");
        assertSameAnswer(new String[] {"credential-process", "--profile", "dev"}, true);
        // raw UTF-8 (jackson writes non-ASCII unescaped): read by both, written by jackson
        cache.save(key, new Credentials("ASIA\u00e9", "s\u2028", "t\ud83d\ude00", inAnHour, "111111111111"), "sso");
        assertSameAnswer(new String[] {"credential-process", "--profile", "dev"}, true);
        // a byte-order mark is beyond the fast reader: it declines and the full command answers
        byte[] plain = Files.readAllBytes(entry);
        byte[] bom = new byte[plain.length + 3];
        bom[0] = (byte) 0xef;
        bom[1] = (byte) 0xbb;
        bom[2] = (byte) 0xbf;
        System.arraycopy(plain, 0, bom, 3, plain.length);
        Files.write(entry, bom);
        assertSameAnswer(new String[] {"credential-process", "--profile", "dev"}, false);
    }

    /** Runs the hand-parsed fast path and the picocli command on the same argv and compares. */
    void assertSameAnswer(String[] args, boolean fastAnswers) {
        StringWriter fast = new StringWriter();
        int fastCode;
        try (PrintWriter w = new PrintWriter(fast)) {
            fastCode = FastPath.run(args, env(), w);
        }
        StringWriter full = new StringWriter();
        StringWriter err = new StringWriter();
        int fullCode;
        try (PrintWriter o = new PrintWriter(full); PrintWriter e = new PrintWriter(err)) {
            fullCode = CommandFactory.execute(args, env(), o, e);
        }
        assertEquals(0, fullCode, err.toString());
        if (fastAnswers) {
            assertEquals(0, fastCode, String.join(" ", args));
            assertEquals(full.toString(), fast.toString(), String.join(" ", args));
        } else {
            assertEquals(FastPath.NOT_HANDLED, fastCode);
            assertEquals("", fast.toString());
        }
    }

    @Test
    void theFastPathLeavesEverythingElseToTheFullCommandWithoutAWord() throws Exception {
        config(DEV_PROFILE);
        SandboxSignIn.signIn(sandbox, env(), LEGACY);
        // a miss: the full command fetches
        assertSameAnswer(new String[] {"credential-process", "--profile", "dev"}, false);
        // now a hit, but options, a debug request or env overrides the fast path does not parse
        for (String[] args : List.of(
                new String[] {"credential-process", "--profile", "dev", "--refresh-margin", "15m"},
                new String[] {"credential-process", "--sso-start-url", START, "--sso-region", REGION,
                    "--account-id", "111111111111", "--role-name", "Developer"},
                new String[] {"credential-process", "--profile", "dev", "-v"})) {
            assertSameAnswer(args, false);
        }
        StringWriter sink = new StringWriter();
        try (PrintWriter w = new PrintWriter(sink)) {
            assertEquals(FastPath.NOT_HANDLED, FastPath.run(new String[] {"credential-process", "--profile", "dev"},
                    env(CredentialProcessRequest.DEBUG_ENV, "1"), w));
            assertEquals(FastPath.NOT_HANDLED, FastPath.run(new String[] {"credential-process", "--profile", "nope"},
                    env(), w));
            assertEquals(FastPath.NOT_HANDLED, FastPath.run(new String[] {"credential-process", "--profile", "@args"},
                    env(), w));
        }
        assertEquals("", sink.toString());
        // env fallbacks are honoured by both: a role override makes the fast path miss (no entry yet)
        assertSameAnswer(new String[] {"credential-process", "--profile", "dev"}, true);
        Env readOnly = env(CredentialProcessRequest.ROLE_NAME_ENV, "ReadOnly");
        StringWriter w2 = new StringWriter();
        try (PrintWriter w = new PrintWriter(w2)) {
            assertEquals(FastPath.NOT_HANDLED, FastPath.run(new String[] {"credential-process", "--profile", "dev"},
                    readOnly, w));
        }
    }

    @Test
    void theRefreshMarginDecidesWhenCachedCredentialsAreFetchedAgain() throws Exception {
        try (Sandbox shortLived = Sandbox.start(SandboxOptions.builder().autoApprove(true)
                .credentialsTtl(Duration.ofMinutes(10)).build())) {
            config(DEV_PROFILE);
            SandboxSignIn.signIn(shortLived, env(shortLived), LEGACY);
            assertCredentials(cp(env(shortLived), "--profile", "dev"));
            assertEquals(1, calls(shortLived));
            // 10 minutes left is inside the default 15-minute margin: fetched again
            assertCredentials(cp(env(shortLived), "--profile", "dev"));
            assertEquals(2, calls(shortLived));
            // a smaller margin, by option or by environment, reuses them
            assertCredentials(cp(env(shortLived), "--profile", "dev", "--refresh-margin", "5m"));
            assertCredentials(cp(env(shortLived, CredentialProcessRequest.MARGIN_ENV, "300"), "--profile", "dev"));
            StringWriter fast = new StringWriter();
            try (PrintWriter w = new PrintWriter(fast)) {
                assertEquals(0, FastPath.run(new String[] {"credential-process", "--profile", "dev"},
                        env(shortLived, CredentialProcessRequest.MARGIN_ENV, "5m"), w));
            }
            assertEquals(2, calls(shortLived));
            // and a larger one than the lifetime fetches every time
            assertCredentials(cp(env(shortLived), "--profile", "dev", "--refresh-margin", "1h"));
            assertEquals(3, calls(shortLived));
        }
        String err = assertFailure(cp(env(), "--profile", "dev", "--refresh-margin", "soon"), 2);
        assertTrue(err.contains("--refresh-margin must be a duration"), err);
        err = assertFailure(cp(env(CredentialProcessRequest.MARGIN_ENV, "-5"), "--profile", "dev"), 2);
        assertTrue(err.contains(CredentialProcessRequest.MARGIN_ENV), err);
    }

    @Test
    void explicitOptionsAndEnvironmentFallbacksNeedNoProfile() throws Exception {
        SandboxSignIn.signIn(sandbox, env(), LEGACY);
        assertCredentials(cp(env(), "--sso-start-url", START, "--sso-region", REGION, "--account-id",
                "111111111111", "--role-name", "Developer"));
        assertTrue(Files.exists(cacheFile("111111111111", "Developer", START, null)));
        // aws-sso-util's aliases
        assertCredentials(cp(env(), "--start-url", START, "--region", REGION, "--account-id", "222222222222",
                "--role-name", "ReadOnly"));
        assertTrue(Files.exists(cacheFile("222222222222", "ReadOnly", START, null)));
        // AWS_SSO_* alone
        Env vars = env("AWS_SSO_START_URL", START, "AWS_SSO_REGION", REGION, "AWS_SSO_ACCOUNT_ID", "333333333333",
                "AWS_SSO_ROLE_NAME", "Developer");
        assertCredentials(cp(vars));
        assertTrue(Files.exists(cacheFile("333333333333", "Developer", START, null)));
        // an option beats its variable
        assertCredentials(cp(vars, "--role-name", "ReadOnly"));
        assertTrue(Files.exists(cacheFile("333333333333", "ReadOnly", START, null)));
    }

    @Test
    void optionsAndVariablesOverrideTheProfileButAwsProfileIsIgnored() throws Exception {
        config(DEV_PROFILE);
        SandboxSignIn.signIn(sandbox, env(), LEGACY);
        assertCredentials(cp(env(), "--profile", "dev", "--role-name", "ReadOnly"));
        assertTrue(Files.exists(cacheFile("111111111111", "ReadOnly", START, null)));
        assertCredentials(cp(env("AWS_SSO_ACCOUNT_ID", "222222222222"), "--profile", "dev"));
        assertTrue(Files.exists(cacheFile("222222222222", "Developer", START, null)));
        String err = assertFailure(cp(env("AWS_PROFILE", "dev")), 2);
        assertTrue(err.contains("missing the start URL"), err);
        assertTrue(err.contains("--profile"), err);
    }

    @Test
    void ssoSessionProfilesUseTheSessionTokenAndTheSessionCacheKey() throws Exception {
        config(SESSION_PROFILE);
        SandboxSignIn.signIn(sandbox, env(), SESSION);
        assertCredentials(cp(env(), "--profile", "corp-dev"));
        assertTrue(Files.exists(cacheFile("111111111111", "Developer", null, "corp")));
        assertFalse(Files.exists(cacheFile("111111111111", "Developer", START, null)));
        // --sso-session without a profile
        assertCredentials(cp(env(), "--sso-session", "corp", "--account-id", "222222222222", "--role-name",
                "Developer"));
        assertTrue(Files.exists(cacheFile("222222222222", "Developer", null, "corp")));
        // a start URL that contradicts the session is a configuration error
        String err = assertFailure(cp(env(), "--profile", "corp-dev", "--sso-start-url", "https://other.awsapps.com/start"), 2);
        assertTrue(err.contains("sso-session 'corp'"), err);
        err = assertFailure(cp(env(), "--sso-session", "nope", "--account-id", "1", "--role-name", "x"), 2);
        assertTrue(err.contains("[sso-session nope]"), err);
        // a legacy profile of the same instance is served by the session's token (SsoTokens mirrors
        // it), and its role credentials are cached under the legacy key, as the AWS CLI would look
        config(SESSION_PROFILE + "\n" + DEV_PROFILE);
        assertCredentials(cp(env(), "--profile", "dev"));
        assertTrue(Files.exists(cacheFile("111111111111", "Developer", START, null)));
    }

    @Test
    void aSessionTokenNearExpiryIsRefreshedSilently() throws Exception {
        config(SESSION_PROFILE);
        CliRun login = CliRun.run(env(), "login", "--sso-session", "corp", "--headless");
        assertEquals(0, login.code(), login.err());
        TokenCache tokens = TokenCache.of(env());
        String key = TokenCache.cacheKey("corp");
        SsoToken signedIn = tokens.load(key).orElseThrow();
        assertTrue(signedIn.refreshToken() != null, "a session login brings a refresh token");
        tokens.save(key, signedIn.toBuilder().expiresAt(Instant.now().plus(Duration.ofMinutes(5))).build());
        long refreshesBefore = sandbox.stats().count("sso-oidc:CreateToken");
        assertCredentials(cp(env(), "--profile", "corp-dev"));
        assertEquals(1, sandbox.stats().count("sso-oidc:CreateToken") - refreshesBefore, "one refresh");
        SsoToken refreshed = tokens.load(key).orElseThrow();
        assertTrue(refreshed.expiresAt().isAfter(Instant.now().plus(Duration.ofHours(1))), "saved for the next call");
    }

    @Test
    void loginRequiredIsExitOneAndNamesTheFix() throws Exception {
        config(DEV_PROFILE + "\n" + SESSION_PROFILE);
        long before = calls(sandbox);
        // no token at all; and never a browser (a BROWSER command that would leave a mark)
        Path opened = home.resolve("browser-was-opened");
        String err = assertFailure(cp(env("BROWSER", "touch " + opened), "--profile", "dev"), 1);
        assertFalse(Files.exists(opened), "credential-process opened a browser");
        assertTrue(err.contains("ssokit login --profile dev"), err);
        assertTrue(err.contains("aws sso login --profile dev"), err);
        err = assertFailure(cp(env(), "--sso-session", "corp", "--account-id", "111111111111", "--role-name",
                "Developer"), 1);
        assertTrue(err.contains("ssokit login --sso-session corp"), err);
        err = assertFailure(cp(env(), "--sso-start-url", START, "--sso-region", REGION, "--account-id",
                "111111111111", "--role-name", "Developer"), 1);
        assertTrue(err.contains("ssokit login " + START + " " + REGION), err);
        // an expired token, and one inside the 15-minute window
        SandboxSignIn.cacheToken(env(), LEGACY, "expired-token", Instant.now().minus(Duration.ofHours(1)));
        assertFailure(cp(env(), "--profile", "dev"), 1);
        SandboxSignIn.cacheToken(env(), LEGACY, "nearly-expired", Instant.now().plus(Duration.ofMinutes(10)));
        assertFailure(cp(env(), "--profile", "dev"), 1);
        assertEquals(0, calls(sandbox) - before, "no portal call without a usable token");
        // a token the portal rejects
        SandboxSignIn.cacheToken(env(), LEGACY, "not-a-token-the-portal-issued", Instant.now().plus(Duration.ofHours(2)));
        err = assertFailure(cp(env(), "--profile", "dev"), 1);
        assertTrue(err.contains("rejected"), err);
        assertTrue(err.contains("ssokit login --profile dev"), err);
        assertEquals(1, calls(sandbox) - before);
        assertFalse(Files.exists(cacheFile("111111111111", "Developer", START, null)), "nothing cached");
    }

    @Test
    void forceRefreshIgnoresTheTokenSoItOnlySucceedsWithCachedRoleCredentials() throws Exception {
        config(DEV_PROFILE);
        SandboxSignIn.signIn(sandbox, env(), LEGACY);
        long before = calls(sandbox);
        String err = assertFailure(cp(env(), "--profile", "dev", "--force-refresh"), 1);
        assertTrue(err.contains("--force-refresh"), err);
        assertTrue(err.contains("ssokit login --profile dev"), err);
        assertEquals(0, calls(sandbox) - before, "the token was not used");
        CliRun normal = cp(env(), "--profile", "dev");
        assertCredentials(normal);
        CliRun forced = cp(env(), "--profile", "dev", "--force-refresh");
        assertEquals(normal.out(), forced.out(), "cached role credentials are still served");
        assertEquals(1, calls(sandbox) - before);
    }

    @Test
    void configurationProblemsAreExitTwo() throws Exception {
        config(DEV_PROFILE
                + "\n[profile norole]\nsso_start_url = " + START + "\nsso_region = " + REGION
                + "\nsso_account_id = 111111111111\n"
                + "\n[profile interactive]\nsso_start_url = " + START + "\nsso_region = " + REGION
                + "\nsso_account_id = 111111111111\nsso_role_name = Developer\nsso_interactive_auth = true\n"
                + "\n[profile empty]\nregion = eu-west-1\n");
        String err = assertFailure(cp(env(), "--profile", "nope"), 2);
        assertTrue(err.contains("profile 'nope' does not exist"), err);
        err = assertFailure(cp(env(), "--profile", "norole"), 2);
        assertTrue(err.contains("the role name (--role-name, AWS_SSO_ROLE_NAME, sso_role_name)"), err);
        err = assertFailure(cp(env(), "--profile", "interactive"), 2);
        assertTrue(err.contains("sso_interactive_auth"), err);
        // no credentials of any kind: read as an Identity Center profile missing its settings (aws-sso-util's reading)
        err = assertFailure(cp(env(), "--profile", "empty"), 2);
        assertTrue(err.contains("missing the start URL"), err);
        err = assertFailure(cp(env()), 2);
        assertTrue(err.contains("--profile"), err);
        // a usage error is picocli's, also 2, and also leaves stdout empty
        CliRun r = cp(env(), "--profile", "dev", "--no-such-option");
        assertEquals(2, r.code());
        assertEquals("", r.out());
    }

    @Test
    void errorsAnsweredByAwsAreExitFour() throws Exception {
        config(DEV_PROFILE + "\n[profile admin-staging]\nsso_start_url = " + START + "\nsso_region = " + REGION
                + "\nsso_account_id = 222222222222\nsso_role_name = AdministratorAccess\n");
        SandboxSignIn.signIn(sandbox, env(), LEGACY);
        String err = assertFailure(cp(env(), "--profile", "admin-staging"), 4);
        assertTrue(err.startsWith("ssokit: ERROR: An error occurred (ForbiddenException) when calling the"
                + " GetRoleCredentials operation"), err);

        try (Sandbox flaky = Sandbox.start(SandboxOptions.builder().autoApprove(true).errorRate(1).build())) {
            // this sandbox never issued the cached token, but it fails every call before looking at it
            err = assertFailure(cp(env(flaky), "--profile", "dev"), 4);
            assertTrue(err.startsWith("ssokit: ERROR: An error occurred ("), err);
            assertTrue(err.contains("GetRoleCredentials"), err);
            assertTrue(flaky.stats().count(GET_ROLE_CREDENTIALS) >= 1);
        }
    }

    @Test
    void anUnreachablePortalIsExitFiveAndLeavesTheCacheAlone() throws Exception {
        config(DEV_PROFILE);
        SandboxSignIn.signIn(sandbox, env(), LEGACY);
        // a stale entry (inside the margin) that must survive the failed refresh byte for byte
        CredentialCache.of(env()).save(CredentialCache.ssoKey("111111111111", "Developer", START, null),
                new Credentials("ASIASTALE", "stale", "stale-token", Instant.now().plus(Duration.ofMinutes(5)),
                        "111111111111"), "sso");
        Path entry = cacheFile("111111111111", "Developer", START, null);
        byte[] before = Files.readAllBytes(entry);
        Path tokenFile;
        try (var files = Files.list(home.resolve(".aws/sso/cache"))) {
            tokenFile = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        byte[] token = Files.readAllBytes(tokenFile);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Env down = new Env(Map.of("HOME", home.toString(), "AWS_ENDPOINT_URL", "http://127.0.0.1:" + port), home);
        String err = assertFailure(cp(down, "--profile", "dev"), 5);
        assertTrue(err.startsWith("ssokit: ERROR: cannot reach the Identity Center portal in us-east-1 at http://127.0.0.1:"
                + port), err);
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(entry)), "cache entry untouched");
        assertTrue(java.util.Arrays.equals(token, Files.readAllBytes(tokenFile)), "token untouched");
    }

    @Test
    void anUnusableTokenFileIsExitFiveAndNamesTheFile() throws Exception {
        config(DEV_PROFILE);
        Path token = home.resolve(".aws/sso/cache/" + TokenCache.cacheKey(START) + ".json");
        Files.createDirectories(token.getParent());
        Files.writeString(token, "{\"accessToken\": ");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        String err = assertFailure(cp(env(), "--profile", "dev"), 5);
        assertTrue(err.startsWith("ssokit: ERROR: cannot use " + token), err);
        assertEquals("{\"accessToken\": ", Files.readString(token), "left for the user to inspect");
    }

    @Test
    void aCorruptOrExposedCacheFileIsAMissWithAWarningAndIsReplaced() throws Exception {
        config(DEV_PROFILE);
        SandboxSignIn.signIn(sandbox, env(), LEGACY);
        Path entry = cacheFile("111111111111", "Developer", START, null);
        Files.createDirectories(entry.getParent());
        Files.writeString(entry, "{\"Credentials\": {\"AccessKeyId\": ");
        Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString("rw-------"));
        long before = calls(sandbox);
        CliRun r = cp(env(), "--profile", "dev");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("warning: cannot use " + entry), r.err());
        assertTrue(r.err().contains("it will be replaced"), r.err());
        assertEquals(1, r.err().split("\n").length, "warned once: " + r.err());
        assertEquals(1, calls(sandbox) - before);
        JsonNode replaced = JSON.readTree(entry.toFile());
        assertEquals(JSON.readTree(r.out()).get("AccessKeyId"), replaced.get("Credentials").get("AccessKeyId"));

        Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString("rw-r--r--"));
        r = cp(env(), "--profile", "dev");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("has mode 0644"), r.err());
        assertEquals(2, calls(sandbox) - before, "an exposed entry is not trusted: fetched again");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(entry)));
        assertEquals("", cp(env(), "--profile", "dev").err(), "and the replacement is used quietly");
        assertEquals(2, calls(sandbox) - before);
    }

    @Test
    void theDebugLogIsWrittenOnlyOnRequestPrivatelyAndAfresh() throws Exception {
        config(DEV_PROFILE);
        SandboxSignIn.signIn(sandbox, env(), LEGACY);
        Path log = home.resolve(".aws/sso/aws-sso-credential-process-log.txt");
        CliRun quiet = cp(env(), "--profile", "dev");
        assertCredentials(quiet);
        assertFalse(Files.exists(log), "no log unless asked");

        Files.writeString(log, "OLD CONTENT\n");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
        CliRun r = cp(env(), "--profile", "dev", "-v");
        assertCredentials(r);
        assertEquals(quiet.out(), r.out());
        String text = Files.readString(log);
        assertFalse(text.contains("OLD CONTENT"), "truncated");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
        assertTrue(text.contains("cache hit"), text);
        assertTrue(text.contains(JSON.readTree(r.out()).get("SecretAccessKey").asText()), "the user asked for secrets");

        Files.delete(cacheFile("111111111111", "Developer", START, null));
        r = cp(env(CredentialProcessRequest.DEBUG_ENV, "true"), "--profile", "dev");
        assertCredentials(r);
        text = Files.readString(log);
        assertTrue(text.contains("cache miss"), text);
        assertTrue(text.contains("calling sso:GetRoleCredentials"), text);

        SandboxSignIn.cacheToken(env(), LEGACY, "expired", Instant.now().minusSeconds(60));
        Files.delete(cacheFile("111111111111", "Developer", START, null));
        r = cp(env(), "--profile", "dev", "--debug");
        assertFailure(r, 1);
        text = Files.readString(log);
        assertTrue(text.contains("failed with exit code 1"), text);
        assertTrue(text.contains("LoginRequiredException"), "the stack trace goes to the log: " + text);
        assertFalse(r.err().contains("\tat "), "and not to stderr");
    }

    @Test
    void hiddenFromTheCommandListButDocumentedInItsOwnHelp() {
        CliRun root = CliRun.run(env(), "--help");
        assertEquals(0, root.code());
        assertFalse(root.out().contains("credential-process"), root.out());
        CliRun help = cp(env(), "--help");
        assertEquals(0, help.code());
        for (String option : List.of("--profile", "--sso-start-url", "--start-url", "--sso-region", "--region",
                "--account-id", "--role-name", "--sso-session", "--force-refresh", "--refresh-margin",
                "AWS_SSO_START_URL", "AWS_SSO_REGION", "AWS_SSO_ACCOUNT_ID", "AWS_SSO_ROLE_NAME",
                CredentialProcessRequest.MARGIN_ENV, "aws-sso-credential-process-log.txt",
                "AWS_SSO_CREDENTIAL_PROCESS_DEBUG")) {
            assertTrue(help.out().contains(option), option + " in:\n" + help.out());
        }
        assertFalse(help.out().contains("More messages on stderr"), "-v means the log file here");
    }
}
