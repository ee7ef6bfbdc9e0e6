package io.ssokit.server;

import io.ssokit.Log;
import io.ssokit.credentials.Credentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The credentials a server hands out: kept while they have more than the refresh margin left,
 * fetched again from the {@link CredentialFeed} once they do not, by one request while the others
 * wait for its result (a single flight; the feed's own cache adds the cross-process one). Keys
 * that are expired, or about to be, are never handed out: without usable ones a request gets
 * {@link Unavailable} and the server answers with an error.
 */
public final class RefreshingCredentials {
    /**
     * Keys with less than this left count as expired: the SDKs treat them as stale a minute before
     * their expiry, so serving them would only make the client come straight back.
     */
    static final Duration USABLE = Duration.ofMinutes(1);

    private final CredentialFeed feed;
    private final Duration margin;
    private final Clock clock;
    private final Log log;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Served current;

    /**
     * The credentials and when the server obtained them (IMDS reports it as {@code LastUpdated}).
     */
    public record Served(Credentials credentials, Instant obtained) {
    }

    /** No usable credentials: the feed failed and what is held has run out. The message is safe to show. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param initial credentials already fetched (at start-up, so that a failure is reported before
     *     anything is served), or null to fetch on the first request
     * @param margin fetch new credentials when the held ones expire within this
     */
    public RefreshingCredentials(CredentialFeed feed, Credentials initial, Duration margin, Clock clock, Log log) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.margin = Objects.requireNonNull(margin, "margin");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        this.current = initial == null ? null : new Served(initial, clock.instant());
    }

    /**
     * Usable credentials.
     *
     * @throws Unavailable when the feed fails and the held credentials are expired (or none)
     */
    public Served get() {
        Served held = current;
        if (held != null && !held.credentials().expiresWithin(margin, clock)) {
            return held;
        }
        lock.lock();
        try {
            held = current;
            if (held != null && !held.credentials().expiresWithin(margin, clock)) {
                // another request refreshed them while this one waited
                return held;
            }
            return refresh(held);
        } finally {
            lock.unlock();
        }
    }

    private Served refresh(Served held) {
        Credentials fetched;
        try {
            fetched = feed.fetch();
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (usable(held)) {
                log.warn("cannot refresh the credentials (" + why + "); serving the current ones, which expire at "
                        + held.credentials().expiration());
                return held;
            }
            log.warn("cannot refresh the credentials, and the current ones have expired: " + why);
            throw new Unavailable("no usable credentials: " + why, e);
        }
        Served next = new Served(fetched, clock.instant());
        if (!usable(next)) {
            if (usable(held)) {
                log.warn("the credential source returned credentials that expire at " + fetched.expiration()
                        + "; serving the current ones");
                return held;
            }
            log.warn("the credential source returned credentials that expire at " + fetched.expiration());
            throw new Unavailable("no usable credentials: the source's expire at " + fetched.expiration(), null);
        }
        current = next;
        log.debug("new credentials obtained (" + fetched + ")");
        return next;
    }

    private boolean usable(Served s) {
        return s != null && !s.credentials().expiresWithin(USABLE, clock);
    }
}
