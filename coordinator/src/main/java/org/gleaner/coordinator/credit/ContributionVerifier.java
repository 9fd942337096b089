package org.gleaner.coordinator.credit;

import java.util.Optional;
import org.gleaner.coordinator.lease.LeaseBook;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.crypto.InvalidKeyException;
import org.gleaner.protocol.crypto.ValidatedKeys;
import org.gleaner.protocol.lease.CrawlLease;
import org.gleaner.protocol.page.FetchedPage;
import org.gleaner.protocol.page.PageReceipt;

/**
 * Decides whether a delivered page earns credit: the receipt is signed by the node it names, answers a
 * lease issued to that node that covers the URL, was fetched while the lease was valid, carries the body
 * the receipt hashes, and was not credited before.
 */
public final class ContributionVerifier {
    private static final long CLOCK_SKEW_MILLIS = 30_000;

    private final String origin;
    private final LeaseBook leases;
    private final CreditBook credits;

    public ContributionVerifier(String origin, LeaseBook leases, CreditBook credits) {
        this.origin = origin;
        this.leases = leases;
        this.credits = credits;
    }

    public ContributionVerdict verify(FetchedPage page) {
        PageReceipt receipt = page.receipt().record();
        if (!signatureVerifies(page)) {
            return ContributionVerdict.refused(ReasonCode.BAD_SIGNATURE);
        }
        Optional<CrawlLease> lease = leases.find(receipt.leaseId());
        if (lease.isEmpty()) {
            return ContributionVerdict.refused(ReasonCode.NO_LEASE);
        }
        if (!lease.get().nodeKey().equals(receipt.nodeKey())) {
            return ContributionVerdict.refused(ReasonCode.LEASE_OF_OTHER_NODE);
        }
        if (!leases.covers(receipt.leaseId(), receipt.url())) {
            return ContributionVerdict.refused(ReasonCode.URL_NOT_LEASED);
        }
        if (leases.isReleased(receipt.leaseId())) {
            return ContributionVerdict.refused(ReasonCode.LEASE_RELEASED);
        }
        long fetched = receipt.fetchedAtMillis();
        if (fetched < lease.get().issuedAtMillis() - CLOCK_SKEW_MILLIS
                || fetched > lease.get().expiresAtMillis() + CLOCK_SKEW_MILLIS) {
            return ContributionVerdict.refused(ReasonCode.OUTSIDE_LEASE_WINDOW);
        }
        if (!page.bodyMatchesReceipt()) {
            return ContributionVerdict.refused(ReasonCode.HASH_MISMATCH);
        }
        if (credits.alreadyCredited(receipt.leaseId(), receipt.url())) {
            return ContributionVerdict.refused(ReasonCode.DUPLICATE);
        }
        return ContributionVerdict.CREDITED;
    }

    public boolean signatureVerifies(FetchedPage page) {
        try {
            Ed25519PublicKey key = ValidatedKeys.SHARED.get(page.receipt().record().nodeKey());
            return page.receipt().verifies(origin, key);
        } catch (InvalidKeyException e) {
            return false;
        }
    }
}
