package org.gleaner.node.politeness;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRules.RobotRulesMode;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gleaner.node.fetch.FetchException;
import org.gleaner.node.fetch.FetchResult;
import org.gleaner.node.fetch.PageFetcher;

/**
 * robots.txt per scheme, host and port (RFC 9309), parsed by crawler-commons and cached: a parsed or absent
 * file for a day, a failed fetch for a few minutes. Failure is never read as permission: 5xx, 429, timeouts
 * and network errors disallow everything until the next attempt; only a 4xx means "no rules".
 */
public final class RobotsCache {
    private static final int MAX_HOSTS = 10_000;
    private static final long MAX_CRAWL_DELAY_MILLIS = 60_000;

    private final PageFetcher robotsFetcher;
    private final String agent;
    private final Clock clock;
    private final Duration keep;
    private final Duration retryFailed;
    private final Map<String, RobotsVerdict> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RobotsVerdict> eldest) {
            return size() > MAX_HOSTS;
        }
    };

    /** {@code robotsFetcher} should use {@code FetchPolicy.forRobots()}: any content type, 500 KiB, 5 redirects. */
    public RobotsCache(PageFetcher robotsFetcher, String agent, Clock clock, Duration keep, Duration retryFailed) {
        this.robotsFetcher = robotsFetcher;
        this.agent = agent.toLowerCase(Locale.ROOT);
        this.clock = clock;
        this.keep = keep;
        this.retryFailed = retryFailed;
    }

    public RobotsCache(PageFetcher robotsFetcher, String agent, Clock clock) {
        this(robotsFetcher, agent, clock, Duration.ofHours(24), Duration.ofMinutes(5));
    }

    /** Whether {@link #verdictFor} would send a request for this page's host now. */
    public synchronized boolean needsFetch(URI page) {
        RobotsVerdict cached = cache.get(key(page));
        return cached == null || cached.expiresAtMillis() <= clock.millis();
    }

    public synchronized RobotsVerdict verdictFor(URI page) {
        String key = key(page);
        RobotsVerdict cached = cache.get(key);
        if (cached != null && cached.expiresAtMillis() > clock.millis()) {
            return cached;
        }
        RobotsVerdict fresh = fetch(key + "/robots.txt");
        cache.put(key, fresh);
        return fresh;
    }

    private RobotsVerdict fetch(String robotsUrl) {
        long now = clock.millis();
        FetchResult result;
        try {
            result = robotsFetcher.fetch(robotsUrl);
        } catch (FetchException e) {
            // Too many redirects means "unavailable" in RFC 9309, like a 4xx; every other failure disallows for now.
            return "redirect".equals(e.kind()) ? absent(now) : unavailable(now);
        }
        int status = result.status();
        if (status >= 200 && status < 300) {
            SimpleRobotRulesParser parser = new SimpleRobotRulesParser(MAX_CRAWL_DELAY_MILLIS, 5);
            BaseRobotRules rules = parser.parseContent(robotsUrl, result.body(), result.contentType(), List.of(agent));
            long delay = rules.getCrawlDelay() == BaseRobotRules.UNSET_CRAWL_DELAY ? 0
                    : Math.min(Math.max(rules.getCrawlDelay(), 0), MAX_CRAWL_DELAY_MILLIS);
            String ai = AiAgentRules.summarise(robotsUrl, result.body(), result.contentType(), agent);
            return new RobotsVerdict(rules, delay, ai, RobotsVerdict.Outcome.PARSED, now + keep.toMillis());
        }
        if (status >= 400 && status < 500 && status != 429) {
            return absent(now);
        }
        return unavailable(now);
    }

    private RobotsVerdict absent(long now) {
        return new RobotsVerdict(new SimpleRobotRules(RobotRulesMode.ALLOW_ALL), 0, "", RobotsVerdict.Outcome.ABSENT,
                now + keep.toMillis());
    }

    private RobotsVerdict unavailable(long now) {
        return new RobotsVerdict(new SimpleRobotRules(RobotRulesMode.ALLOW_NONE), 0, "", RobotsVerdict.Outcome.UNAVAILABLE,
                now + retryFailed.toMillis());
    }

    private static String key(URI page) {
        String scheme = page.getScheme().toLowerCase(Locale.ROOT);
        int port = page.getPort();
        boolean defaultPort = port < 0 || "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
        String host = page.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
