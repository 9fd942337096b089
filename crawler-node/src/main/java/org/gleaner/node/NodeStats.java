package org.gleaner.node;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What the node measured: pages sent, bytes on the wire and in bodies, errors by kind, leases. */
public final class NodeStats {
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong bodyBytes = new AtomicLong();
    private final AtomicLong wireBytes = new AtomicLong();
    private final AtomicLong leases = new AtomicLong();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();

    void page(long body, long wire) {
        pages.incrementAndGet();
        bodyBytes.addAndGet(body);
        wireBytes.addAndGet(wire);
    }

    void lease() {
        leases.incrementAndGet();
    }

    void error(String kind) {
        errors.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    public long pages() {
        return pages.get();
    }

    public long bodyBytes() {
        return bodyBytes.get();
    }

    public long wireBytes() {
        return wireBytes.get();
    }

    public long leases() {
        return leases.get();
    }

    public Map<String, Long> errors() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
