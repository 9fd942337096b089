package org.gleaner.coordinator;

import java.time.Duration;

/** The coordinator's settings: network origin (signing domain), lease size and lifetime, politeness. */
public record CoordinatorConfig(String origin, int maxUrlsPerLease, Duration leaseTtl, Duration crawlDelay,
        Duration requestFreshness) {

    public static CoordinatorConfig defaults(String origin) {
        return new CoordinatorConfig(origin, 8, Duration.ofSeconds(60), Duration.ofMillis(50), Duration.ofMinutes(5));
    }
}
