package org.gleaner.node;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node's running totals, kept in its data directory so that a restarted node continues where it stopped:
 * pages, bytes, leases, URLs handed back, errors by kind and the bounded log of hosts fetched. Checked when
 * read back, since the file is input like any other.
 */
public record NodeCounters(long pages, long bodyBytes, long wireBytes, long leases, long receivedBytes, long sentBytes,
        long handedBackUrls, Map<String, Long> errors, List<HostLog.Entry> hostLog) {
    public static final int MAX_ERROR_KINDS = 64;
    public static final NodeCounters NONE = new NodeCounters(0, 0, 0, 0, 0, 0, 0, Map.of(), List.of());

    public NodeCounters {
        for (long n : new long[] {pages, bodyBytes, wireBytes, leases, receivedBytes, sentBytes, handedBackUrls}) {
            if (n < 0) {
                throw new IllegalArgumentException("a counter is negative");
            }
        }
        errors = errors == null ? Map.of() : new TreeMap<>(errors);
        if (errors.size() > MAX_ERROR_KINDS) {
            throw new IllegalArgumentException("more than " + MAX_ERROR_KINDS + " error kinds");
        }
        errors.forEach((kind, n) -> {
            if (kind == null || !kind.matches("[a-z0-9-]{1,32}") || n == null || n < 0) {
                throw new IllegalArgumentException("bad error count for kind " + kind);
            }
        });
        hostLog = hostLog == null ? List.of() : List.copyOf(hostLog);
        if (hostLog.size() > HostLog.CAPACITY) {
            throw new IllegalArgumentException("host log over " + HostLog.CAPACITY + " entries");
        }
        for (HostLog.Entry e : hostLog) {
            if (e.host() == null || e.host().length() > 262 || e.outcome() == null || e.outcome().length() > 32 || e.bytes() < 0) {
                throw new IllegalArgumentException("bad host log entry");
            }
        }
    }
}
