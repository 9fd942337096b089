package org.gleaner.node;

import org.gleaner.protocol.net.EgressGuard;
import org.gleaner.protocol.net.HostResolver;
import org.gleaner.node.fetch.FetchPolicy;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.kafka.KafkaConnection;

/**
 * Everything a node needs to run: where the coordinator and Kafka are, whose key signs leases, its limits,
 * the operator's bandwidth share in bytes per second (0: uncapped, tests and the devnet only) and how it
 * resolves names. {@code discardPages} is for the benchmark's no-op sink only: pages are built and signed but not
 * sent (outlinks still are), so nothing is credited.
 */
public record NodeConfig(String origin, String coordinatorUrl, Ed25519PublicKey coordinatorKey, KafkaConnection kafka,
        Topics topics, FetchPolicy fetchPolicy, EgressGuard egressGuard, long shareBytesPerSecond, HostResolver resolver,
        boolean discardPages) {

    public NodeConfig {
        if (shareBytesPerSecond < 0) {
            throw new IllegalArgumentException("share must not be negative");
        }
    }

    /** Kafka without authentication. */
    public NodeConfig(String origin, String coordinatorUrl, Ed25519PublicKey coordinatorKey, String bootstrapServers,
            Topics topics, FetchPolicy fetchPolicy, EgressGuard egressGuard, long shareBytesPerSecond, HostResolver resolver) {
        this(origin, coordinatorUrl, coordinatorKey, KafkaConnection.plaintext(bootstrapServers), topics, fetchPolicy, egressGuard,
                shareBytesPerSecond, resolver, false);
    }

    /** Uncapped, with the system resolver: the devnet and tests. */
    public NodeConfig(String origin, String coordinatorUrl, Ed25519PublicKey coordinatorKey, String bootstrapServers,
            Topics topics, FetchPolicy fetchPolicy, EgressGuard egressGuard) {
        this(origin, coordinatorUrl, coordinatorKey, bootstrapServers, topics, fetchPolicy, egressGuard, 0, HostResolver.system());
    }

    /** The Kafka bootstrap servers. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }
}
