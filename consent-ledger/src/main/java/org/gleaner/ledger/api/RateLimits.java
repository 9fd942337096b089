package org.gleaner.ledger.api;

import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;

/**
 * The service's rate limits (resilience4j): identifier lookups per authenticated principal, entry
 * submissions, binding challenges and questions to the dataset builder for the whole service.
 */
final class RateLimits {
    private final RateLimiterRegistry lookups;
    private final RateLimiterRegistry submissions;
    private final RateLimiterRegistry challenges;

    RateLimits(RateLimiterRegistry lookups, RateLimiterRegistry submissions, RateLimiterRegistry challenges) {
        this.lookups = lookups;
        this.submissions = submissions;
        this.challenges = challenges;
    }

    /** Principals are the configured tokens' hashes, a bounded set, so one limiter each is fine. */
    void lookup(String principal) {
        acquire(lookups, "lookup:" + principal);
    }

    void submission() {
        acquire(submissions, "submissions");
    }

    void challenge() {
        acquire(challenges, "challenges");
    }

    /** Questions passed on to the dataset builder: a budget of their own, as large as the challenges'. */
    void appearances() {
        acquire(challenges, "appearances");
    }

    private static void acquire(RateLimiterRegistry registry, String name) {
        var limiter = registry.rateLimiter(name);
        if (!limiter.acquirePermission()) {
            throw RequestNotPermitted.createRequestNotPermitted(limiter);
        }
    }
}
