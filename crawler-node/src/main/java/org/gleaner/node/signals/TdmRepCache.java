package org.gleaner.node.signals;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.gleaner.node.fetch.FetchException;
import org.gleaner.node.fetch.FetchResult;
import org.gleaner.node.fetch.PageFetcher;

/**
 * Each host's {@code /.well-known/tdmrep.json}, fetched once and cached: a file or a 4xx for a day, a failure
 * (5xx, 429, timeout, network) for a few minutes. Redirects stay on the host. A missing, failed or malformed file
 * gives no rules; headers and meta tags still count (see {@link TdmSignals}).
 */
public final class TdmRepCache {
    public static final String PATH = "/.well-known/tdmrep.json";
    private static final int MAX_HOSTS = 10_000;

    private record Entry(TdmRepRules rules, long expiresAtMillis) {
    }

    private final PageFetcher fetcher;
    private final Clock clock;
    private final Duration keep;
    private final Duration retryFailed;
    private final Map<String, Entry> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_HOSTS;
        }
    };

    /** {@code fetcher} should use {@code FetchPolicy.forTdmRep()}: any content type, {@link TdmRepRules#MAX_BYTES}. */
    public TdmRepCache(PageFetcher fetcher, Clock clock) {
        this(fetcher, clock, Duration.ofHours(24), Duration.ofMinutes(5));
    }

    public TdmRepCache(PageFetcher fetcher, Clock clock, Duration keep, Duration retryFailed) {
        this.fetcher = fetcher;
        this.clock = clock;
        this.keep = keep;
        this.retryFailed = retryFailed;
    }

    /** Whether {@link #rulesFor} would send a request to the page's host now. */
    public synchronized boolean needsFetch(URI page) {
        Entry cached = cache.get(key(page));
        return cached == null || cached.expiresAtMillis() <= clock.millis();
    }

    public synchronized TdmRepRules rulesFor(URI page) {
        String key = key(page);
        Entry cached = cache.get(key);
        long now = clock.millis();
        if (cached != null && cached.expiresAtMillis() > now) {
            return cached.rules();
        }
        Entry fresh = fetch(key, now);
        cache.put(key, fresh);
        return fresh.rules();
    }

    /** The rules last read for the page's host, without asking it again (none if never read). */
    public synchronized TdmRepRules known(URI page) {
        Entry cached = cache.get(key(page));
        return cached == null ? TdmRepRules.NONE : cached.rules();
    }

    private Entry fetch(String key, long now) {
        String host = URI.create(key).getAuthority();
        FetchResult result;
        try {
            result = fetcher.fetch(key + PATH, (target, hop) -> {
                if (!host.equalsIgnoreCase(target.getRawAuthority())) {
                    throw FetchException.offHost(target.toString());
                }
            });
        } catch (FetchException e) {
            return new Entry(TdmRepRules.NONE, now + retryFailed.toMillis());
        }
        int status = result.status();
        if (status >= 200 && status < 300) {
            return new Entry(TdmRepRules.parse(result.body()).orElse(TdmRepRules.NONE), now + keep.toMillis());
        }
        boolean definitive = status >= 400 && status < 500 && status != 429;
        return new Entry(TdmRepRules.NONE, now + (definitive ? keep : retryFailed).toMillis());
    }

    private static String key(URI page) {
        String scheme = page.getScheme().toLowerCase(Locale.ROOT);
        int port = page.getPort();
        boolean defaultPort = port < 0 || "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
        return scheme + "://" + page.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
