package io.ssokit.sandbox;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of the request counters, as {@code GET /_sandbox/stats} returns them.
 *
 * @param operations every request received per operation ({@code sso:GetRoleCredentials},
 *     {@code sso-oidc:CreateToken}, {@code sts:AssumeRole}...), including throttled and failed ones
 * @param failures per operation, the requests answered with an error (4xx or 5xx)
 * @param throttled requests refused by {@code --throttle}
 * @param errors requests failed by {@code --error-rate}
 * @param peakInFlight the most API requests being answered at one time (what a client's
 *     concurrency really was, without timing it)
 */
public record SandboxStats(Map<String, Long> operations, Map<String, Long> failures, long throttled, long errors,
        int peakInFlight) {
    public SandboxStats {
        // sorted, so that the JSON reads the same way every time
        operations = Collections.unmodifiableMap(new TreeMap<>(operations));
        failures = Collections.unmodifiableMap(new TreeMap<>(failures));
    }

    /** Requests received for one operation, 0 when none. */
    public long count(String operation) {
        return operations.getOrDefault(operation, 0L);
    }

    /** Requests of one operation answered with an error, 0 when none. */
    public long failed(String operation) {
        return failures.getOrDefault(operation, 0L);
    }
}
