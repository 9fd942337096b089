package org.gleaner.node;

import org.gleaner.node.egress.EgressGuard;
import org.gleaner.node.fetch.FetchPolicy;
import org.gleaner.protocol.Topics;
import org.gleaner.protocol.crypto.Ed25519PublicKey;

/** Everything a node needs to run: where the coordinator and Kafka are, whose key signs leases, its limits. */
public record NodeConfig(String origin, String coordinatorUrl, Ed25519PublicKey coordinatorKey, String bootstrapServers,
        Topics topics, FetchPolicy fetchPolicy, EgressGuard egressGuard) {
}
