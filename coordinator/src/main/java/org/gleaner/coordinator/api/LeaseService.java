package org.gleaner.coordinator.api;

import org.gleaner.coordinator.Coordinator;
import org.gleaner.coordinator.lease.HandBackDecision;
import org.gleaner.coordinator.lease.LeaseDecision;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.lease.LeaseHandBack;
import org.gleaner.protocol.lease.LeaseRequest;

/** Whoever answers the node-facing lease endpoint: one coordinator, or one instance of a shared frontier. */
public interface LeaseService {
    /**
     * @param remoteAddress the node's address (for the keys-per-address watch), null when unknown
     * @param forwarded whether an authenticated peer instance forwarded the request (it is not forwarded again)
     */
    LeaseDecision requestLease(Signed<LeaseRequest> request, String remoteAddress, boolean forwarded);

    /** A node hands back the URLs of its live lease that it did not fetch. */
    HandBackDecision handBack(Signed<LeaseHandBack> request);

    /** The lease endpoint of a single coordinator. */
    static LeaseService of(Coordinator coordinator) {
        return new LeaseService() {
            @Override
            public LeaseDecision requestLease(Signed<LeaseRequest> request, String remoteAddress, boolean forwarded) {
                return coordinator.requestLease(request, remoteAddress);
            }

            @Override
            public HandBackDecision handBack(Signed<LeaseHandBack> request) {
                return coordinator.handBack(request);
            }
        };
    }
}
