package io.ssokit.lock;

import java.nio.file.Path;
import java.time.Duration;

/** Takes a lock, says so on stdout, and holds it until killed (or 120 s pass). */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        FileLocks.Held held = FileLocks.acquire(Path.of(args[0]), Duration.ofSeconds(30));
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(120_000);
        held.close();
    }
}
