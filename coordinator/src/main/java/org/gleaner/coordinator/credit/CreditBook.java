package org.gleaner.coordinator.credit;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Credits per node: the fold of {@link CreditEvent}s. The events are the durable truth (the credits topic);
 * this book is rebuilt from them on restart.
 */
public final class CreditBook {
    private final Map<String, Account> accounts = new TreeMap<>();
    private final Set<String> creditedLeaseUrls = new HashSet<>();
    private final Set<String> creditedUrls = new HashSet<>();
    private final Set<String> takenBack = new HashSet<>();
    private final Set<String> penalised = new HashSet<>();

    /** Applies one decision; returns false (and changes nothing) for a credit already applied. */
    public boolean apply(CreditEvent event) {
        if (event.credited()) {
            return credit(event.nodeId(), event.leaseId(), event.url(), event.bytes());
        }
        switch (event.kind()) {
            case SPOT_CHECK_AGREED -> account(event.nodeId()).spotChecksPassed++;
            case SPOT_CHECK_DISPUTED, SPOT_CHECK_ARBITRATED, SPOT_CHECK_UNJUDGED -> {
                // Not evidence against anyone: no penalty, no change to any account.
            }
            case SPOT_CHECK_FAILED -> {
                // One verdict per delivered page: a repeated event neither penalises nor takes back twice.
                if (!penalised.add(event.leaseId() + " " + event.url())) {
                    return false;
                }
                refuse(event.nodeId(), event.reason().orElseThrow());
                takeBack(event.nodeId(), event.leaseId(), event.url(), event.bytes());
            }
            default -> {
                ReasonCode reason = event.reason().orElseThrow();
                // A refused lease request (shared frontier, decision 0037) is a fraud signal, not a refused contribution.
                if (reason != ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS) {
                    refuse(event.nodeId(), reason);
                }
            }
        }
        return true;
    }

    /** Takes back the credit of a page the majority of checkers contradicted, once even if the event is applied again. */
    private void takeBack(String nodeId, String leaseId, String url, long bytes) {
        String key = leaseId + " " + url;
        if (creditedLeaseUrls.contains(key) && takenBack.add(key)) {
            Account account = account(nodeId);
            account.pages = Math.max(0, account.pages - 1);
            account.bytes = Math.max(0, account.bytes - bytes);
        }
    }

    /** Records a credit once per (lease, URL); returns false if it was already credited. */
    public boolean credit(String nodeId, String leaseId, String url, long bytes) {
        if (!creditedLeaseUrls.add(leaseId + " " + url)) {
            return false;
        }
        creditedUrls.add(url);
        Account account = account(nodeId);
        account.pages++;
        account.bytes += bytes;
        return true;
    }

    public boolean alreadyCredited(String leaseId, String url) {
        return creditedLeaseUrls.contains(leaseId + " " + url);
    }

    /** Whether this URL was credited under any lease. */
    public boolean urlCredited(String url) {
        return creditedUrls.contains(url);
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

    /** One node's figures, if it has any. */
    public java.util.Optional<NodeCredits> of(String nodeId) {
        Account a = accounts.get(nodeId);
        return a == null ? java.util.Optional.empty() : java.util.Optional.of(new NodeCredits(nodeId, a.pages, a.bytes, a.refusals));
    }

    public long totalPages() {
        return accounts.values().stream().mapToLong(a -> a.pages).sum();
    }

    private static final class Account {
        long pages;
        long bytes;
        long spotChecksPassed;
        final Map<ReasonCode, Long> refusals = new EnumMap<>(ReasonCode.class);
    }
}
