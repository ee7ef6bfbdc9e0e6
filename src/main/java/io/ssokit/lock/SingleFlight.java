package io.ssokit.lock;

import io.ssokit.SsokitException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * At most one fetch per cache entry at a time, across threads and processes: when a dozen shells
 * or SDK clients start together on an expired entry, one of them calls AWS and the others wait
 * and read what it wrote.
 *
 * <p>The pattern is check, lock, check again, fetch, write, unlock. Readers that only look at the
 * cache never lock: entries are replaced by atomic rename, so they never see half a file.
 */
public final class SingleFlight {
    private SingleFlight() {
    }

    /** {@link #get(Path, Duration, Supplier, Supplier)} with {@link FileLocks#DEFAULT_TIMEOUT}. */
    public static <T> T get(Path lockFile, Supplier<Optional<T>> cached, Supplier<T> fetch) {
        return get(lockFile, FileLocks.DEFAULT_TIMEOUT, cached, fetch);
    }

    /**
     * Returns the cached value when there is one; otherwise takes the lock on {@code lockFile},
     * checks the cache again (another process may have just filled it), and only then runs
     * {@code fetch}, which must write the cache (atomically) before it returns.
     *
     * @param lockFile the entry's lock file (e.g. {@code CredentialCache.lockFile(key)})
     * @param timeout how long to wait for another process's fetch
     * @param cached reads the cache; empty on a miss (or a stale entry)
     * @param fetch fetches and writes the cache; runs with the lock held
     * @throws SsokitException when the lock cannot be had in time; anything {@code cached} or
     *     {@code fetch} throws passes through, and the lock is released either way
     */
    public static <T> T get(Path lockFile, Duration timeout, Supplier<Optional<T>> cached,
            Supplier<T> fetch) {
        Optional<T> hit = cached.get();
        if (hit.isPresent()) {
            return hit.get();
        }
        try (FileLocks.Held held = FileLocks.acquire(lockFile, timeout)) {
            hit = cached.get();
            if (hit.isPresent()) {
                return hit.get();
            }
            return fetch.get();
        }
    }
}
