package io.ssokit.lock;

import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.json.JsonFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive locks on a lock file, across threads and processes.
 *
 * <p>Two layers, because an OS file lock belongs to the whole JVM: a second
 * {@code FileChannel.lock} on the same file from another thread throws
 * {@code OverlappingFileLockException} instead of waiting. So threads first queue on an in-JVM
 * {@link ReentrantLock} per lock file, and only the winner takes the OS lock. The OS releases that
 * lock when the process dies, however it dies, so a crash leaves nothing stale; the lock file
 * itself stays (empty, 0600) and is reused. It is never deleted: deleting it would let two
 * processes lock two different files of the same name.
 *
 * <p>The lock is reentrant for the thread holding it.
 */
public final class FileLocks {
    /** Long enough for any fetch that needs no user; a login holding a lock needs its own limit. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final long MIN_POLL_MILLIS = 5;
    private static final long MAX_POLL_MILLIS = 100;
    private static final ConcurrentHashMap<Path, PathLock> LOCKS = new ConcurrentHashMap<>();

    private FileLocks() {
    }

    /**
     * Takes the lock, waiting at most {@code timeout}. Missing directories are created (0700),
     * the lock file too (0600).
     *
     * @throws SsokitException on timeout (naming the lock file), on interruption, or when the lock
     *     file cannot be created
     */
    public static Held acquire(Path lockFile, Duration timeout) {
        Path key = lockFile.toAbsolutePath().normalize();
        PathLock pl = LOCKS.get(key);
        if (pl == null) {
            PathLock fresh = new PathLock();
            pl = LOCKS.putIfAbsent(key, fresh);
            if (pl == null) {
                pl = fresh;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!pl.local.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw timedOut(key, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(key);
        }
        if (pl.local.getHoldCount() > 1) {
            return new Held(pl);
        }
        try {
            pl.fileLock = lockFile(key, deadline, timeout);
            return new Held(pl);
        } catch (RuntimeException | Error e) {
            pl.local.unlock();
            throw e;
        }
    }

    private static FileLock lockFile(Path file, long deadline, Duration timeout) {
        FileChannel channel;
        try {
            JsonFiles.createPrivateDirectories(file.getParent());
            Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel = FileChannel.open(file, options,
                    JsonFiles.ownerOnlyFileAttributes(file.getParent()));
        } catch (IOException e) {
            throw new SsokitException(ExitCodes.ERROR, new StringBuilder("cannot create the lock file ")
                    .append(file).append(": ").append(reason(e)).toString());
        }
        long sleep = MIN_POLL_MILLIS;
        try {
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    // held through a channel this class does not own (other code in this JVM):
                    // treat it like another process holding it and keep waiting
                    lock = null;
                }
                if (lock != null) {
                    return lock;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw timedOut(file, timeout);
                }
                Thread.sleep(Math.min(sleep, TimeUnit.NANOSECONDS.toMillis(left) + 1));
                sleep = Math.min(sleep * 2, MAX_POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(channel);
            throw interrupted(file);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new SsokitException(ExitCodes.ERROR, new StringBuilder("cannot lock ")
                    .append(file).append(": ").append(reason(e)).toString());
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static SsokitException timedOut(Path file, Duration timeout) {
        long millis = timeout.toMillis();
        StringBuilder after = millis % 1000 == 0
                ? new StringBuilder().append(millis / 1000).append(" s")
                : new StringBuilder().append(millis).append(" ms");
        return new SsokitException(ExitCodes.ERROR, new StringBuilder("timed out after ")
                .append(after).append(" waiting for the lock ").append(file)
                .append(": another ssokit process is updating the same cache entry and has not"
                        + " finished. Try again; if it keeps happening, look for a stuck ssokit"
                        + " process (the lock is released when that process ends)").toString());
    }

    private static SsokitException interrupted(Path file) {
        return new SsokitException(ExitCodes.INTERRUPTED, new StringBuilder(
                "interrupted while waiting for the lock ").append(file).toString());
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing releases any OS lock; nothing more can be done if it fails
        }
    }

    /** The in-JVM half of a lock; {@code fileLock} is only touched by the thread holding {@code local}. */
    private static final class PathLock {
        final ReentrantLock local = new ReentrantLock();
        FileLock fileLock;
    }

    /**
     * A held lock; {@link #close} releases it (once; further calls do nothing). It must be closed
     * by the thread that acquired it.
     */
    public static final class Held implements AutoCloseable {
        private final PathLock pl;
        private boolean closed;

        private Held(PathLock pl) {
            this.pl = pl;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (pl.local.getHoldCount() == 1 && pl.fileLock != null) {
                    FileLock lock = pl.fileLock;
                    pl.fileLock = null;
                    // closing the channel releases the OS lock
                    closeQuietly(lock.channel());
                }
            } finally {
                pl.local.unlock();
            }
        }
    }
}
