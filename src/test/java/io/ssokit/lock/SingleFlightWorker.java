package io.ssokit.lock;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ssokit.json.Json;
import io.ssokit.json.JsonFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One racer of the single-flight tests, in-process or as a child JVM: check the cache file, lock,
 * check again, "fetch" (append a line to the counter file, pause, write the cache atomically).
 */
public final class SingleFlightWorker {
    /** Makes every cache file large, so a non-atomic write would be caught half-way. */
    static final int PADDING = 256 * 1024;

    private SingleFlightWorker() {
    }

    /** Args: cacheFile lockFile counterFile gateFile threads. Prints one value per thread. */
    public static void main(String[] args) throws Exception {
        Path cache = Path.of(args[0]);
        Path lock = Path.of(args[1]);
        Path counter = Path.of(args[2]);
        Path gate = Path.of(args[3]);
        int threads = Integer.parseInt(args[4]);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(gate)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no start signal");
            }
            Thread.sleep(2);
        }
        String id = Long.toString(ProcessHandle.current().pid());
        List<String> results = race(cache, lock, counter, id, threads);
        for (String r : results) {
            System.out.println(r);
        }
    }

    static List<String> race(Path cache, Path lock, Path counter, String id, int threads)
            throws InterruptedException {
        List<String> results = new ArrayList<>();
        List<Thread> all = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String who = id + "-" + i;
            Thread t = new Thread(() -> {
                try {
                    String v = getOrFetch(cache, lock, counter, who);
                    synchronized (results) {
                        results.add(v);
                    }
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            });
            all.add(t);
            t.start();
        }
        for (Thread t : all) {
            t.join();
        }
        if (!errors.isEmpty()) {
            throw new AssertionError("racer failed", errors.get(0));
        }
        return results;
    }

    static String getOrFetch(Path cache, Path lock, Path counter, String who) {
        return SingleFlight.get(lock, Duration.ofSeconds(60), () -> read(cache), () -> {
            try {
                Files.write(counter, (who + "\n").getBytes(StandardCharsets.UTF_8),
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                Thread.sleep(300);
                JsonFiles.writeAtomically(cache, content(who));
                return who;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    static byte[] content(String value) {
        return ("{\"value\":\"" + value + "\",\"padding\":\"" + "x".repeat(PADDING) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The cached value; a torn file fails the parse and so the test. */
    static Optional<String> read(Path cache) {
        return Optional.ofNullable(JsonFiles.readSecret(cache, SingleFlightWorker::parse));
    }

    static String parse(JsonParser p) throws IOException {
        Json.startObject(p);
        String value = null;
        int padding = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("value")) {
                value = p.getText();
            } else if (name.equals("padding")) {
                padding = p.getText().length();
            }
        }
        Json.endOfInput(p);
        if (value == null || padding != PADDING) {
            throw new IOException("incomplete cache file");
        }
        return value;
    }
}
