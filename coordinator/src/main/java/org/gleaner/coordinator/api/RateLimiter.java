package org.gleaner.coordinator.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Token buckets per key (a node key, a network address): {@code burst} requests at once, refilled at
 * {@code perSecond}. Remembers at most {@code maxKeys} keys, forgetting the least recently seen, so a flood of new
 * keys costs bounded memory (a forgotten key starts again with a full bucket, which only ever errs towards
 * admitting). Thread-safe.
 */
public final class RateLimiter {
    private final double perSecond;
    private final double burst;
    private final LongSupplier nanos;
    private final Map<String, double[]> buckets;

    public RateLimiter(double perSecond, int burst, int maxKeys, LongSupplier nanos) {
        if (!(perSecond > 0) || burst < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("rate, burst and key count must be positive");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanos = nanos;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
                return size() > maxKeys;
            }
        };
    }

    public RateLimiter(double perSecond, int burst) {
        this(perSecond, burst, 100_000, System::nanoTime);
    }

    /** Takes a token for {@code key}: 0 if the request may proceed, otherwise how many milliseconds until it may. */
    public synchronized long acquire(String key) {
        long now = nanos.getAsLong();
        // bucket[0]: tokens, bucket[1]: when they were counted (nanos, as a double to keep one array)
        double[] bucket = buckets.computeIfAbsent(key, k -> new double[] {burst, now});
        double tokens = Math.min(burst, bucket[0] + (now - (long) bucket[1]) / 1e9 * perSecond);
        bucket[1] = now;
        if (tokens >= 1) {
            bucket[0] = tokens - 1;
            return 0;
        }
        bucket[0] = tokens;
        return (long) Math.ceil((1 - tokens) / perSecond * 1000);
    }

    /** Limits of an API: requests per second and burst, per network address and per node key. */
    public record Limits(double perAddressPerSecond, int perAddressBurst, double perNodePerSecond, int perNodeBurst) {
    }

    /** The seconds a client should wait, as HTTP's {@code Retry-After} states them (at least 1). */
    public static long retryAfterSeconds(long waitMillis) {
        return Math.max(1, (waitMillis + 999) / 1000);
    }
}
