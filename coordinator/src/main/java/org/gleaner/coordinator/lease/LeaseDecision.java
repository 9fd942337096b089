package org.gleaner.coordinator.lease;

import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.lease.CrawlLease;

/** The answer to a lease request. */
public sealed interface LeaseDecision {
    record Granted(Signed<CrawlLease> lease) implements LeaseDecision {
    }

    /** Nothing to lease now, but work may appear (links in flight, leases out): ask again later. */
    record NoWorkYet(long retryAfterMillis) implements LeaseDecision {
    }

    /** Every job is finished: nothing more will be leased. */
    record AllJobsDone() implements LeaseDecision {
    }

    record Refused(String reason) implements LeaseDecision {
    }
}
