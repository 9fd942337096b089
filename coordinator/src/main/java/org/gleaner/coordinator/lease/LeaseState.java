package org.gleaner.coordinator.lease;

/**
 * Where a lease is in its life. A settled lease (completed or expired) still accepts pages that were in flight
 * when it settled; once the ingest has caught up past the settlement, it is released: its uncredited URLs go
 * back to the frontier and later pages for it earn nothing, so no URL is credited under two leases.
 */
public enum LeaseState {
    LIVE,
    COMPLETED,
    EXPIRED,
    RELEASED
}
