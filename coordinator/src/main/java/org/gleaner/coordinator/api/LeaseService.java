package org.gleaner.coordinator.api;

import org.gleaner.coordinator.lease.LeaseDecision;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.lease.LeaseRequest;

/** Whoever answers the node-facing lease endpoint: one coordinator, or one instance of a shared frontier. */
@FunctionalInterface
public interface LeaseService {
    /**
     * @param remoteAddress the node's address (for the keys-per-address watch), null when unknown
     * @param forwarded whether an authenticated peer instance forwarded the request (it is not forwarded again)
     */
    LeaseDecision requestLease(Signed<LeaseRequest> request, String remoteAddress, boolean forwarded);
}
