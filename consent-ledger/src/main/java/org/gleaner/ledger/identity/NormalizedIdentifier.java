package org.gleaner.ledger.identity;

import org.gleaner.protocol.ledger.IdentifierKind;

/**
 * A personal identifier in its one canonical form. {@link #toString()} hides the value so that it cannot
 * reach a log by accident; use {@link #value()} where the clear form is really needed.
 */
public record NormalizedIdentifier(IdentifierKind kind, String value) {
    @Override
    public String toString() {
        return "NormalizedIdentifier[" + kind.label() + ", redacted]";
    }
}
