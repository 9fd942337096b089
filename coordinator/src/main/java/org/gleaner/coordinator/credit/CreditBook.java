package org.gleaner.coordinator.credit;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Credits per node. In this skeleton it is in memory; the reward-epoch work makes it exactly-once over
 * Kafka transactions and durable across restarts.
 */
public final class CreditBook {
    private final Map<String, Account> accounts = new TreeMap<>();
    private final Set<String> credited = new HashSet<>();

    /** Records a credit once per (lease, URL); returns false if it was already credited. */
    public boolean credit(String nodeId, String leaseId, String url, long bytes) {
        if (!credited.add(leaseId + " " + url)) {
            return false;
        }
        Account account = account(nodeId);
        account.pages++;
        account.bytes += bytes;
        return true;
    }

    public boolean alreadyCredited(String leaseId, String url) {
        return credited.contains(leaseId + " " + url);
    }

    public void refuse(String nodeId, ReasonCode reason) {
        account(nodeId).refusals.merge(reason, 1L, Long::sum);
    }

    private Account account(String nodeId) {
        return accounts.computeIfAbsent(nodeId, id -> new Account());
    }

    public List<NodeCredits> snapshot() {
        return accounts.entrySet().stream()
                .map(e -> new NodeCredits(e.getKey(), e.getValue().pages, e.getValue().bytes, e.getValue().refusals))
                .collect(Collectors.toList());
    }

    public long totalPages() {
        return accounts.values().stream().mapToLong(a -> a.pages).sum();
    }

    private static final class Account {
        long pages;
        long bytes;
        final Map<ReasonCode, Long> refusals = new EnumMap<>(ReasonCode.class);
    }
}
