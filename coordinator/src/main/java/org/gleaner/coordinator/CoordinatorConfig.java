package org.gleaner.coordinator;

import java.time.Duration;

/**
 * The coordinator's settings: network origin (signing domain), lease size and lifetime, politeness, request
 * freshness, and the share of credited URLs that another node fetches again as a spot check.
 */
public record CoordinatorConfig(String origin, int maxUrlsPerLease, Duration leaseTtl, Duration crawlDelay,
        Duration requestFreshness, double spotCheckShare, Duration spotCheckBound) {
    public static final double DEFAULT_SPOT_CHECK_SHARE = 0.03;
    /** How long a node drawn for a spot check (or an arbitration) has to answer before another is drawn; also how long a check may wait for anyone to draw before it is unjudged. */
    public static final Duration DEFAULT_SPOT_CHECK_BOUND = Duration.ofMinutes(2);

    public CoordinatorConfig {
        if (!(spotCheckShare >= 0 && spotCheckShare <= 1)) {
            throw new IllegalArgumentException("spotCheckShare must be between 0 and 1");
        }
        if (maxUrlsPerLease < 1 || maxUrlsPerLease > 1000) {
            throw new IllegalArgumentException("maxUrlsPerLease must be between 1 and 1000");
        }
        if (spotCheckBound == null || spotCheckBound.isNegative() || spotCheckBound.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("spotCheckBound must be between 0 and 1 day");
        }
    }

    public CoordinatorConfig(String origin, int maxUrlsPerLease, Duration leaseTtl, Duration crawlDelay, Duration requestFreshness,
            double spotCheckShare) {
        this(origin, maxUrlsPerLease, leaseTtl, crawlDelay, requestFreshness, spotCheckShare, DEFAULT_SPOT_CHECK_BOUND);
    }

    public CoordinatorConfig(String origin, int maxUrlsPerLease, Duration leaseTtl, Duration crawlDelay, Duration requestFreshness) {
        this(origin, maxUrlsPerLease, leaseTtl, crawlDelay, requestFreshness, DEFAULT_SPOT_CHECK_SHARE);
    }

    public static CoordinatorConfig defaults(String origin) {
        return new CoordinatorConfig(origin, 8, Duration.ofSeconds(60), Duration.ofMillis(50), Duration.ofMinutes(5));
    }

    public CoordinatorConfig withSpotCheckShare(double share) {
        return new CoordinatorConfig(origin, maxUrlsPerLease, leaseTtl, crawlDelay, requestFreshness, share, spotCheckBound);
    }

    public CoordinatorConfig withSpotCheckBound(Duration bound) {
        return new CoordinatorConfig(origin, maxUrlsPerLease, leaseTtl, crawlDelay, requestFreshness, spotCheckShare, bound);
    }
}
