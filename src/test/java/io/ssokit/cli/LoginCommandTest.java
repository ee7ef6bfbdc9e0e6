package io.ssokit.cli;

import static io.ssokit.sso.LoginTesting.REGION;
import static io.ssokit.sso.LoginTesting.START_URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.sandbox.Sandbox;
import io.ssokit.sandbox.SandboxOptions;
import io.ssokit.sso.ClientRegistration;
import io.ssokit.sso.LoginFailedException;
import io.ssokit.sso.LoginTesting;
import io.ssokit.sso.RegistrationCache;
import io.ssokit.sso.TokenCache;
import io.ssokit.testing.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ssokit login} in-process against a sandbox: messages, exit codes, files. */
class LoginCommandTest {
    static final String SUCCESS = "Login succeeded, valid until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC";

    @TempDir
    Path home;
    @TempDir
    Path scratch;
    Sandbox sb;

    @AfterEach
    void stop() {
        if (sb != null) {
            sb.close();
        }
    }

    void start(SandboxOptions.Builder options) {
        sb = Sandbox.start(options.build());
    }

    Env env(String... more) {
        String[] all = new String[more.length + 2];
        all[0] = "TZ";
        all[1] = "UTC";
        System.arraycopy(more, 0, all, 2, more.length);
        return LoginTesting.env(home, sb, all);
    }

    CliRun login(Env env, String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "login";
        System.arraycopy(args, 0, argv, 1, args.length);
        return CliRun.run(env, argv);
    }

    long count(String op) {
        return sb.stats().count(op);
    }

    /** Runs the login while another thread plays the user at the sandbox with the code the browser got. */
    CliRun loginWhileUser(Consumer<String> user, String... args) throws Exception {
        Path recorder = LoginTesting.recordingBrowser(scratch);
        CompletableFuture<Void> person = CompletableFuture.runAsync(() -> {
            try {
                user.accept(LoginTesting.awaitUserCode(scratch));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        CliRun r = login(env("BROWSER", recorder.toString()), args);
        person.get(30, TimeUnit.SECONDS);
        return r;
    }

    @Test
    void deviceCodeForAStartUrlAndRegionThenReuse() {
        start(LoginTesting.sandbox().autoApprove(true));
        CliRun r = login(env(), START_URL, REGION);
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out(), "stdout stays empty");
        assertTrue(r.err().startsWith("Logging in " + START_URL + "\n"), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.matches(SUCCESS)), r.err());
        assertTrue(Files.exists(LoginTesting.tokenFile(home, START_URL)));

        long calls = count("sso-oidc:CreateToken");
        CliRun again = login(env(), "--sso-start-url", START_URL, "--sso-region", REGION);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().lines().anyMatch(l -> l.matches(SUCCESS)), "still reports success: " + again.err());
        assertEquals(calls, count("sso-oidc:CreateToken"), "a token with 15 minutes left is reused");
    }

    @Test
    void manualApprovalFromAnotherThread() throws Exception {
        start(LoginTesting.sandbox());
        LoginTesting.writeConfig(home, LoginTesting.sessionConfig(null));
        String[] code = new String[1];
        CliRun r = loginWhileUser(c -> {
            code[0] = c;
            sb.approve(c);
        }, "--profile", "legacy");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("\n    " + sb.endpoint() + "/device\n"), r.err());
        assertTrue(r.err().contains("\n    " + code[0] + "\n"), r.err());
        assertTrue(r.err().contains("\n    " + sb.endpoint() + "/device?user_code=" + code[0] + "\n"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void pkceForAnSsoSessionWithCurlAsTheBrowser() throws Exception {
        start(LoginTesting.sandbox().autoApprove(true));
        LoginTesting.writeConfig(home, LoginTesting.sessionConfig("sso:account:access"));
        CliRun r = login(env("BROWSER", LoginTesting.curlBrowser()), "--sso-session", "s1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("Logging in " + START_URL + " (sso-session s1)\n"), r.err());
        assertEquals(1, count("sso-oidc:Authorize"));
        assertEquals(0, count("sso-oidc:StartDeviceAuthorization"));
        assertTrue(Files.readString(LoginTesting.tokenFile(home, "s1")).contains("\"refreshToken\""));
        assertTrue(Files.exists(LoginTesting.tokenFile(home, START_URL)), "the legacy copy");
    }

    @Test
    void theProfileOfASessionUsesTheSession() throws Exception {
        start(LoginTesting.sandbox().autoApprove(true));
        LoginTesting.writeConfig(home, LoginTesting.sessionConfig(null));
        CliRun r = login(env("AWS_SSO_DISABLE_BROWSER", "true"), "--profile", "dev");
        assertEquals(0, r.code(), r.err());
        assertEquals(0, count("sso-oidc:Authorize"), "AWS_SSO_DISABLE_BROWSER means headless: device code");
        assertTrue(Files.exists(LoginTesting.tokenFile(home, "s1")));
    }

    @Test
    void aDeniedRequestIsExitCode4() throws Exception {
        start(LoginTesting.sandbox());
        CliRun r = loginWhileUser(sb::deny, START_URL, REGION);
        assertEquals(LoginFailedException.SERVICE_ERROR, r.code(), r.err());
        assertTrue(r.err().contains("ssokit: the sign-in request for " + START_URL + " was denied"), r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(LoginTesting.tokenFile(home, START_URL)));
    }

    @Test
    void anExpiredDeviceCodeIsExitCode2() {
        start(LoginTesting.sandbox().deviceCodeTtl(Duration.ofSeconds(1)));
        CliRun r = login(env(), "--headless", START_URL, REGION);
        assertEquals(LoginFailedException.AUTHORIZATION_EXPIRED, r.code(), r.err());
        assertTrue(r.err().contains("ssokit: the sign-in request for " + START_URL + " expired after 1 seconds"), r.err());
        assertTrue(r.err().contains("Or open this URL, which fills in the code for you:"), "aws-sso-util #113: " + r.err());
    }

    @Test
    void forceSignsInAgain() {
        start(LoginTesting.sandbox().autoApprove(true));
        assertEquals(0, login(env(), START_URL, REGION).code());
        String first = tokenOf(START_URL);
        assertEquals(0, login(env(), START_URL, REGION, "--force").code());
        assertEquals(0, login(env(), START_URL, REGION, "--force-refresh").code());
        assertEquals(3, count("sso-oidc:StartDeviceAuthorization"));
        assertEquals(1, count("sso-oidc:RegisterClient"), "the registration is reused");
        assertNotEquals(first, tokenOf(START_URL));
    }

    @Test
    void allSignsInToEveryInstance() throws Exception {
        start(LoginTesting.sandbox().autoApprove(true).org(LoginTesting.twoInstances()));
        LoginTesting.writeConfig(home, "[profile a]\nsso_start_url = https://alpha.awsapps.com/start\nsso_region = us-east-1\n"
                + "[profile b]\nsso_start_url = https://beta.awsapps.com/start\nsso_region = eu-west-1\n");
        CliRun several = login(env());
        assertEquals(1, several.code());
        assertTrue(several.err().contains("found 2 instances, please specify one"), several.err());
        assertTrue(several.err().contains("or use --all"), several.err());

        CliRun r = login(env(), "--all");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("Logging in 2 Identity Center instances\nLogging in https://alpha.awsapps.com/start\n"), r.err());
        assertTrue(r.err().contains("Logging in https://beta.awsapps.com/start\n"), r.err());
        assertEquals(2, r.err().lines().filter(l -> l.matches(SUCCESS)).count(), r.err());
        assertTrue(Files.exists(LoginTesting.tokenFile(home, "https://alpha.awsapps.com/start")));
        assertTrue(Files.exists(LoginTesting.tokenFile(home, "https://beta.awsapps.com/start")));

        CliRun viaEnv = login(env("AWS_SSO_LOGIN_ALL", "1"), "--force");
        assertEquals(0, viaEnv.code(), viaEnv.err());
        assertEquals(4, count("sso-oidc:StartDeviceAuthorization"));
    }

    @Test
    void instanceResolutionFailuresAreExitCode1() throws Exception {
        start(LoginTesting.sandbox().autoApprove(true));
        CliRun none = login(env());
        assertEquals(1, none.code());
        assertTrue(none.err().startsWith("ssokit: no Identity Center instance found"), none.err());

        LoginTesting.writeConfig(home, LoginTesting.sessionConfig(null));
        CliRun unknown = login(env(), "--profile", "nope");
        assertEquals(1, unknown.code());
        assertEquals("ssokit: profile 'nope' does not exist in the config file\n", unknown.err());
        CliRun plain = login(env(), "--profile", "plain");
        assertEquals(1, plain.code());
        assertTrue(plain.err().contains("profile 'plain' has no Identity Center settings"), plain.err());
        CliRun badRegex = login(env(), "(", REGION);
        assertEquals(1, badRegex.code(), "aws-sso-util: every resolution failure is 1");
        CliRun both = login(env(), "--profile", "dev", "--sso-session", "s1");
        assertEquals(2, both.code());
        assertEquals("ssokit: give --profile or --sso-session, not both\n", both.err());
        assertEquals(0, sb.stats().operations().size(), "nothing was called");
    }

    @Test
    void aCorruptTokenFileIsNamedAndLeftAlone() throws Exception {
        start(LoginTesting.sandbox().autoApprove(true));
        Path f = LoginTesting.tokenFile(home, START_URL);
        Files.createDirectories(f.getParent());
        Files.writeString(f, "not json");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        CliRun r = login(env(), START_URL, REGION);
        assertEquals(1, r.code());
        assertEquals("Logging in " + START_URL + "\nssokit: cannot use " + f + ": it is not valid JSON (line 1, column 5)."
                + " The file was left as it is; delete it to start afresh\n", r.err());
        assertEquals("not json", Files.readString(f));
    }

    @Test
    void aTokenFileWithTheWrongPermissionsIsRefused() throws Exception {
        start(LoginTesting.sandbox().autoApprove(true));
        assertEquals(0, login(env(), START_URL, REGION).code());
        Path f = LoginTesting.tokenFile(home, START_URL);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-r--"));
        CliRun r = login(env(), START_URL, REGION);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("ssokit: file permission problem: " + f + " has mode 0664"), r.err());
        assertTrue(r.err().contains("chmod 600"), r.err());
    }

    @Test
    void anExpiredRegistrationIsReplaced() throws Exception {
        start(LoginTesting.sandbox().autoApprove(true));
        RegistrationCache regs = RegistrationCache.of(new Env(Map.of(), home));
        String key = RegistrationCache.cliKey(START_URL, REGION, null, null);
        regs.save(key, new ClientRegistration("old-client", "old-secret", Instant.now().minus(Duration.ofDays(1)),
                Instant.now().minus(Duration.ofDays(91)), null));
        CliRun r = login(env(), START_URL, REGION);
        assertEquals(0, r.code(), r.err());
        assertEquals(1, count("sso-oidc:RegisterClient"));
        assertNotEquals("old-client", regs.load(key).orElseThrow().clientId());
    }

    @Test
    void aServiceThatIsDownIsExitCode4AndNothingIsDeleted() throws Exception {
        start(LoginTesting.sandbox().autoApprove(true));
        assertEquals(0, login(env(), START_URL, REGION).code());
        Env env = env();
        Path f = LoginTesting.tokenFile(home, START_URL);
        String before = Files.readString(f, StandardCharsets.UTF_8);
        sb.close();
        CliRun r = login(env, START_URL, REGION, "--force");
        assertEquals(LoginFailedException.SERVICE_ERROR, r.code());
        assertTrue(r.err().contains("ssokit: cannot start the device authorization for " + START_URL + " (" + REGION
                + "): the Identity Center OIDC service (" + env.get("AWS_ENDPOINT_URL") + ") cannot be reached"), r.err());
        assertEquals(before, Files.readString(f, StandardCharsets.UTF_8));
        assertEquals("", r.out());
    }

    @Test
    void helpDescribesTheOptionsAndExitCodes() {
        start(LoginTesting.sandbox());
        CliRun r = login(env(), "--help");
        assertEquals(0, r.code());
        for (String s : new String[] {"--profile", "--sso-session", "--all", "--force-refresh", "--headless, --no-browser",
            "--use-device-code", "START_URL", "REGION", "Exit codes", "AWS_SSO_LOGIN_ALL", "aws-sso-util prints progress on stdout"}) {
            assertTrue(r.out().contains(s), s + " in\n" + r.out());
        }
        assertFalse(r.out().contains("--sso-start-url"), "hidden, as in aws-sso-util");
    }

    String tokenOf(String key) {
        return TokenCache.of(new Env(Map.of(), home)).load(TokenCache.cacheKey(key)).orElseThrow().accessToken();
    }
}
