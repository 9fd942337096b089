package org.gleaner.node.fetch;

import java.net.URI;

/**
 * What the caller requires of every URL the fetch goes to, redirects included, beyond the egress guard
 * (which the transport applies to every connection): for pages, the lease's host and its robots.txt.
 */
@FunctionalInterface
public interface HopCheck {
    /** Throws a {@link FetchException} (with a kind such as {@code robots} or {@code off-host}) to stop. */
    void check(URI target, int hop) throws FetchException;

    HopCheck NONE = (target, hop) -> { };
}
