package org.gleaner.builder.api;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Requests per second per lab (resilience4j, no waiting). The labs are the keys file's, a bounded set, so one
 * limiter per lab is fine. Over the limit: 429 with {@code Retry-After} in whole seconds.
 */
final class KeyRateLimits {
    private final RateLimiterRegistry registry;
    private final long retryAfterSeconds;

    KeyRateLimits(int requestsPerPeriod, Duration period) {
        if (requestsPerPeriod < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate limit needs at least one request per positive period");
        }
        this.registry = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(requestsPerPeriod)
                .limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO)
                .build());
        this.retryAfterSeconds = Math.max(1, (period.toMillis() + 999) / 1000);
    }

    void acquire(String lab) {
        if (!registry.rateLimiter("lab:" + lab).acquirePermission()) {
            throw new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "rate limit exceeded for this lab key",
                    Map.of("Retry-After", Long.toString(retryAfterSeconds)));
        }
    }
}
