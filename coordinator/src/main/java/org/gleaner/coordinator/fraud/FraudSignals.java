package org.gleaner.coordinator.fraud;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.credit.ReasonCode;

/**
 * Counts fraud signals per node and in Micrometer ({@code gleaner.coordinator.fraud.signals}, tagged by reason
 * code), and every judged contribution ({@code gleaner.coordinator.contributions}, tagged by outcome and code).
 * Signals: pages without a lease of that node, replays, too many node keys from one address. Contributions are
 * counted only once committed, so a crash never counts a page twice.
 */
public final class FraudSignals {
    public static final Set<ReasonCode> SIGNALS = EnumSet.of(ReasonCode.NO_LEASE, ReasonCode.LEASE_OF_OTHER_NODE,
            ReasonCode.URL_NOT_LEASED, ReasonCode.DUPLICATE, ReasonCode.HASH_MISMATCH, ReasonCode.SPOT_CHECK_FAILED,
            ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS, ReasonCode.LINKS_UNSIGNED, ReasonCode.LINKS_FORGED, ReasonCode.MISROUTED);

    private final MeterRegistry registry;
    private final Map<String, Map<ReasonCode, Long>> byNode = new TreeMap<>();

    public FraudSignals(MeterRegistry registry) {
        this.registry = registry;
    }

    public synchronized void committed(CreditEvent event) {
        String outcome = event.credited() ? "credited" : "refused";
        String code = event.reason().map(ReasonCode::code).orElse("none");
        registry.counter("gleaner.coordinator.contributions", "outcome", outcome, "reason", code).increment();
        event.reason().filter(SIGNALS::contains).ifPresent(r -> signal(event.nodeId(), r));
    }

    public synchronized void signal(String nodeId, ReasonCode reason) {
        registry.counter("gleaner.coordinator.fraud.signals", "reason", reason.code()).increment();
        byNode.computeIfAbsent(nodeId, n -> new EnumMap<>(ReasonCode.class)).merge(reason, 1L, Long::sum);
    }

    /**
     * Counts a signal recorded before a restart (a committed credit event or a journaled refusal) for the operator's
     * view, without touching the metrics: those count what this process saw.
     */
    public synchronized void restored(String nodeId, ReasonCode reason) {
        if (SIGNALS.contains(reason)) {
            byNode.computeIfAbsent(nodeId, n -> new EnumMap<>(ReasonCode.class)).merge(reason, 1L, Long::sum);
        }
    }

    /** Signals per node, including those replayed after a restart, for the operator's view. */
    public synchronized Map<String, Map<ReasonCode, Long>> snapshot() {
        Map<String, Map<ReasonCode, Long>> copy = new TreeMap<>();
        byNode.forEach((node, counts) -> copy.put(node, Map.copyOf(counts)));
        return copy;
    }
}
