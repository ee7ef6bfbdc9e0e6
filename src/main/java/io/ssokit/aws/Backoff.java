package io.ssokit.aws;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with full jitter, as the AWS SDKs' standard mode: the ceiling doubles
 * with each attempt from {@code base} up to {@code max}, and the delay slept is uniform in
 * {@code [0, ceiling]}. Shared by the portal listing ({@code sso.Portal}) and the JSON 1.1
 * admin client ({@link Json11Client}).
 */
public final class Backoff {
    /** Full jitter: a uniform delay in {@code [0, ceiling]}. */
    public static final LongUnaryOperator FULL_JITTER = ceiling -> ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);

    private Backoff() {
    }

    /** The backoff ceiling in milliseconds before retrying after attempt {@code attempt} (1-based). */
    public static long ceiling(Duration base, Duration max, int attempt) {
        return Math.min(max.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
    }
}
