package org.gleaner.coordinator.lease;

/** Where a lease is in its life. */
public enum LeaseState {
    LIVE,
    COMPLETED,
    EXPIRED
}
