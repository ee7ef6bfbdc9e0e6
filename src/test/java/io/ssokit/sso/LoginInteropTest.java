package io.ssokit.sso;

import io.ssokit.Env;
import static io.ssokit.sso.LoginTesting.REGION;
import static io.ssokit.sso.LoginTesting.START_URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Log;
import io.ssokit.json.ChildJvm;
import io.ssokit.json.ReferencePython;
import io.ssokit.sandbox.Sandbox;
import io.ssokit.sso.TokenSource.Mode;
import io.ssokit.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens ssokit writes, used by AWS's own code, and the other way round: the AWS SDK for Java v2's
 * ProfileCredentialsProvider in a child JVM (sso_session and legacy profiles, and its refresh of an
 * expiring ssokit token), botocore's SSOTokenProvider refreshing and writing a token ssokit then
 * uses, and ten processes refreshing one token once.
 */
class LoginInteropTest {
    static final Instance SESSION = Instance.session("s1", START_URL, REGION, null);
    static final Pattern ACCESS_KEY = Pattern.compile("ASIA[A-Z0-9]{16}");

    @TempDir
    Path home;
    Sandbox sb;

    @BeforeEach
    void start() throws IOException {
        sb = Sandbox.start(LoginTesting.sandbox().autoApprove(true).build());
        LoginTesting.writeConfig(home, LoginTesting.sessionConfig("sso:account:access"));
    }

    @AfterEach
    void stop() {
        sb.close();
    }

    SsoTokens tokens(Clock clock) {
        return new SsoTokens(LoginTesting.env(home, sb), Log.silent(), SsoTokens.Options.defaults().withUseDeviceCode(true),
                clock, Sleeper.SYSTEM);
    }

    TokenCache cache() {
        return TokenCache.of(new Env(Map.of(), home));
    }

    /** Rewrites the cached session token so that it expires {@code in} from now. */
    void expireIn(Duration in) {
        String key = TokenCache.cacheKey("s1");
        SsoToken t = cache().load(key).orElseThrow();
        cache().save(key, t.toBuilder().expiresAt(Instant.now().plus(in).truncatedTo(ChronoUnit.SECONDS)).build());
    }

    Map<String, String> childEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString());
        env.put("AWS_ENDPOINT_URL", sb.endpoint().toString());
        env.put("AWS_PROFILE", "");
        env.put("AWS_ACCESS_KEY_ID", "");
        env.put("AWS_SECRET_ACCESS_KEY", "");
        env.put("AWS_SESSION_TOKEN", "");
        return env;
    }

    String sdkCredentials(String profile) {
        ChildJvm.Result r = ChildJvm.run(List.of(), SdkProfileCredentialsMain.class, List.of(profile), childEnv()).requireSuccess();
        return r.stdout().trim();
    }

    @Test
    void theJavaSdkUsesSsokitTokensForSessionAndLegacyProfiles() {
        tokens(Clock.systemUTC()).token(SESSION, Mode.INTERACTIVE);
        long creates = sb.stats().count("sso-oidc:CreateToken");

        assertTrue(ACCESS_KEY.matcher(sdkCredentials("dev")).matches(), "sso_session profile");
        assertTrue(ACCESS_KEY.matcher(sdkCredentials("legacy")).matches(), "sso_start_url profile, via the legacy copy");
        assertEquals(2, sb.stats().count("sso:GetRoleCredentials"));
        assertEquals(creates, sb.stats().count("sso-oidc:CreateToken"), "no refresh was needed");
    }

    @Test
    void theJavaSdkRefreshesAnExpiringSsokitTokenAndSsokitUsesTheResult() {
        SsoToken mine = tokens(Clock.systemUTC()).token(SESSION, Mode.INTERACTIVE);
        expireIn(Duration.ofSeconds(30));
        long creates = sb.stats().count("sso-oidc:CreateToken");

        assertTrue(ACCESS_KEY.matcher(sdkCredentials("dev")).matches());
        assertEquals(creates + 1, sb.stats().count("sso-oidc:CreateToken"), "the SDK refreshed with ssokit's refresh token");
        SsoToken sdk = cache().load(TokenCache.cacheKey("s1")).orElseThrow();
        assertNotEquals(mine.accessToken(), sdk.accessToken());
        assertNotEquals(mine.refreshToken(), sdk.refreshToken());

        SsoToken used = tokens(Clock.systemUTC()).token(SESSION, Mode.NON_INTERACTIVE);
        assertEquals(sdk.accessToken(), used.accessToken());
        assertEquals(creates + 1, sb.stats().count("sso-oidc:CreateToken"));
    }

    /** botocore's SSOTokenProvider, pointed at the sandbox, refreshes and writes with its own cache writer. */
    private static final String BOTOCORE_REFRESH = ReferencePython.DEBIAN_BOTOCORE + """
            import sys
            import botocore.session
            from botocore.tokens import SSOTokenProvider
            endpoint = sys.argv[1]
            session = botocore.session.Session(profile='dev')
            create = session.create_client
            session.create_client = lambda name, **kw: create(name, endpoint_url=endpoint, **kw)
            token = SSOTokenProvider(session).load_token().get_frozen_token()
            print(token.token)
            """;

    @Test
    void ssokitUsesAndRefreshesATokenBotocoreRefreshedAndWrote() throws IOException {
        ReferencePython.assumeAvailable();
        SsoToken mine = tokens(Clock.systemUTC()).token(SESSION, Mode.INTERACTIVE);
        expireIn(Duration.ofMinutes(5));
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
        String botocore = ReferencePython.run(BOTOCORE_REFRESH, env, sb.endpoint().toString()).trim();
        assertNotEquals(mine.accessToken(), botocore);
        String written = Files.readString(LoginTesting.tokenFile(home, "s1"), StandardCharsets.UTF_8);
        assertTrue(written.contains("\"accessToken\": \"" + botocore + "\""), "botocore's writer: " + written.length());

        long creates = sb.stats().count("sso-oidc:CreateToken");
        SsoToken read = tokens(Clock.systemUTC()).token(SESSION, Mode.NON_INTERACTIVE);
        assertEquals(botocore, read.accessToken(), "a fresh botocore token is used as it is");
        assertEquals(creates, sb.stats().count("sso-oidc:CreateToken"));

        MutableClock later = new MutableClock();
        later.advance(Duration.ofHours(7).plusMinutes(50));
        SsoToken refreshed = tokens(later).token(SESSION, Mode.NON_INTERACTIVE);
        assertNotEquals(botocore, refreshed.accessToken(), "refreshed with the refresh token botocore saved");
        assertEquals(creates + 1, sb.stats().count("sso-oidc:CreateToken"));
    }

    @Test
    void tenProcessesOnAnExpiringTokenRefreshItOnce() throws Exception {
        tokens(Clock.systemUTC()).token(SESSION, Mode.INTERACTIVE);
        expireIn(Duration.ofMinutes(5));
        long creates = sb.stats().count("sso-oidc:CreateToken");

        List<Process> procs = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Path out = home.resolve("out-" + i);
            outs.add(out);
            procs.add(ChildJvm.builder(List.of("-XX:TieredStopAtLevel=1"), NonInteractiveTokenMain.class,
                    List.of("s1", START_URL, REGION), childEnv())
                    .redirectOutput(out.toFile()).redirectError(home.resolve("err-" + i).toFile()).start());
        }
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < procs.size(); i++) {
            Process p = procs.get(i);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child " + i + " timed out");
            assertEquals(0, p.exitValue(), Files.readString(home.resolve("err-" + i)));
            tokens.add(Files.readString(outs.get(i)).trim());
        }
        assertEquals(1, tokens.size(), "all ten print the one refreshed token: " + tokens);
        assertEquals(creates + 1, sb.stats().count("sso-oidc:CreateToken"), "exactly one CreateToken(refresh_token)");
        assertEquals(tokens.iterator().next(), cache().load(TokenCache.cacheKey("s1")).orElseThrow().accessToken());
    }
}
