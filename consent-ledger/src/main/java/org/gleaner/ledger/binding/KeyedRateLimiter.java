package org.gleaner.ledger.binding;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One resilience4j rate limiter per key (a subject key, an identifier's commitment), in a bounded
 * least-recently-used table so that many keys cannot exhaust memory. Evicting a limiter forgets its count;
 * the service-wide challenge limit keeps the churn needed for that far slower than the limit's period.
 */
final class KeyedRateLimiter {
    private final RateLimiterConfig config;
    private final Map<String, RateLimiter> limiters;

    KeyedRateLimiter(int permits, Duration period, int capacity) {
        this.config = RateLimiterConfig.custom().limitForPeriod(permits).limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO).build();
        this.limiters = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Takes one permit for {@code key}; false when its budget for the period is spent. */
    synchronized boolean tryAcquire(String key) {
        return limiters.computeIfAbsent(key, k -> RateLimiter.of("challenge", config)).acquirePermission();
    }
}
