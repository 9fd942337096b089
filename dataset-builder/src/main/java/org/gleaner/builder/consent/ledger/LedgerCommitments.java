package org.gleaner.builder.consent.ledger;

import java.io.IOException;
import org.gleaner.protocol.ledger.IdentifierKind;

/**
 * The ledger's commitment service: identifier → commitment (lowercase hex), computed by the ledger under its
 * secret key. Over HTTP ({@link HttpLedgerClient}, authenticated and rate-limited by the ledger) or, when the
 * ledger runs in the same process (devnet, tests), its {@code LedgerService} directly.
 */
@FunctionalInterface
public interface LedgerCommitments {
    String commitmentHex(IdentifierKind kind, String identifier) throws IOException;
}
