package io.ssokit.sso;

import io.ssokit.Env;
import io.ssokit.ExitCodes;
import io.ssokit.Log;
import io.ssokit.SsokitException;
import io.ssokit.aws.AwsClients;
import io.ssokit.aws.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.AccountInfo;
import software.amazon.awssdk.services.sso.model.ListAccountRolesResponse;
import software.amazon.awssdk.services.sso.model.ListAccountsResponse;
import software.amazon.awssdk.services.sso.model.RoleInfo;
import software.amazon.awssdk.services.sso.model.SsoException;
import software.amazon.awssdk.services.sso.model.TooManyRequestsException;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;

/**
 * The access portal's account and role listing ({@code sso:ListAccounts}, then
 * {@code sso:ListAccountRoles} per account), as roles, check, populate, configure and the
 * completion index need it.
 *
 * <p>aws-sso-util lists roles one account at a time (38 s for 286 roles, its issue #39) and dies on
 * the first {@code TooManyRequestsException} in a large organisation (its issue #112). Here the
 * per-account calls run concurrently, a bounded number in flight ({@link Settings#concurrency}),
 * starting as soon as each page of accounts arrives; every call is retried on throttling
 * ({@code TooManyRequestsException}, HTTP 429), server errors (5xx) and network errors, with full
 * jitter exponential backoff up to a cap, within a per-call time budget. The SDK client makes a
 * single attempt per call ({@link AwsClients#ssoSingleAttempt}), so this is the only retry policy.
 *
 * <p>A token the portal rejects ({@code UnauthorizedException}: revoked, or expired on the server
 * although the cache says otherwise) becomes a {@link LoginRequiredException}.
 *
 * <p>Results come back in a stable order (account id, then role name), whatever order the
 * concurrent calls finish in; a per-account callback sees each account's rows as they arrive, for
 * streaming output. Thread-safe; close it to release the SDK client.
 */
public final class Portal implements AutoCloseable {
    /** The account name shown when an account was named by id and never listed (aws-sso-util's). */
    public static final String UNKNOWN_NAME = "UNKNOWN";
    /** Environment variable that sets {@link Settings#concurrency} for every command. */
    public static final String CONCURRENCY_VAR = "SSOKIT_PORTAL_CONCURRENCY";
    /** The largest page the portal serves: fewer calls than its default of 20. */
    static final int PAGE_SIZE = 100;
    private static final long POLL_MILLIS = 50;

    /**
     * How hard to push the portal.
     *
     * @param concurrency ListAccountRoles calls in flight at once
     * @param callBudget how long one call may keep being retried before the listing fails
     * @param baseDelay the first backoff ceiling; it doubles with each attempt
     * @param maxDelay the largest backoff ceiling
     * @param serverErrorAttempts attempts of one call that may end in a 5xx before giving up
     * @param networkAttempts attempts of one call that may fail to connect before giving up
     */
    public record Settings(int concurrency, Duration callBudget, Duration baseDelay, Duration maxDelay,
            int serverErrorAttempts, int networkAttempts) {
        public static final int DEFAULT_CONCURRENCY = 8;
        public static final int MAX_CONCURRENCY = 32;

        public Settings {
            if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
                throw new SsokitException(ExitCodes.USAGE, "the portal concurrency must be between 1 and "
                        + MAX_CONCURRENCY + ", got " + concurrency);
            }
            if (callBudget.isNegative() || baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0
                    || serverErrorAttempts < 1 || networkAttempts < 1) {
                throw new IllegalArgumentException("invalid portal retry settings");
            }
        }

        /**
         * 8 in flight; throttled calls retried for up to 5 minutes each with delays from 100 ms to
         * 5 s; 6 attempts on server errors, 3 on network errors (a portal that cannot be reached
         * at all should say so in seconds, not minutes).
         */
        public static Settings defaults() {
            return new Settings(DEFAULT_CONCURRENCY, Duration.ofMinutes(5), Duration.ofMillis(100),
                    Duration.ofSeconds(5), 6, 3);
        }

        /** The defaults with {@value #CONCURRENCY_VAR} applied when set. */
        public static Settings from(Env env) {
            Settings s = defaults();
            String v = env.get(CONCURRENCY_VAR);
            if (v == null) {
                return s;
            }
            int n;
            try {
                n = Integer.parseInt(v.strip());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MAX_CONCURRENCY) {
                throw new SsokitException(ExitCodes.USAGE, CONCURRENCY_VAR + " must be a whole number from 1 to "
                        + MAX_CONCURRENCY + ", got '" + v + "'");
            }
            return s.withConcurrency(n);
        }

        public Settings withConcurrency(int n) {
            return new Settings(n, callBudget, baseDelay, maxDelay, serverErrorAttempts, networkAttempts);
        }
    }

    /**
     * What a listing cost: every attempt made, and how many of them were throttled, got a server
     * error, or failed to connect (each of those was retried or ended the listing).
     */
    public record Stats(long calls, long throttled, long serverErrors, long networkErrors) {
    }

    /** Sleeps between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final SsoClient client;
    private final Instance instance;
    private final String accessToken;
    private final Settings settings;
    private final Log log;
    private final Sleeper sleeper;
    private final LongUnaryOperator jitter;
    private final LongAdder calls = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder serverErrors = new LongAdder();
    private final LongAdder networkErrors = new LongAdder();
    private final AtomicBoolean throttleNoticed = new AtomicBoolean();

    /**
     * @param jitter maps a backoff ceiling in milliseconds to the delay actually slept, in
     *     {@code [0, ceiling]}
     */
    Portal(SsoClient client, Instance instance, String accessToken, Settings settings, Log log, Sleeper sleeper,
            LongUnaryOperator jitter) {
        this.client = client;
        this.instance = instance;
        this.accessToken = accessToken;
        this.settings = settings;
        this.log = log;
        this.sleeper = sleeper;
        this.jitter = jitter;
    }

    /** A portal session for the instance's region with the given token. */
    public static Portal open(AwsClients clients, Instance instance, SsoToken token, Settings settings, Log log) {
        return new Portal(clients.ssoSingleAttempt(instance.region()), instance, token.accessToken(), settings, log,
                Thread::sleep, Backoff.FULL_JITTER);
    }

    public Instance instance() {
        return instance;
    }

    public Stats stats() {
        return new Stats(calls.sum(), throttled.sum(), serverErrors.sum(), networkErrors.sum());
    }

    /** One {@code ListAccounts} call for a single account: proves that the portal accepts the token. */
    public void probe() {
        call("ListAccounts", null, () -> client.listAccounts(r -> r.accessToken(accessToken).maxResults(1)));
    }

    /** Every account the user can reach, following {@code nextToken}, sorted by id. */
    public List<PortalAccount> accounts() {
        List<PortalAccount> out = new ArrayList<>();
        forEachAccountPage(page -> out.addAll(page), () -> false);
        out.sort(Comparator.comparing(PortalAccount::id));
        return out;
    }

    /**
     * The roles of one account, sorted; empty when the portal says the account does not exist or
     * is not accessible to the user (HTTP 403 or 404).
     */
    public Optional<List<String>> rolesOf(String accountId) {
        List<String> roles = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            ListAccountRolesResponse page;
            try {
                page = call("ListAccountRoles", accountId, () -> client.listAccountRoles(r -> r.accessToken(accessToken)
                        .accountId(accountId).maxResults(PAGE_SIZE).nextToken(token)));
            } catch (SsoException e) {
                if (e.statusCode() == 403 || e.statusCode() == 404) {
                    log.debug("account " + accountId + " is not accessible: " + errorCode(e));
                    return Optional.empty();
                }
                throw failed("ListAccountRoles", accountId, e);
            }
            for (RoleInfo r : page.roleList()) {
                roles.add(r.roleName());
            }
            next = blankToNull(page.nextToken());
        } while (next != null);
        roles.sort(PortalRole::compareCodePoints);
        return Optional.of(roles);
    }

    /**
     * Every role in every account that passes {@code accountFilter} (roles are listed only for
     * those), concurrently.
     *
     * @param onAccount called with each account's rows (sorted by role) as soon as they are
     *     known, one account at a time; null for none. An exception it throws ends the listing.
     * @return all rows, by account id then role name
     */
    public List<PortalRole> roles(Predicate<PortalAccount> accountFilter, Consumer<List<PortalRole>> onAccount) {
        try (Fanout fanout = new Fanout(onAccount)) {
            forEachAccountPage(page -> {
                for (PortalAccount a : page) {
                    if (accountFilter.test(a)) {
                        fanout.submit(a, false);
                    }
                }
            }, fanout::failed);
            return fanout.await();
        }
    }

    /**
     * The fast path for accounts named by id: no {@code ListAccounts}, account names
     * {@link #UNKNOWN_NAME}. An account the portal refuses is skipped with a warning.
     *
     * @param onAccount as for {@link #roles(Predicate, Consumer)}
     */
    public List<PortalRole> rolesOfAccounts(List<String> accountIds, Consumer<List<PortalRole>> onAccount) {
        try (Fanout fanout = new Fanout(onAccount)) {
            Set<String> seen = new HashSet<>();
            for (String id : accountIds) {
                if (seen.add(id)) {
                    fanout.submit(new PortalAccount(id, UNKNOWN_NAME, null), true);
                }
            }
            return fanout.await();
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** Pages through ListAccounts (each page deduplicated by id), stopping early when told to. */
    private void forEachAccountPage(Consumer<List<PortalAccount>> onPage, Supplier<Boolean> stop) {
        Set<String> seen = new HashSet<>();
        String next = null;
        do {
            String token = next;
            ListAccountsResponse page;
            try {
                page = call("ListAccounts", null, () -> client.listAccounts(r -> r.accessToken(accessToken)
                        .maxResults(PAGE_SIZE).nextToken(token)));
            } catch (SsoException e) {
                throw failed("ListAccounts", null, e);
            }
            List<PortalAccount> accounts = new ArrayList<>();
            for (AccountInfo a : page.accountList()) {
                if (seen.add(a.accountId())) {
                    accounts.add(new PortalAccount(a.accountId(), a.accountName(), a.emailAddress()));
                }
            }
            onPage.accept(accounts);
            next = blankToNull(page.nextToken());
        } while (next != null && !stop.get());
    }

    /**
     * One portal call with the retry policy. Returns the response, or throws: a
     * {@link LoginRequiredException} when the token is rejected, an {@link SsokitException} when
     * the retries are used up, or the {@link SsoException} of any other error for the caller to
     * interpret (403, 404, 400).
     */
    private <T> T call(String operation, String accountId, Supplier<T> request) {
        long started = System.nanoTime();
        int serverFailures = 0;
        int networkFailures = 0;
        for (int attempt = 1; ; attempt++) {
            calls.increment();
            String reason;
            try {
                return request.get();
            } catch (UnauthorizedException e) {
                throw rejected();
            } catch (SsoException e) {
                if (e.statusCode() == 401) {
                    // the URL-connection client can drop a 401's body, leaving no error code to map
                    throw rejected();
                }
                if (e instanceof TooManyRequestsException || e.isThrottlingException()) {
                    throttled.increment();
                    if (throttleNoticed.compareAndSet(false, true)) {
                        log.debug("the portal is throttling requests; retrying with backoff");
                    }
                    reason = "throttled";
                } else if (e.statusCode() >= 500) {
                    serverErrors.increment();
                    if (++serverFailures >= settings.serverErrorAttempts()) {
                        throw new SsokitException(ExitCodes.ERROR, "the Identity Center portal failed " + what(operation, accountId)
                                + " " + attempt + " times in a row (" + errorCode(e) + "); try again later", e);
                    }
                    reason = errorCode(e);
                } else {
                    throw e;
                }
            } catch (AbortedException e) {
                throw interrupted();
            } catch (SdkClientException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw interrupted();
                }
                networkErrors.increment();
                if (++networkFailures >= settings.networkAttempts()) {
                    throw new SsokitException(ExitCodes.ERROR, "cannot reach the Identity Center portal in "
                            + instance.region() + " (" + e.getMessage() + ")", e);
                }
                reason = "network error";
            }
            long ceiling = Backoff.ceiling(settings.baseDelay(), settings.maxDelay(), attempt);
            long delay = jitter.applyAsLong(ceiling);
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            if (elapsed + delay > settings.callBudget().toMillis()) {
                throw new SsokitException(ExitCodes.ERROR, "the Identity Center portal kept refusing " + what(operation, accountId)
                        + " (" + reason + ") for " + (elapsed / 1000) + " s over " + attempt + " attempts; try again later"
                        + (reason.equals("throttled") ? ", or set " + CONCURRENCY_VAR + " lower" : ""));
            }
            log.trace(operation + (accountId == null ? "" : " " + accountId) + ": " + reason + ", attempt " + attempt
                    + "; retrying in " + delay + " ms");
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted();
            }
        }
    }

    private LoginRequiredException rejected() {
        return new LoginRequiredException(instance, "the Identity Center portal rejected the cached token for "
                + instance.describe() + " (UnauthorizedException): it was revoked, or expired on the server before the"
                + " expiry recorded in the token cache", LoginRequiredException.hint(instance, null) + " --force-refresh");
    }

    private static SsokitException failed(String operation, String accountId, SsoException e) {
        return new SsokitException(ExitCodes.ERROR, "the Identity Center portal refused " + what(operation, accountId)
                + ": " + errorCode(e) + (message(e) == null ? "" : ": " + message(e)), e);
    }

    private static SsokitException interrupted() {
        return new SsokitException(ExitCodes.INTERRUPTED, "interrupted");
    }

    private static String what(String operation, String accountId) {
        return accountId == null ? operation : operation + " for account " + accountId;
    }

    private static String errorCode(SsoException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return (code == null ? "error" : code) + " (HTTP " + e.statusCode() + ")";
    }

    private static String message(SsoException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * The per-account ListAccountRoles calls in flight on a fixed pool. The first failure stops
     * the rest (tasks not yet started do nothing; sleeping retries are interrupted) and is
     * rethrown by {@link #await()}.
     */
    private final class Fanout implements AutoCloseable {
        private final ExecutorService pool;
        private final Consumer<List<PortalRole>> onAccount;
        private final List<Future<List<PortalRole>>> futures = new ArrayList<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Fanout(Consumer<List<PortalRole>> onAccount) {
            this.onAccount = onAccount;
            AtomicInteger n = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(settings.concurrency(), r -> {
                Thread t = new Thread(r, "ssokit-portal-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }

        boolean failed() {
            return failure.get() != null;
        }

        void submit(PortalAccount account, boolean explicit) {
            futures.add(pool.submit(() -> {
                if (failed()) {
                    return List.of();
                }
                try {
                    return rows(account, explicit);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                    throw e;
                }
            }));
        }

        private List<PortalRole> rows(PortalAccount account, boolean explicit) {
            Optional<List<String>> roles = rolesOf(account.id());
            if (roles.isEmpty()) {
                if (explicit) {
                    log.warn("account " + account.id() + " does not exist or is not accessible to you; skipped");
                }
                return List.of();
            }
            List<PortalRole> rows = new ArrayList<>();
            for (String role : roles.get()) {
                rows.add(new PortalRole(account.id(), account.name(), role));
            }
            if (onAccount != null && !rows.isEmpty()) {
                synchronized (this) {
                    if (!failed()) {
                        onAccount.accept(List.copyOf(rows));
                    }
                }
            }
            return rows;
        }

        /**
         * Every row, sorted. Polls so that a failure anywhere ends the wait at once, even while
         * earlier calls are still sleeping between retries.
         */
        List<PortalRole> await() {
            List<PortalRole> all = new ArrayList<>();
            try {
                for (Future<List<PortalRole>> f : futures) {
                    while (true) {
                        if (failed()) {
                            throw rethrow(failure.get());
                        }
                        try {
                            all.addAll(f.get(POLL_MILLIS, TimeUnit.MILLISECONDS));
                            break;
                        } catch (TimeoutException e) {
                            // look at the failure flag again
                        } catch (ExecutionException e) {
                            throw rethrow(failure.get() != null ? failure.get() : e.getCause());
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted();
            } finally {
                pool.shutdownNow();
            }
            all.sort(PortalRole.BY_ACCOUNT_THEN_ROLE);
            return all;
        }

        private RuntimeException rethrow(Throwable cause) {
            pool.shutdownNow();
            if (cause instanceof RuntimeException re) {
                return re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            return new IllegalStateException(cause);
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }
}
