package io.ssokit.server;

import io.ssokit.Log;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ssokit.SsokitException;
import io.ssokit.credentials.Credentials;
import io.ssokit.testing.MutableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Refresh before expiry, single flight and failures, by time travel. */
class RefreshingCredentialsTest {
    private static final Duration TTL = Duration.ofHours(1);
    private static final Duration MARGIN = Duration.ofMinutes(15);

    private final MutableClock clock = new MutableClock();
    private final AtomicInteger fetches = new AtomicInteger();
    private final StringWriter logged = new StringWriter();
    private final Log log = new Log(new PrintWriter(logged), 1);

    private Credentials issue() {
        int n = fetches.incrementAndGet();
        return new Credentials("ASIAFETCH" + n, "secret-" + n, "token-" + n, clock.instant().plus(TTL), "111111111111");
    }

    @Test
    void keptUntilTheMarginThenFetchedAgain() {
        RefreshingCredentials r = new RefreshingCredentials(this::issue, issue(), MARGIN, clock, log);
        Credentials first = r.get().credentials();
        clock.advance(TTL.minus(MARGIN).minusSeconds(1));
        assertSame(first, r.get().credentials(), "more than the margin left: no fetch");
        assertEquals(1, fetches.get());
        clock.advance(Duration.ofSeconds(2));
        RefreshingCredentials.Served next = r.get();
        assertEquals("ASIAFETCH2", next.credentials().accessKeyId(), "within the margin: fetched before they expire");
        assertEquals(clock.instant(), next.obtained());
        assertSame(next.credentials(), r.get().credentials());
        assertEquals(2, fetches.get());
    }

    @Test
    void theFirstRequestFetchesWhenNothingWasGiven() {
        RefreshingCredentials r = new RefreshingCredentials(this::issue, null, MARGIN, clock, log);
        assertEquals("ASIAFETCH1", r.get().credentials().accessKeyId());
        assertEquals("ASIAFETCH1", r.get().credentials().accessKeyId());
    }

    @Test
    void concurrentRequestsShareOneFetch() throws Exception {
        CountDownLatch inFetch = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CredentialFeed slow = () -> {
            inFetch.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return issue();
        };
        RefreshingCredentials r = new RefreshingCredentials(slow, null, MARGIN, clock, log);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Credentials>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> r.get().credentials()));
            }
            assertTrue(inFetch.await(10, TimeUnit.SECONDS));
            release.countDown();
            for (Future<Credentials> f : results) {
                assertEquals("ASIAFETCH1", f.get(10, TimeUnit.SECONDS).accessKeyId());
            }
            assertEquals(1, fetches.get(), "one fetch for eight waiting requests");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedRefreshServesTheHeldCredentialsWhileTheyLastAndNeverExpiredOnes() {
        AtomicInteger calls = new AtomicInteger();
        CredentialFeed failing = () -> {
            calls.incrementAndGet();
            throw new SsokitException(1, "login required for https://sandbox.awsapps.com/start: run 'ssokit login'");
        };
        Credentials held = issue();
        RefreshingCredentials r = new RefreshingCredentials(failing, held, MARGIN, clock, log);
        clock.advance(TTL.minus(MARGIN).plusMinutes(1));
        assertSame(held, r.get().credentials(), "still valid: served, with a warning");
        assertTrue(logged.toString().contains("cannot refresh the credentials (login required"), logged.toString());
        clock.advance(MARGIN.minus(RefreshingCredentials.USABLE).minusSeconds(30));
        RefreshingCredentials.Unavailable e = assertThrows(RefreshingCredentials.Unavailable.class, r::get,
                "a minute or less left counts as expired");
        assertTrue(e.getMessage().contains("login required"), e.getMessage());
        assertEquals(2, calls.get());
        assertTrue(!logged.toString().contains("secret-") && !logged.toString().contains("token-1"), "no secret in the log: " + logged);
    }

    @Test
    void expiredCredentialsFromTheSourceAreNotServed() {
        CredentialFeed stale = () -> new Credentials("ASIASTALE", "s", "t", clock.instant().plusSeconds(30), null);
        RefreshingCredentials r = new RefreshingCredentials(stale, null, MARGIN, clock, log);
        assertThrows(RefreshingCredentials.Unavailable.class, r::get);
    }

    @Test
    void credentialsWithoutExpiryAreKept() {
        Credentials longTerm = new Credentials("AKIALONGTERM", "secret", null, null, null);
        RefreshingCredentials r = new RefreshingCredentials(() -> {
            throw new AssertionError("no refresh for keys that do not expire");
        }, longTerm, MARGIN, clock, log);
        clock.advance(Duration.ofDays(400));
        assertSame(longTerm, r.get().credentials());
    }
}
