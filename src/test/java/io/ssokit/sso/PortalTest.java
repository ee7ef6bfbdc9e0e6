package io.ssokit.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.aws.AwsClients;
import io.ssokit.cli.PortalFixture;
import io.ssokit.sandbox.Org;
import io.ssokit.sandbox.Sandbox;
import io.ssokit.sandbox.SandboxOptions;
import io.ssokit.sandbox.SandboxStats;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The concurrent listing and its retry policy, against the in-process sandbox. */
class PortalTest {
    static final Instance INSTANCE = Instance.legacy(Org.DEFAULT_START_URL, Org.DEFAULT_REGION);

    final List<AutoCloseable> open = new ArrayList<>();
    final StringWriter logged = new StringWriter();
    final Log log = new Log(new PrintWriter(logged, true), 0);
    final List<Long> sleeps = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void close() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    Sandbox sandbox(Consumer<SandboxOptions.Builder> options) {
        SandboxOptions.Builder b = SandboxOptions.builder().autoApprove(true);
        options.accept(b);
        Sandbox sb = Sandbox.start(b.build());
        open.add(sb);
        return sb;
    }

    AwsClients clients(String endpoint) {
        AwsClients c = new AwsClients(new Env(Map.of("AWS_ENDPOINT_URL", endpoint), Path.of("/nonexistent-home")));
        open.add(c);
        return c;
    }

    /** A portal that records its backoff delays instead of sleeping; the jitter is the ceiling itself. */
    Portal recording(String endpoint, String token, Portal.Settings settings) {
        Portal p = new Portal(clients(endpoint).ssoSingleAttempt(INSTANCE.region()), INSTANCE, token, settings, log,
                sleeps::add, ceiling -> ceiling);
        open.add(p);
        return p;
    }

    /** A portal with the real sleeper and random jitter, as the commands open it. */
    Portal real(Sandbox sb, SsoToken token, Portal.Settings settings) {
        Portal p = Portal.open(clients(sb.endpoint().toString()), INSTANCE, token, settings, log);
        open.add(p);
        return p;
    }

    static Portal.Settings settings(int concurrency, Duration budget, long baseMillis, long maxMillis) {
        return new Portal.Settings(concurrency, budget, Duration.ofMillis(baseMillis), Duration.ofMillis(maxMillis), 6, 3);
    }

    @Test
    void threeHundredAccountsUnderThrottlingComplete() {
        Sandbox sb = sandbox(b -> b.org(Org.generated(300, 3)).latency(Duration.ofMillis(20)).throttleRps(50));
        SsoToken token = PortalFixture.login(sb.endpoint(), INSTANCE);
        sb.resetStats();
        Portal portal = real(sb, token, Portal.Settings.defaults());

        AtomicInteger callbacks = new AtomicInteger();
        long started = System.nanoTime();
        List<PortalRole> rows = portal.roles(a -> true, account -> callbacks.incrementAndGet());
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(900, rows.size());
        assertEquals(300, callbacks.get());
        Set<String> ids = new TreeSet<>();
        for (PortalRole r : rows) {
            ids.add(r.accountId());
        }
        assertEquals(300, ids.size());
        assertEquals("000000000001", rows.get(0).accountId());
        assertEquals(List.of("AdministratorAccess", "Developer", "ReadOnly"),
                rows.subList(0, 3).stream().map(PortalRole::roleName).toList());
        assertEquals("Account 0300", rows.get(899).accountName());
        assertEquals(rows.stream().sorted(PortalRole.BY_ACCOUNT_THEN_ROLE).toList(), rows);

        SandboxStats stats = sb.stats();
        long calls = stats.count("sso:ListAccounts") + stats.count("sso:ListAccountRoles");
        assertTrue(stats.throttled() > 0, "the sandbox throttled nothing, so backoff was not exercised: " + stats);
        assertEquals(0, stats.errors());
        // every failure the sandbox answered was a throttle, and each one was retried
        long failures = stats.failed("sso:ListAccounts") + stats.failed("sso:ListAccountRoles");
        assertEquals(stats.throttled(), failures);
        assertEquals(new Portal.Stats(calls, stats.throttled(), 0, 0), portal.stats());
        System.err.printf("300 accounts x 3 roles at latency 20 ms, throttle 50/s: %d ms wall; %d calls (%d throttled);"
                + " sequential lower bound for the %d successful calls: %d ms; throttle bound: %d ms%n",
                millis, calls, stats.throttled(), calls - stats.throttled(), (calls - stats.throttled()) * 20,
                (calls - stats.throttled() - 50) * 1000 / 50);
    }

    @Test
    void withoutThrottlingTheListingBeatsTheSequentialBound() {
        Sandbox sb = sandbox(b -> b.org(Org.generated(300, 3)).latency(Duration.ofMillis(20)));
        SsoToken token = PortalFixture.login(sb.endpoint(), INSTANCE);
        sb.resetStats();
        long started = System.nanoTime();
        List<PortalRole> rows = real(sb, token, Portal.Settings.defaults()).roles(a -> true, null);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(900, rows.size());
        long calls = sb.stats().count("sso:ListAccounts") + sb.stats().count("sso:ListAccountRoles");
        assertEquals(303, calls);
        System.err.printf("300 accounts x 3 roles at latency 20 ms, no throttle: %d ms wall; %d calls; sequential lower"
                + " bound %d ms%n", millis, calls, calls * 20);
        assertTrue(millis < calls * 20 / 2, millis + " ms");
    }

    @Test
    void concurrencyIsUsedAndBounded() {
        Sandbox sb = sandbox(b -> b.org(Org.generated(40, 1)).latency(Duration.ofMillis(50)));
        SsoToken token = PortalFixture.login(sb.endpoint(), INSTANCE);
        sb.resetStats();
        List<PortalRole> rows = real(sb, token, Portal.Settings.defaults().withConcurrency(4)).roles(a -> true, null);
        assertEquals(40, rows.size());
        // the sandbox saw how many calls were in flight at once: 4, never more (50 ms latency
        // keeps each call open long enough for the others to overlap it)
        assertEquals(4, sb.stats().peakInFlight(), sb.stats().toString());
    }

    @Test
    void serverErrorsAreRetried() {
        Sandbox sb = sandbox(b -> b.org(Org.generated(30, 2)).errorRate(0.3).seed(7L));
        SsoToken token = null;
        for (int i = 0; token == null; i++) {
            try {
                token = PortalFixture.login(sb.endpoint(), INSTANCE);
            } catch (RuntimeException e) {
                // the injected 500s hit the login too; the SDK's own retries may not be enough
                assertTrue(i < 10, "cannot log in: " + e);
            }
        }
        Portal portal = recording(sb.endpoint().toString(), token.accessToken(), Portal.Settings.defaults());
        List<PortalRole> rows = portal.roles(a -> true, null);
        assertEquals(60, rows.size());
        assertTrue(portal.stats().serverErrors() > 0, portal.stats().toString());
        assertEquals(portal.stats().serverErrors(), sleeps.size());
    }

    @Test
    void backoffDoublesUpToTheCapAndServerErrorsEndAfterTheirAttempts() {
        Sandbox sb = sandbox(b -> b.errorRate(1.0));
        Portal portal = recording(sb.endpoint().toString(), "any", settings(1, Duration.ofMinutes(10), 100, 1000));
        SsokitException e = assertThrows(SsokitException.class, portal::probe);
        assertEquals(ExitCodes.ERROR, e.exitCode());
        assertTrue(e.getMessage().contains("failed ListAccounts 6 times in a row (InternalServerException (HTTP 500))"),
                e.getMessage());
        assertEquals(List.of(100L, 200L, 400L, 800L, 1000L), sleeps);
        assertEquals(6, portal.stats().calls());
        assertEquals(6, portal.stats().serverErrors());
    }

    @Test
    void throttlingIsRetriedUntilTheBudgetIsSpent() {
        // one request per second: the first call takes the only token; the rest are throttled
        // because the recording sleeper does not wait for the bucket to refill
        Sandbox sb = sandbox(b -> b.throttleRps(1));
        Portal portal = recording(sb.endpoint().toString(), "bogus", settings(1, Duration.ofMillis(650), 100, 5000));
        assertThrows(LoginRequiredException.class, portal::probe);
        SsokitException e = assertThrows(SsokitException.class, portal::probe);
        assertTrue(e.getMessage().contains("kept refusing ListAccounts (throttled)"), e.getMessage());
        assertTrue(e.getMessage().contains(Portal.CONCURRENCY_VAR), e.getMessage());
        assertEquals(List.of(100L, 200L), sleeps.subList(0, 2));
        assertTrue(sleeps.size() <= 3, sleeps.toString());
        assertEquals(sb.stats().throttled(), portal.stats().throttled());
    }

    @Test
    void aRejectedTokenMeansLoggingInAgain() {
        Sandbox sb = sandbox(b -> { });
        Portal portal = recording(sb.endpoint().toString(), "revoked", Portal.Settings.defaults());
        LoginRequiredException e = assertThrows(LoginRequiredException.class, () -> portal.roles(a -> true, null));
        assertEquals(ExitCodes.ERROR, e.exitCode());
        assertTrue(e.getMessage().contains("rejected the cached token"), e.getMessage());
        assertTrue(e.getMessage().endsWith("run: ssokit login https://sandbox.awsapps.com/start us-east-1 --force-refresh"),
                e.getMessage());
        assertEquals(INSTANCE, e.instance());
        assertEquals(List.of(), sleeps);
    }

    @Test
    void anUnreachablePortalFailsAfterAFewAttempts() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Portal portal = recording("http://127.0.0.1:" + port, "any", Portal.Settings.defaults());
        SsokitException e = assertThrows(SsokitException.class, portal::probe);
        assertTrue(e.getMessage().startsWith("cannot reach the Identity Center portal in us-east-1"), e.getMessage());
        assertEquals(2, sleeps.size());
        assertEquals(3, portal.stats().networkErrors());
    }

    @Test
    void explicitAccountsSkipListAccountsAndWarnAboutInaccessibleOnes() {
        Sandbox sb = sandbox(b -> { });
        SsoToken token = PortalFixture.login(sb.endpoint(), INSTANCE);
        sb.resetStats();
        Portal portal = recording(sb.endpoint().toString(), token.accessToken(), Portal.Settings.defaults());
        List<PortalRole> rows = portal.rolesOfAccounts(List.of("222222222222", "999999999999", "111111111111", "222222222222"), null);
        assertEquals(List.of(
                new PortalRole("111111111111", "UNKNOWN", "AdministratorAccess"),
                new PortalRole("111111111111", "UNKNOWN", "Developer"),
                new PortalRole("111111111111", "UNKNOWN", "ReadOnly"),
                new PortalRole("222222222222", "UNKNOWN", "Developer"),
                new PortalRole("222222222222", "UNKNOWN", "ReadOnly")), rows);
        assertEquals(0, sb.stats().count("sso:ListAccounts"));
        assertEquals(3, sb.stats().count("sso:ListAccountRoles"));
        assertTrue(logged.toString().contains("warning: account 999999999999 does not exist or is not accessible to you; skipped"),
                logged.toString());
    }

    @Test
    void accountsRolesOfAndTheFilterLimitTheCalls() {
        Sandbox sb = sandbox(b -> { });
        SsoToken token = PortalFixture.login(sb.endpoint(), INSTANCE);
        sb.resetStats();
        Portal portal = recording(sb.endpoint().toString(), token.accessToken(), Portal.Settings.defaults());
        assertEquals(List.of("111111111111", "222222222222", "333333333333"),
                portal.accounts().stream().map(PortalAccount::id).toList());
        assertEquals(List.of("Developer", "ReadOnly"), portal.rolesOf("333333333333").orElseThrow());
        assertTrue(portal.rolesOf("999999999999").isEmpty());
        List<PortalRole> rows = portal.roles(a -> a.name().startsWith("Prod"), null);
        assertEquals(2, rows.size());
        assertEquals("Production [EU]", rows.get(0).accountName());
        // accounts() 1 + rolesOf 2 + roles(): ListAccounts 1, ListAccountRoles only for the one account
        assertEquals(2, sb.stats().count("sso:ListAccounts"));
        assertEquals(3, sb.stats().count("sso:ListAccountRoles"));
    }

    @Test
    void aFailingCallbackEndsTheListing() {
        Sandbox sb = sandbox(b -> b.org(Org.generated(50, 1)));
        SsoToken token = PortalFixture.login(sb.endpoint(), INSTANCE);
        Portal portal = recording(sb.endpoint().toString(), token.accessToken(), Portal.Settings.defaults());
        Set<String> seen = Collections.synchronizedSet(new HashSet<>());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> portal.roles(a -> true, rows -> {
            seen.add(rows.get(0).accountId());
            if (seen.size() == 2) {
                throw new IllegalStateException("stdout closed");
            }
        }));
        assertEquals("stdout closed", e.getMessage());
        assertEquals(2, seen.size());
    }

    @Test
    void concurrencyComesFromTheEnvironment() {
        Env home = new Env(Map.of(), Path.of("/nonexistent-home"));
        assertEquals(8, Portal.Settings.from(home).concurrency());
        assertEquals(16, Portal.Settings.from(home.with(Portal.CONCURRENCY_VAR, "16")).concurrency());
        for (String bad : List.of("0", "33", "many")) {
            SsokitException e = assertThrows(SsokitException.class,
                    () -> Portal.Settings.from(home.with(Portal.CONCURRENCY_VAR, bad)));
            assertEquals(ExitCodes.USAGE, e.exitCode());
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }
}
