package org.gleaner.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void admitsABurstThenRefillsAtTheRateAndSaysHowLongToWait() {
        RateLimiter limiter = new RateLimiter(2, 3, 100, nanos::get);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).as("burst spent; one token takes 500 ms at 2/s").isEqualTo(500);
        assertThat(limiter.acquire("b")).as("keys are limited separately").isZero();
        nanos.addAndGet(250_000_000L);
        assertThat(limiter.acquire("a")).isEqualTo(250);
        nanos.addAndGet(250_000_000L);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(RateLimiter.retryAfterSeconds(250)).isEqualTo(1);
        assertThat(RateLimiter.retryAfterSeconds(2_001)).isEqualTo(3);
    }

    @Test
    void remembersABoundedNumberOfKeys() {
        RateLimiter limiter = new RateLimiter(1, 1, 2, nanos::get);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isPositive();
        limiter.acquire("b");
        limiter.acquire("c");
        assertThat(limiter.acquire("a")).as("a was forgotten, so it starts with a full bucket").isZero();
    }
}
