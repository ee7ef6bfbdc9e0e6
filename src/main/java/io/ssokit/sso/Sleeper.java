package io.ssokit.sso;

import java.time.Duration;

/**
 * How the device-code flow waits between polls. Tests pass one that moves a clock instead of
 * sleeping, so that polling intervals, {@code slow_down} and expiry run in no time.
 */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
