package org.gleaner.node.politeness;

import crawlercommons.robots.BaseRobotRules;

/**
 * What a host's robots.txt says, as of one fetch: the rules for our agent, the crawl delay it asks for
 * (0 if none), the rules it gives AI agents (for {@code SiteSignals.robotsAiRules}), how it was obtained
 * and until when it may be used.
 */
public record RobotsVerdict(BaseRobotRules rules, long crawlDelayMillis, String aiRules, Outcome outcome, long expiresAtMillis) {

    public enum Outcome {
        /** Parsed from a 2xx answer. */
        PARSED,
        /** 4xx (not 429) or too many redirects: no robots.txt, everything allowed. */
        ABSENT,
        /** 5xx, 429, timeout, network or decoding error: nothing allowed for now, asked again later. */
        UNAVAILABLE
    }

    public boolean allows(String url) {
        return rules.isAllowed(url);
    }
}
