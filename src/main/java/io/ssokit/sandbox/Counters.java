package io.ssokit.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe request counters behind {@link SandboxStats}. */
final class Counters {
    private final Map<String, LongAdder> operations = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();

    void request(String operation) {
        operations.computeIfAbsent(operation, k -> new LongAdder()).increment();
    }

    void failure(String operation) {
        failures.computeIfAbsent(operation, k -> new LongAdder()).increment();
    }

    /** An API request starts being answered (latency included); pair with {@link #leave()}. */
    void enter() {
        int now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
    }

    void leave() {
        inFlight.decrementAndGet();
    }

    void throttled() {
        throttled.increment();
    }

    void error() {
        errors.increment();
    }

    SandboxStats snapshot() {
        return new SandboxStats(sum(operations), sum(failures), throttled.sum(), errors.sum(), peakInFlight.get());
    }

    void reset() {
        operations.clear();
        failures.clear();
        throttled.reset();
        errors.reset();
        peakInFlight.set(inFlight.get());
    }

    private static Map<String, Long> sum(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
