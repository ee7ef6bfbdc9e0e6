package io.ssokit.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import io.ssokit.ExitCodes;
import io.ssokit.SsokitException;
import io.ssokit.json.ChildJvm;
import io.ssokit.json.Json;
import io.ssokit.json.JsonFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleFlightTest {
    @TempDir
    Path dir;

    @Test
    void manyThreadsOneFetch() throws Exception {
        Path cache = dir.resolve("entry.json");
        Path counter = dir.resolve("fetches.txt");
        List<String> results = SingleFlightWorker.race(cache, dir.resolve("entry.lock"), counter,
                "t", 16);
        assertEquals(1, Files.readAllLines(counter).size(), "exactly one fetch");
        assertEquals(16, results.size());
        assertEquals(1, new HashSet<>(results).size(), "everyone got the fetched value");
        assertEquals(Files.readAllLines(counter).get(0), results.get(0));
    }

    /**
     * Several JVMs with several threads each race on one key while this JVM keeps reading the
     * cache file without a lock: one fetch in total, one value everywhere, no torn read.
     */
    @Test
    void severalProcessesOneFetchAndNoTornRead() throws Exception {
        Path cache = dir.resolve("entry.json");
        Path lock = dir.resolve("entry.lock");
        Path counter = dir.resolve("fetches.txt");
        Path gate = dir.resolve("go");
        int processes = 4;
        List<Process> children = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            Path out = dir.resolve("out-" + i);
            outputs.add(out);
            children.add(ChildJvm.builder(List.of("-XX:TieredStopAtLevel=1"),
                    SingleFlightWorker.class, List.of(cache.toString(), lock.toString(),
                            counter.toString(), gate.toString(), "4"), Map.of())
                    .redirectOutput(out.toFile()).redirectError(dir.resolve("err-" + i).toFile())
                    .start());
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<Throwable> tornRead = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                try {
                    byte[] bytes = Files.readAllBytes(cache);
                    try (JsonParser p = Json.parser(bytes)) {
                        SingleFlightWorker.parse(p);
                    }
                    reads.incrementAndGet();
                } catch (NoSuchFileException e) {
                    Thread.onSpinWait();
                } catch (IOException | RuntimeException e) {
                    tornRead.compareAndSet(null, e);
                }
            }
        });
        reader.start();
        Thread.sleep(300); // let the JVMs start so that they really race at the gate
        Files.createFile(gate);
        Set<String> values = new HashSet<>();
        int lines = 0;
        try {
            for (int i = 0; i < processes; i++) {
                Process p = children.get(i);
                assertTrue(p.waitFor(90, TimeUnit.SECONDS), "racer " + i + " finished");
                assertEquals(0, p.exitValue(), () -> "racer failed: " + read(dir.resolve("err-0")));
            }
            for (Path out : outputs) {
                for (String line : Files.readAllLines(out)) {
                    values.add(line);
                    lines++;
                }
            }
        } finally {
            stop.set(true);
            reader.join();
            children.forEach(Process::destroyForcibly);
        }
        assertEquals(processes * 4, lines);
        assertEquals(1, Files.readAllLines(counter).size(), "exactly one fetch across processes");
        assertEquals(Set.of(Files.readAllLines(counter).get(0)), values);
        assertEquals(null, tornRead.get(), "a reader saw a partial file");
        assertTrue(reads.get() > 0, "the reader read the finished file");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void atomicWritesAreNeverSeenHalfDone() throws Exception {
        Path file = dir.resolve("big.json");
        JsonFiles.writeAtomically(file, SingleFlightWorker.content("first"));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> torn = new AtomicReference<>();
        AtomicInteger reads = new AtomicInteger();
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    try (JsonParser p = Json.parser(Files.readAllBytes(file))) {
                        SingleFlightWorker.parse(p);
                        reads.incrementAndGet();
                    } catch (IOException | RuntimeException e) {
                        torn.compareAndSet(null, e);
                    }
                }
            });
            readers.add(t);
            t.start();
        }
        for (int i = 0; i < 200; i++) {
            JsonFiles.writeAtomically(file, SingleFlightWorker.content("v" + i));
        }
        stop.set(true);
        for (Thread t : readers) {
            t.join();
        }
        assertEquals(null, torn.get());
        assertTrue(reads.get() > 0);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary files left");
        }
    }

    @Test
    void aHitNeverLocks() {
        Path lock = dir.resolve("never").resolve("x.lock");
        assertEquals("hit", SingleFlight.get(lock, Duration.ofSeconds(1), () -> Optional.of("hit"),
                () -> {
                    throw new AssertionError("no fetch on a hit");
                }));
        assertTrue(Files.notExists(lock.getParent()), "not even the lock file was created");
    }

    @Test
    void theSecondCheckSeesAnotherFetchersResult() throws Exception {
        Path lock = dir.resolve("k.lock");
        AtomicInteger checks = new AtomicInteger();
        // first check misses, the check under the lock hits: the fetch must not run
        String v = SingleFlight.get(lock, Duration.ofSeconds(1),
                () -> checks.incrementAndGet() == 1 ? Optional.empty() : Optional.of("theirs"),
                () -> {
                    throw new AssertionError("fetched although the entry appeared meanwhile");
                });
        assertEquals("theirs", v);
        assertEquals(2, checks.get());
        assertTrue(Files.exists(lock));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(lock)));
    }

    @Test
    void aFailedFetchReleasesTheLock() throws Exception {
        Path lock = dir.resolve("k.lock");
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> SingleFlight.get(lock, Duration.ofSeconds(1), Optional::empty, () -> {
                    throw boom;
                }));
        assertSame(boom, thrown);
        assertLockFreeFromAnotherThread(lock);
    }

    @Test
    void timesOutWithAClearMessageWhileAnotherThreadHoldsIt() throws Exception {
        Path lock = dir.resolve("k.lock");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try (FileLocks.Held h = FileLocks.acquire(lock, Duration.ofSeconds(5))) {
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        holder.start();
        held.await();
        long start = System.nanoTime();
        SsokitException e = assertThrows(SsokitException.class,
                () -> FileLocks.acquire(lock, Duration.ofMillis(300)));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waited >= 250 && waited < 5000, "waited " + waited + " ms");
        assertEquals(ExitCodes.ERROR, e.exitCode());
        assertTrue(e.getMessage().startsWith("timed out after 300 ms waiting for the lock "
                + lock.toAbsolutePath()), e.getMessage());
        release.countDown();
        holder.join();
        assertLockFreeFromAnotherThread(lock);
    }

    /**
     * Another process holds the lock: we time out; it dies without unlocking (SIGKILL): the OS
     * has released the lock and we get it at once. Nothing stale is left behind.
     */
    @Test
    void aLockHeldByAnotherProcessIsReleasedWhenThatProcessDies() throws Exception {
        Path lock = dir.resolve("sub").resolve("k.lock");
        Process holder = ChildJvm.builder(List.of(), LockHolderMain.class,
                List.of(lock.toString()), Map.of()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            SsokitException e = assertThrows(SsokitException.class,
                    () -> FileLocks.acquire(lock, Duration.ofMillis(200)));
            assertTrue(e.getMessage().contains("another ssokit process"), e.getMessage());
            holder.destroyForcibly();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
            long start = System.nanoTime();
            try (FileLocks.Held h = FileLocks.acquire(lock, Duration.ofSeconds(10))) {
                assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2000);
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void reentrantForTheHoldingThread() throws Exception {
        Path lock = dir.resolve("k.lock");
        try (FileLocks.Held outer = FileLocks.acquire(lock, Duration.ofSeconds(1))) {
            try (FileLocks.Held inner = FileLocks.acquire(lock, Duration.ofSeconds(1))) {
                assertLockBusyFromAnotherThread(lock);
            }
            assertLockBusyFromAnotherThread(lock);
            outer.close();
            outer.close(); // a second close does nothing
            assertLockFreeFromAnotherThread(lock);
        }
    }

    private static void assertLockFreeFromAnotherThread(Path lock) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try (FileLocks.Held h = FileLocks.acquire(lock, Duration.ofMillis(500))) {
                // got it
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        assertEquals(null, failure.get());
    }

    private static void assertLockBusyFromAnotherThread(Path lock) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try (FileLocks.Held h = FileLocks.acquire(lock, Duration.ofMillis(100))) {
                failure.set(new AssertionError("got a lock that is held"));
            } catch (SsokitException expected) {
                // busy, as it should be
            }
        });
        t.start();
        t.join();
        assertEquals(null, failure.get());
    }
}
