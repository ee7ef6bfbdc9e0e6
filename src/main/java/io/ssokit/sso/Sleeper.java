package io.ssokit.sso;

import java.time.Duration;

/**
 * How the device-code flow waits between polls. Tests pass one that moves a clock instead of
 * sleeping, so that polling intervals, {@code slow_down} and expiry run in no time.
 */
@FunctionalInterface
public interface Sleeper {
    /** A class, not a lambda: token sources are built on the hot path, where a lambda bootstrap costs start-up time. */
    Sleeper SYSTEM = new Sleeper() {
        @Override
        public void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(duration.toMillis());
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
