package org.gleaner.protocol;

/**
 * Kafka topic names, under a configurable prefix (default {@code gleaner}). Keys: pages by normalized URL,
 * links and credits by host or node, the ledger on one partition in log order.
 */
public record Topics(String prefix) {
    public static final Topics DEFAULT = new Topics("gleaner");

    public Topics {
        if (prefix == null || !prefix.matches("[a-zA-Z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("topic prefix must be 1-100 of [a-zA-Z0-9._-]");
        }
    }

    public String pages() {
        return prefix + ".pages";
    }

    public String links() {
        return prefix + ".links";
    }

    public String ledger() {
        return prefix + ".ledger";
    }

    /**
     * Signed entries other services ask the ledger to append (the coordinator's reward roots). Only the
     * ledger's sequencer writes {@link #ledger()}, so that its offsets stay equal to entry indexes.
     */
    public String ledgerSubmissions() {
        return prefix + ".ledger.submissions";
    }

    public String credits() {
        return prefix + ".credits";
    }

    public String revocations() {
        return prefix + ".revocations";
    }
}
