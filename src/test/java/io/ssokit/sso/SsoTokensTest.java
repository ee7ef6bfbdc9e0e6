package io.ssokit.sso;

import io.ssokit.Env;
import static io.ssokit.sso.LoginTesting.REGION;
import static io.ssokit.sso.LoginTesting.START_URL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.json.CacheFileException;
import io.ssokit.sandbox.Sandbox;
import io.ssokit.sandbox.SandboxOptions;
import io.ssokit.sandbox.SandboxStats;
import io.ssokit.sso.LoginTesting.CapturedLog;
import io.ssokit.sso.TokenSource.Mode;
import io.ssokit.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token source against an in-process sandbox that shares the test's movable clock. */
class SsoTokensTest {
    static final Instance LEGACY = Instance.legacy(START_URL, REGION);
    static final Instance SESSION = Instance.session("s1", START_URL, REGION, null);

    @TempDir
    Path home;
    @TempDir
    Path scratch;

    final MutableClock clock = new MutableClock();
    final CapturedLog out = new CapturedLog();
    final List<Duration> sleeps = new ArrayList<>();
    Sandbox sb;

    @AfterEach
    void stop() {
        if (sb != null) {
            sb.close();
        }
    }

    Sandbox start(SandboxOptions.Builder options) {
        sb = Sandbox.start(options.clock(clock).build());
        return sb;
    }

    /** A sleeper that moves the shared clock instead of sleeping. */
    Sleeper advancing() {
        return d -> {
            sleeps.add(d);
            clock.advance(d);
        };
    }

    SsoTokens tokens(SsoTokens.Options options, Sleeper sleeper, String... vars) {
        return new SsoTokens(LoginTesting.env(home, sb, vars), out.log, options, clock, sleeper);
    }

    SsoTokens tokens(String... vars) {
        return tokens(SsoTokens.Options.defaults(), advancing(), vars);
    }

    SsoTokens deviceCode(String... vars) {
        return tokens(SsoTokens.Options.defaults().withUseDeviceCode(true), advancing(), vars);
    }

    TokenCache cache() {
        return TokenCache.of(new Env(java.util.Map.of(), home));
    }

    SsoToken cached(String key) {
        return cache().load(TokenCache.cacheKey(key)).orElseThrow();
    }

    long count(String op) {
        return sb.stats().count(op);
    }

    long total() {
        SandboxStats s = sb.stats();
        return s.operations().values().stream().mapToLong(Long::longValue).sum();
    }

    // ---- device code --------------------------------------------------------------------

    @Test
    void legacyDeviceCodeLoginWritesTheCliFormatAndIsReused() {
        start(LoginTesting.sandbox().autoApprove(true));
        SsoToken t = tokens().token(LEGACY, Mode.INTERACTIVE);

        SsoToken file = cached(START_URL);
        assertEquals(t.accessToken(), file.accessToken());
        assertEquals(START_URL, file.startUrl());
        assertEquals(REGION, file.region());
        assertEquals(clock.instant().plus(Duration.ofHours(8)).getEpochSecond(), file.expiresAt().getEpochSecond(), 1);
        assertNotNull(file.receivedAt());
        assertNotNull(file.clientId(), "the AWS CLI caches the registration with the token");
        assertNotNull(file.registrationExpiresAt());
        assertNull(file.refreshToken(), "a legacy client registers without scopes and gets no refresh token");
        assertFalse(out.text().contains("enter the code"), "pre-approved: no prompt, as the AWS CLI: " + out.text());

        ClientRegistration reg = RegistrationCache.of(new Env(java.util.Map.of(), home))
                .load(RegistrationCache.cliKey(START_URL, REGION, null, null)).orElseThrow();
        assertEquals(file.clientId(), reg.clientId());
        assertNull(reg.scopes());
        assertEquals(List.of(), OidcFlows.grantTypes(reg));

        long before = total();
        assertEquals(t.accessToken(), tokens().token(LEGACY, Mode.INTERACTIVE).accessToken());
        assertEquals(before, total(), "a usable cached token costs no call");
    }

    @Test
    void manualApprovalPromptsWithTheUrlTheCodeAndTheAutofillUrl() {
        start(LoginTesting.sandbox());
        SsoToken t = tokens(SsoTokens.Options.defaults(), d -> {
            sleeps.add(d);
            if (sleeps.size() == 1) {
                sb.approve(out.userCode());
            }
            clock.advance(d);
        }).token(LEGACY, Mode.INTERACTIVE);

        String code = out.userCode();
        String text = out.text();
        assertTrue(text.contains("\n    " + sb.endpoint() + "/device\n"), text);
        assertTrue(text.contains("\n    " + code + "\n"), text);
        assertTrue(text.contains("\n    " + sb.endpoint() + "/device?user_code=" + code + "\n"), text);
        assertTrue(text.contains("expires in 10 minutes"), text);
        assertEquals(List.of(Duration.ofSeconds(1)), sleeps, "polls at the server's interval");
        assertEquals(t.accessToken(), cached(START_URL).accessToken());
    }

    @Test
    void slowDownAddsFiveSecondsToTheInterval() {
        start(LoginTesting.sandbox().pollInterval(Duration.ofSeconds(2)));
        tokens(SsoTokens.Options.defaults(), d -> {
            sleeps.add(d);
            if (sleeps.size() == 1) {
                return; // poll again at once: the server says slow_down
            }
            sb.approve(out.userCode());
            clock.advance(d);
        }).token(LEGACY, Mode.INTERACTIVE);
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(7)), sleeps);
        assertEquals(2, sb.stats().failed("sso-oidc:CreateToken"), "pending, then slow_down");
    }

    @Test
    void aDeviceCodeNobodyApprovesExpiresWithExitCode2() {
        start(LoginTesting.sandbox().deviceCodeTtl(Duration.ofSeconds(30)));
        LoginFailedException e = assertThrows(LoginFailedException.class,
                () -> tokens().token(LEGACY, Mode.INTERACTIVE));
        assertEquals(LoginFailedException.AUTHORIZATION_EXPIRED, e.exitCode());
        assertTrue(e.getMessage().contains("expired after 30 seconds without being approved"), e.getMessage());
        assertEquals(30, sleeps.size(), "polled every second until the code's expiry");
        assertFalse(Files.exists(LoginTesting.tokenFile(home, START_URL)));
    }

    @Test
    void aDeniedDeviceCodeSaysSoWithExitCode4() {
        start(LoginTesting.sandbox());
        LoginFailedException e = assertThrows(LoginFailedException.class, () -> tokens(SsoTokens.Options.defaults(), d -> {
            sb.deny(out.userCode());
            clock.advance(d);
        }).token(LEGACY, Mode.INTERACTIVE));
        assertEquals(LoginFailedException.SERVICE_ERROR, e.exitCode());
        assertTrue(e.getMessage().contains("was denied"), e.getMessage());
    }

    @Test
    void aSessionDeviceCodeLoginGetsARefreshTokenAndWritesTheLegacyCopy() {
        start(LoginTesting.sandbox().autoApprove(true));
        SsoToken t = deviceCode().token(SESSION, Mode.INTERACTIVE);

        SsoToken session = cached("s1");
        assertEquals(t.accessToken(), session.accessToken());
        assertNotNull(session.refreshToken());
        assertTrue(session.canRefresh(clock));
        SsoToken legacy = cached(START_URL);
        assertEquals(t.accessToken(), legacy.accessToken(), "the legacy copy serves sso_start_url profiles");
        assertEquals(session.expiresAt(), legacy.expiresAt());
        assertNull(legacy.refreshToken(), "only the session file holds the rotating refresh token");
        assertNull(legacy.clientId());

        ClientRegistration reg = RegistrationCache.of(new Env(java.util.Map.of(), home))
                .load(RegistrationCache.cliKey(START_URL, REGION, null, "s1")).orElseThrow();
        assertEquals(List.of("sso:account:access"), reg.scopes());
        assertFalse(OidcFlows.isForAuthorizationCode(reg));
        assertEquals(0, count("sso-oidc:Authorize"));
    }

    // ---- PKCE ---------------------------------------------------------------------------

    @Test
    void pkceIsTheDefaultForSessionsAndItsRegistrationIsReused() {
        start(LoginTesting.sandbox().autoApprove(true));
        SsoTokens tokens = tokens("BROWSER", LoginTesting.curlBrowser());
        SsoToken t = tokens.token(Instance.session("s1", START_URL, REGION, List.of("sso:account:access", "openid")),
                Mode.INTERACTIVE);

        assertEquals(1, count("sso-oidc:Authorize"));
        assertEquals(0, count("sso-oidc:StartDeviceAuthorization"));
        SsoToken file = cached("s1");
        assertEquals(t.accessToken(), file.accessToken());
        assertNotNull(file.refreshToken());
        ClientRegistration reg = RegistrationCache.of(new Env(java.util.Map.of(), home))
                .load(RegistrationCache.cliKey(START_URL, REGION, List.of("sso:account:access", "openid"), "s1")).orElseThrow();
        assertEquals(List.of("authorization_code", "refresh_token"), OidcFlows.grantTypes(reg));
        assertEquals(List.of("sso:account:access", "openid"), reg.scopes());
        assertTrue(out.text().contains("/authorize?response_type=code&client_id="), out.text());

        tokens.token(Instance.session("s1", START_URL, REGION, List.of("sso:account:access", "openid")), Mode.FORCE_LOGIN);
        assertEquals(2, count("sso-oidc:Authorize"));
        assertEquals(1, count("sso-oidc:RegisterClient"), "the PKCE registration is reused");
    }

    @Test
    void aPkceSignInThatNeverReturnsTimesOutWithExitCode2() {
        start(LoginTesting.sandbox().autoApprove(true));
        SsoTokens tokens = tokens(SsoTokens.Options.defaults().withCallbackTimeout(Duration.ofMillis(300)), advancing(),
                "BROWSER", "/bin/true");
        LoginFailedException e = assertThrows(LoginFailedException.class, () -> tokens.token(SESSION, Mode.INTERACTIVE));
        assertEquals(LoginFailedException.AUTHORIZATION_EXPIRED, e.exitCode());
        assertTrue(e.getMessage().contains("timed out after 300 ms waiting for the browser sign-in"), e.getMessage());
        assertTrue(e.getMessage().contains("--use-device-code"), e.getMessage());
    }

    @Test
    void aPkceSignInDeniedInTheBrowserSaysSo() throws Exception {
        start(LoginTesting.sandbox());
        SsoTokens tokens = tokens("BROWSER", LoginTesting.denyingBrowser(scratch).toString());
        LoginFailedException e = assertThrows(LoginFailedException.class, () -> tokens.token(SESSION, Mode.INTERACTIVE));
        assertEquals(LoginFailedException.SERVICE_ERROR, e.exitCode());
        assertTrue(e.getMessage().contains("was denied in the browser"), e.getMessage());
        assertEquals(0, count("sso-oidc:CreateToken"));
    }

    @Test
    void withoutABrowserASessionFallsBackToTheDeviceCode() {
        start(LoginTesting.sandbox().autoApprove(true));
        tokens().token(SESSION, Mode.INTERACTIVE);
        assertEquals(1, count("sso-oidc:StartDeviceAuthorization"));
        assertEquals(0, count("sso-oidc:Authorize"));
        assertTrue(out.text().contains("using the device code instead"), out.text());
        assertEquals(2, count("sso-oidc:RegisterClient"), "one registration per flow, as the AWS CLI keeps them apart");
    }

    @Test
    void headlessSessionsUseTheDeviceCodeAndNeverStartABrowser() throws Exception {
        start(LoginTesting.sandbox());
        Path recorder = LoginTesting.recordingBrowser(scratch);
        tokens(SsoTokens.Options.defaults().withHeadless(true), d -> {
            sb.approve(out.userCode());
            clock.advance(d);
        }, "BROWSER", recorder.toString()).token(SESSION, Mode.INTERACTIVE);
        assertFalse(Files.exists(scratch.resolve("urls.txt")), "no browser in headless mode");
        assertTrue(out.text().contains("open this URL in a browser on any device"), out.text());
        assertEquals(0, count("sso-oidc:Authorize"));
    }

    // ---- refresh ------------------------------------------------------------------------

    @Test
    void anExpiringSessionTokenIsRefreshedSilentlyInNonInteractiveMode() {
        start(LoginTesting.sandbox().autoApprove(true));
        SsoToken first = deviceCode().token(SESSION, Mode.INTERACTIVE);
        clock.advance(Duration.ofHours(7).plusMinutes(50));
        long creates = count("sso-oidc:CreateToken");
        long registrations = count("sso-oidc:RegisterClient");
        int logged = out.text().length();

        SsoToken fresh = tokens().token(SESSION, Mode.NON_INTERACTIVE);
        assertTrue(out.text().substring(logged).lines().allMatch(l -> l.startsWith("debug: ") || l.startsWith("trace: ")),
                "silent unless -v: " + out.text().substring(logged));
        assertNotEquals(first.accessToken(), fresh.accessToken());
        assertEquals(creates + 1, count("sso-oidc:CreateToken"));
        assertEquals(registrations, count("sso-oidc:RegisterClient"));
        assertEquals(1, count("sso-oidc:StartDeviceAuthorization"));
        SsoToken file = cached("s1");
        assertEquals(fresh.accessToken(), file.accessToken());
        assertNotEquals(first.refreshToken(), file.refreshToken(), "the rotated refresh token is saved");
        assertEquals(first.clientId(), file.clientId());
        assertTrue(file.isUsable(clock));
        assertEquals(fresh.accessToken(), cached(START_URL).accessToken(), "the legacy copy follows");

        tokens().token(SESSION, Mode.NON_INTERACTIVE);
        assertEquals(creates + 1, count("sso-oidc:CreateToken"), "the refreshed token is used");
    }

    @Test
    void tenThreadsOnAnExpiringTokenRefreshItOnce() throws Exception {
        start(LoginTesting.sandbox().autoApprove(true));
        deviceCode().token(SESSION, Mode.INTERACTIVE);
        clock.advance(Duration.ofHours(7).plusMinutes(50));
        long creates = count("sso-oidc:CreateToken");

        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            SsoTokens own = tokens();
            results.add(pool.submit(() -> {
                go.await();
                return own.token(SESSION, Mode.NON_INTERACTIVE).accessToken();
            }));
        }
        go.countDown();
        Set<String> seen = new HashSet<>();
        for (Future<String> f : results) {
            seen.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(1, seen.size(), "every caller got the one refreshed token");
        assertEquals(creates + 1, count("sso-oidc:CreateToken"));
        assertEquals(seen.iterator().next(), cached("s1").accessToken());
    }

    @Test
    void nonInteractiveWithoutATokenFailsAtOnceWithoutCallingAws() {
        start(LoginTesting.sandbox().autoApprove(true));
        LoginRequiredException e = assertThrows(LoginRequiredException.class, () -> tokens().token(SESSION, Mode.NON_INTERACTIVE));
        assertTrue(e.getMessage().contains("not logged in to sso-session s1"), e.getMessage());
        assertTrue(e.getMessage().endsWith("run: ssokit login --sso-session s1"), e.getMessage());
        assertEquals(1, e.exitCode());
        assertEquals(0, total());
    }

    @Test
    void aRefusedRefreshTokenMeansLoginRequiredOrANewSignIn() throws Exception {
        start(LoginTesting.sandbox().autoApprove(true));
        SsoToken first = deviceCode().token(SESSION, Mode.INTERACTIVE);
        cache().save(TokenCache.cacheKey("s1"), first.toBuilder().refreshToken("aor-revoked").build());
        clock.advance(Duration.ofHours(7).plusMinutes(50));

        LoginRequiredException e = assertThrows(LoginRequiredException.class, () -> tokens().token(SESSION, Mode.NON_INTERACTIVE));
        assertTrue(e.getMessage().contains("expires within 15 minutes and the refresh token was refused (InvalidGrantException)"),
                e.getMessage());
        assertEquals(1, count("sso-oidc:StartDeviceAuthorization"), "no sign-in attempt in non-interactive mode");

        SsoToken again = deviceCode().token(SESSION, Mode.INTERACTIVE);
        assertEquals(2, count("sso-oidc:StartDeviceAuthorization"), "interactive mode signs in again");
        assertEquals(again.accessToken(), cached("s1").accessToken());
    }

    @Test
    void aLegacyProfileIsServedAndRefreshedThroughTheSessionToken() throws Exception {
        start(LoginTesting.sandbox().autoApprove(true));
        SsoToken session = deviceCode().token(SESSION, Mode.INTERACTIVE);
        Files.delete(LoginTesting.tokenFile(home, START_URL));

        assertEquals(session.accessToken(), tokens().token(LEGACY, Mode.NON_INTERACTIVE).accessToken());
        assertEquals(session.accessToken(), cached(START_URL).accessToken(), "the legacy copy is written again");

        clock.advance(Duration.ofHours(7).plusMinutes(50));
        long creates = count("sso-oidc:CreateToken");
        SsoToken fresh = tokens().token(LEGACY, Mode.NON_INTERACTIVE);
        assertNotEquals(session.accessToken(), fresh.accessToken());
        assertEquals(creates + 1, count("sso-oidc:CreateToken"));
        assertEquals(fresh.accessToken(), cached("s1").accessToken(), "refreshed in the session file");
        assertNotEquals(session.refreshToken(), cached("s1").refreshToken());
        assertEquals(fresh.accessToken(), cached(START_URL).accessToken());
        assertNull(cached(START_URL).refreshToken());
    }

    // ---- registrations ------------------------------------------------------------------

    @Test
    void aRegistrationAbout15MinutesFromExpiryIsReplaced() {
        start(LoginTesting.sandbox().autoApprove(true).clientTtl(Duration.ofHours(1)));
        tokens().token(LEGACY, Mode.INTERACTIVE);
        clock.advance(Duration.ofMinutes(40));
        tokens().token(LEGACY, Mode.FORCE_LOGIN);
        assertEquals(1, count("sso-oidc:RegisterClient"), "20 minutes left: reused");
        clock.advance(Duration.ofMinutes(6));
        tokens().token(LEGACY, Mode.FORCE_LOGIN);
        assertEquals(2, count("sso-oidc:RegisterClient"), "14 minutes left: replaced");
    }

    @Test
    void aRegistrationTheServiceRefusesIsReplacedOnce() {
        start(LoginTesting.sandbox().autoApprove(true));
        RegistrationCache regs = RegistrationCache.of(new Env(java.util.Map.of(), home));
        String key = RegistrationCache.cliKey(START_URL, REGION, null, null);
        regs.save(key, new ClientRegistration("forgotten-client", "secret", clock.instant().plus(Duration.ofDays(60)),
                clock.instant(), null));
        SsoToken t = tokens().token(LEGACY, Mode.INTERACTIVE);
        assertEquals(2, count("sso-oidc:StartDeviceAuthorization"));
        assertEquals(1, sb.stats().failed("sso-oidc:StartDeviceAuthorization"));
        assertEquals(1, count("sso-oidc:RegisterClient"));
        assertEquals(t.clientId(), regs.load(key).orElseThrow().clientId());
        assertNotEquals("forgotten-client", t.clientId());
    }

    @Test
    void aCorruptRegistrationFileIsReplacedWithAWarning() throws Exception {
        start(LoginTesting.sandbox().autoApprove(true));
        RegistrationCache regs = RegistrationCache.of(new Env(java.util.Map.of(), home));
        Path f = regs.file(RegistrationCache.cliKey(START_URL, REGION, null, null));
        Files.createDirectories(f.getParent());
        Files.writeString(f, "{oops");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        tokens().token(LEGACY, Mode.INTERACTIVE);
        assertTrue(out.text().contains("warning: cannot use " + f + ": it is not valid JSON"), out.text());
        assertEquals(1, out.text().split("warning: ", -1).length - 1, "warned once: " + out.text());
        assertEquals(1, count("sso-oidc:RegisterClient"));
        assertNotNull(regs.load(RegistrationCache.cliKey(START_URL, REGION, null, null)).orElseThrow().clientId());
    }

    // ---- concurrency of interactive sign-ins --------------------------------------------

    @Test
    void aSecondSignInWaitsForTheFirstAndUsesItsToken() throws Exception {
        start(LoginTesting.sandbox());
        CountDownLatch firstPolling = new CountDownLatch(1);
        CountDownLatch secondWaiting = new CountDownLatch(1);
        CapturedLog secondLog = new CapturedLog();
        SsoTokens first = tokens(SsoTokens.Options.defaults(), d -> {
            firstPolling.countDown();
            secondWaiting.await();
            sb.approve(out.userCode());
            clock.advance(d);
        });
        SsoTokens second = new SsoTokens(LoginTesting.env(home, sb), secondLog.log, SsoTokens.Options.defaults(), clock,
                d -> {
                    throw new AssertionError("the second sign-in must not poll");
                });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<SsoToken> a = pool.submit(() -> first.token(LEGACY, Mode.INTERACTIVE));
        assertTrue(firstPolling.await(30, TimeUnit.SECONDS));
        Future<SsoToken> b = pool.submit(() -> second.token(LEGACY, Mode.INTERACTIVE));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!secondLog.text().contains("is in progress; waiting for it to finish") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        secondWaiting.countDown();
        assertEquals(a.get(30, TimeUnit.SECONDS).accessToken(), b.get(30, TimeUnit.SECONDS).accessToken());
        pool.shutdown();
        assertTrue(secondLog.text().contains("is in progress; waiting for it to finish"), secondLog.text());
        assertEquals(1, count("sso-oidc:StartDeviceAuthorization"), "one sign-in, one browser");
    }

    // ---- bad input ----------------------------------------------------------------------

    @Test
    void aCorruptTokenFileIsAnErrorNamingItAndIsLeftAlone() throws Exception {
        start(LoginTesting.sandbox().autoApprove(true));
        Path f = LoginTesting.tokenFile(home, START_URL);
        Files.createDirectories(f.getParent());
        Files.writeString(f, "{\"accessToken\": ", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        CacheFileException e = assertThrows(CacheFileException.class, () -> tokens().token(LEGACY, Mode.INTERACTIVE));
        assertTrue(e.getMessage().startsWith("cannot use " + f + ": it is not valid JSON"), e.getMessage());
        assertEquals("{\"accessToken\": ", Files.readString(f));
        assertEquals(0, total());
    }

    @Test
    void aTokenFileOthersCanReadIsRefused() throws Exception {
        start(LoginTesting.sandbox().autoApprove(true));
        SsoToken t = tokens().token(LEGACY, Mode.INTERACTIVE);
        Path f = LoginTesting.tokenFile(home, START_URL);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        byte[] before = Files.readAllBytes(f);
        CacheFileException e = assertThrows(CacheFileException.class, () -> tokens().token(LEGACY, Mode.NON_INTERACTIVE));
        assertTrue(e.isPermissionProblem());
        assertTrue(e.getMessage().contains("chmod 600 '" + f + "'"), e.getMessage());
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(f));
        assertNotNull(t);
    }

    @Test
    void aServiceThatIsDownIsExitCode4AndNothingIsTouched() throws Exception {
        start(LoginTesting.sandbox().autoApprove(true));
        SsoToken old = tokens().token(LEGACY, Mode.INTERACTIVE);
        Env env = LoginTesting.env(home, sb);
        sb.close();
        clock.advance(Duration.ofHours(9));
        Path f = LoginTesting.tokenFile(home, START_URL);
        byte[] before = Files.readAllBytes(f);
        LoginFailedException e = assertThrows(LoginFailedException.class,
                () -> new SsoTokens(env, out.log, SsoTokens.Options.defaults(), clock, advancing()).token(LEGACY, Mode.FORCE_LOGIN));
        assertEquals(LoginFailedException.SERVICE_ERROR, e.exitCode());
        assertTrue(e.getMessage().startsWith("cannot start the device authorization for " + START_URL), e.getMessage());
        assertTrue(e.getMessage().contains("cannot be reached"), e.getMessage());
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(f));
        assertEquals(old.accessToken(), cached(START_URL).accessToken());
        assertTrue(Instant.now().isBefore(clock.instant()));
    }
}
