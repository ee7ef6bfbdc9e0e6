package io.ssokit.sandbox;

import java.time.Duration;
import java.util.Random;

/**
 * Fault injection: a fixed delay per request, a token bucket across all API requests, and a
 * random HTTP 500 with a given probability. The bucket holds one second's worth of requests
 * (at least one) and refills continuously on the monotonic clock, so a burst up to the rate
 * passes and a sustained excess is refused. The error draws come from a {@link Random} seeded
 * with {@code --seed}, so the same sequence of requests fails the same way every run.
 */
final class Faults {
    private final long latencyMillis;
    private final double rps;
    private final double errorRate;
    private final Random random;
    private double tokens;
    private long lastRefill;

    Faults(Duration latency, double rps, double errorRate, Long seed) {
        this.latencyMillis = latency.toMillis();
        this.rps = rps;
        this.errorRate = errorRate;
        this.random = seed == null ? new Random() : new Random(seed);
        this.tokens = Math.max(1, rps);
        this.lastRefill = System.nanoTime();
    }

    void delay() throws InterruptedException {
        if (latencyMillis > 0) {
            Thread.sleep(latencyMillis);
        }
    }

    /** Takes a token; false when the request must be throttled. */
    synchronized boolean admit() {
        if (rps <= 0) {
            return true;
        }
        long now = System.nanoTime();
        tokens = Math.min(Math.max(1, rps), tokens + (now - lastRefill) / 1e9 * rps);
        lastRefill = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** True when this request is to fail with an injected error. */
    synchronized boolean fail() {
        return errorRate > 0 && random.nextDouble() < errorRate;
    }
}
