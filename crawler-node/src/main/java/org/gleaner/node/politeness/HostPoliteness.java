package org.gleaner.node.politeness;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-host pacing that outlives a host's queue: when the next request may go, and a back-off once a host
 * fails too often or asks us to wait (429/503 with {@code Retry-After}). The state of a host is kept until
 * it no longer constrains anything, so a host leased again a moment later is not fetched early.
 */
public final class HostPoliteness {
    public static final int ERROR_BUDGET = 3;
    private static final long MAX_BACKOFF_MILLIS = Duration.ofHours(1).toMillis();
    private static final long FIRST_BACKOFF_MILLIS = Duration.ofSeconds(30).toMillis();
    private static final int MAX_HOSTS = 100_000;

    private final Clock clock;
    private final Map<String, HostState> hosts = new ConcurrentHashMap<>();

    public HostPoliteness(Clock clock) {
        this.clock = clock;
    }

    private static final class HostState {
        long nextFetchAtMillis;
        long backoffUntilMillis;
        int consecutiveErrors;
    }

    /** Milliseconds to wait before the next request to {@code host}; 0 if it may go now. */
    public long waitMillis(String host) {
        HostState state = hosts.get(key(host));
        if (state == null) {
            return 0;
        }
        synchronized (state) {
            return Math.max(0, Math.max(state.nextFetchAtMillis, state.backoffUntilMillis) - clock.millis());
        }
    }

    /** Whether {@code host} is backed off (not merely paced) until after {@code untilMillis}. */
    public boolean backedOffBeyond(String host, long untilMillis) {
        HostState state = hosts.get(key(host));
        return state != null && state.backoffUntilMillis > untilMillis;
    }

    /** A request to {@code host} starts now; the next may start {@code delayMillis} later. */
    public void started(String host, long delayMillis) {
        HostState state = hosts.computeIfAbsent(key(host), h -> new HostState());
        synchronized (state) {
            state.nextFetchAtMillis = clock.millis() + delayMillis;
        }
        prune();
    }

    /**
     * A request to {@code host} has just ended; the next may start {@code delayMillis} from now. Pacing from
     * the end as well as the start keeps the gap even when answers take different times.
     */
    public void finished(String host, long delayMillis) {
        HostState state = hosts.computeIfAbsent(key(host), h -> new HostState());
        synchronized (state) {
            state.nextFetchAtMillis = Math.max(state.nextFetchAtMillis, clock.millis() + delayMillis);
        }
    }

    /** The answer's status and {@code Retry-After} value ("" if none). */
    public void answered(String host, int status, String retryAfter) {
        if (status == 429 || status == 503) {
            long asked = retryAfterMillis(retryAfter);
            failed(host, asked);
        } else if (status >= 500) {
            failed(host, -1);
        } else {
            HostState state = hosts.computeIfAbsent(key(host), h -> new HostState());
            synchronized (state) {
                state.consecutiveErrors = 0;
            }
        }
    }

    /** A network-level failure (timeout, refused connection, reset). */
    public void failed(String host) {
        failed(host, -1);
    }

    private void failed(String host, long askedMillis) {
        HostState state = hosts.computeIfAbsent(key(host), h -> new HostState());
        synchronized (state) {
            state.consecutiveErrors++;
            long backoff = -1;
            if (askedMillis >= 0) {
                backoff = askedMillis;
            } else if (state.consecutiveErrors >= ERROR_BUDGET) {
                int over = Math.min(state.consecutiveErrors - ERROR_BUDGET, 10);
                backoff = FIRST_BACKOFF_MILLIS << over;
            }
            if (backoff >= 0) {
                state.backoffUntilMillis = Math.max(state.backoffUntilMillis, clock.millis() + Math.min(backoff, MAX_BACKOFF_MILLIS));
            }
        }
    }

    private long retryAfterMillis(String value) {
        String v = value == null ? "" : value.trim();
        if (v.matches("\\d{1,9}")) {
            return Long.parseLong(v) * 1000;
        }
        if (!v.isEmpty()) {
            try {
                long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
                return Math.max(0, at - clock.millis());
            } catch (DateTimeParseException ignored) {
                // unreadable: fall back to the error budget's back-off
            }
        }
        return FIRST_BACKOFF_MILLIS;
    }

    /** Forgets hosts that no longer constrain anything, only when the table is full. */
    private void prune() {
        if (hosts.size() <= MAX_HOSTS) {
            return;
        }
        long now = clock.millis();
        hosts.entrySet().removeIf(e -> {
            HostState s = e.getValue();
            synchronized (s) {
                return s.nextFetchAtMillis <= now && s.backoffUntilMillis <= now && s.consecutiveErrors == 0;
            }
        });
    }

    private static String key(String host) {
        return host.toLowerCase(Locale.ROOT);
    }
}
