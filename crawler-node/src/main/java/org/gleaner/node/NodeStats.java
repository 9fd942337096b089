package org.gleaner.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the node measured: pages sent, bytes on the wire and in bodies, errors by kind, leases, and the
 * bounded log of hosts fetched. Mirrored into Micrometer as {@code gleaner.node.*}.
 */
public final class NodeStats {
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong bodyBytes = new AtomicLong();
    private final AtomicLong wireBytes = new AtomicLong();
    private final AtomicLong leases = new AtomicLong();
    private final AtomicLong handedBackUrls = new AtomicLong();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final HostLog hostLog = new HostLog();
    private final MeterRegistry registry;
    private final Counter pageCounter;
    private final Counter bodyCounter;

    NodeStats(MeterRegistry registry) {
        this.registry = registry;
        this.pageCounter = Counter.builder("gleaner.node.pages").description("pages sent to Kafka").register(registry);
        this.bodyCounter = Counter.builder("gleaner.node.body.bytes").baseUnit("bytes").register(registry);
    }

    /** A page went out through the operator's address (logged at once, counted as a page once Kafka has it). */
    void fetched(String host, int status, long wire, long atMillis) {
        hostLog.add(new HostLog.Entry(atMillis, host, Integer.toString(status), wire));
    }

    /** A page Kafka acknowledged. */
    void page(long body, long wire) {
        pages.incrementAndGet();
        bodyBytes.addAndGet(body);
        wireBytes.addAndGet(wire);
        pageCounter.increment();
        bodyCounter.increment(body);
    }

    /** Totals of an earlier run from the same data directory: counting continues from them. */
    void resume(NodeCounters previous) {
        pages.addAndGet(previous.pages());
        bodyBytes.addAndGet(previous.bodyBytes());
        wireBytes.addAndGet(previous.wireBytes());
        leases.addAndGet(previous.leases());
        handedBackUrls.addAndGet(previous.handedBackUrls());
        previous.errors().forEach((kind, n) -> errors.computeIfAbsent(kind, k -> new AtomicLong()).addAndGet(n));
        hostLog.resume(previous.hostLog());
    }

    NodeCounters snapshot(org.gleaner.node.bandwidth.TrafficMeter traffic) {
        return new NodeCounters(pages(), bodyBytes(), wireBytes(), leases(), traffic.receivedBytes(), traffic.sentBytes(),
                handedBackUrls(), errors(), hostLog.oldestFirst());
    }

    void handedBack(int urls) {
        handedBackUrls.addAndGet(urls);
    }

    public long handedBackUrls() {
        return handedBackUrls.get();
    }

    void lease() {
        leases.incrementAndGet();
    }

    void error(String kind) {
        errors.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        registry.counter("gleaner.node.errors", "kind", kind).increment();
    }

    void error(String host, String kind, long atMillis) {
        error(kind);
        hostLog.add(new HostLog.Entry(atMillis, host, kind, 0));
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

    public HostLog hostLog() {
        return hostLog;
    }
}
