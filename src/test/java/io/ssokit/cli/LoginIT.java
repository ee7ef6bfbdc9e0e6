package io.ssokit.cli;

import static io.ssokit.sso.LoginTesting.REGION;
import static io.ssokit.sso.LoginTesting.START_URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.sandbox.Sandbox;
import io.ssokit.sandbox.SandboxOptions;
import io.ssokit.sso.LoginTesting;
import io.ssokit.sso.SsoToken;
import io.ssokit.sso.TokenCache;
import io.ssokit.testing.Proc;
import io.ssokit.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ssokit login} and {@code logout} through the real launcher and the packaged jar, against a sandbox. */
class LoginIT {
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

    Map<String, String> env(String... more) {
        Map<String, String> env = LoginTesting.vars(home, sb);
        env.put("TZ", "UTC");
        for (int i = 0; i + 1 < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    Proc.Result ssokit(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Tools.launcher());
        cmd.addAll(List.of(args));
        return Proc.run(cmd, env);
    }

    TokenCache cache() {
        return TokenCache.of(new Env(Map.of(), home));
    }

    @Test
    void deviceCodeLoginThenLogout() throws Exception {
        start(LoginTesting.sandbox().autoApprove(true));
        Proc.Result login = ssokit(env(), "login", START_URL, REGION);
        assertEquals(0, login.exit(), login.toString());
        assertEquals("", login.stdout());
        assertTrue(login.stderr().matches("(?s)Logging in " + START_URL.replace(".", "\\.")
                + "\nLogin succeeded, valid until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\n"), login.stderr());
        assertTrue(Files.exists(LoginTesting.tokenFile(home, START_URL)));

        Proc.Result logout = ssokit(env(), "logout");
        assertEquals(0, logout.exit(), logout.toString());
        assertEquals("", logout.stdout());
        assertFalse(Files.exists(LoginTesting.tokenFile(home, START_URL)));
        assertEquals(1, sb.stats().count("sso:Logout"));
    }

    @Test
    void pkceWithCurlFollowingTheRedirect() throws Exception {
        start(LoginTesting.sandbox().autoApprove(true));
        LoginTesting.writeConfig(home, LoginTesting.sessionConfig(null));
        Proc.Result r = ssokit(env("BROWSER", LoginTesting.curlBrowser()), "login", "--sso-session", "s1");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(1, sb.stats().count("sso-oidc:Authorize"));
        assertTrue(r.stderr().contains("/authorize?response_type=code"), r.stderr());
        SsoToken t = cache().load(TokenCache.cacheKey("s1")).orElseThrow();
        assertTrue(t.refreshToken() != null && t.clientId() != null, t.toString());
    }

    @Test
    void manualApprovalFromAnotherThread() throws Exception {
        start(LoginTesting.sandbox());
        Path recorder = LoginTesting.recordingBrowser(scratch);
        CompletableFuture<Void> person = CompletableFuture.runAsync(() -> {
            try {
                sb.approve(LoginTesting.awaitUserCode(scratch));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Proc.Result r = ssokit(env("BROWSER", recorder.toString()), "login", START_URL, REGION);
        person.get(30, TimeUnit.SECONDS);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.stderr().contains("and enter the code:"), r.stderr());
    }

    @Test
    void anExpiredDeviceCodeExitsWith2() throws Exception {
        start(LoginTesting.sandbox().deviceCodeTtl(Duration.ofSeconds(1)));
        Proc.Result r = ssokit(env(), "login", "--no-browser", START_URL, REGION);
        assertEquals(2, r.exit(), r.toString());
        assertEquals("", r.stdout());
    }

    @Test
    void tenConcurrentLoginsOnAnExpiringSessionRefreshOnce() throws Exception {
        start(LoginTesting.sandbox().autoApprove(true));
        LoginTesting.writeConfig(home, LoginTesting.sessionConfig(null));
        assertEquals(0, ssokit(env(), "login", "--sso-session", "s1", "--use-device-code").exit());
        String key = TokenCache.cacheKey("s1");
        SsoToken t = cache().load(key).orElseThrow();
        cache().save(key, t.toBuilder().expiresAt(Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS)).build());
        long creates = sb.stats().count("sso-oidc:CreateToken");

        List<CompletableFuture<Proc.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return ssokit(env(), "login", "--sso-session", "s1");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<Proc.Result> run : runs) {
            Proc.Result r = run.get(180, TimeUnit.SECONDS);
            assertEquals(0, r.exit(), r.toString());
        }
        assertEquals(creates + 1, sb.stats().count("sso-oidc:CreateToken"), "one refresh for ten processes");
        assertEquals(0, sb.stats().count("sso-oidc:Authorize"), "nobody signed in interactively");
        assertTrue(cache().load(key).orElseThrow().expiresAt().isAfter(Instant.now().plus(Duration.ofHours(7))),
                "the refreshed token was saved");
    }
}
