package org.gleaner.protocol.ledger;

import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.MalformedRecordException;

/** The type-specific body of a {@link LedgerEntry}, with its own canonical encoding. */
public sealed interface LedgerPayload
        permits KeyRegistration, KeyRotation, IdentifierBinding, Grant, Revocation, RewardRoot {

    EntryType entryType();

    Bytes encode();

    /** Decodes the payload of {@code entry} according to its type. */
    static LedgerPayload decode(LedgerEntry entry) throws MalformedRecordException {
        byte[] data = entry.payload().toArray();
        return switch (entry.type()) {
            case KEY_REGISTRATION -> KeyRegistration.decode(data);
            case KEY_ROTATION -> KeyRotation.decode(data);
            case IDENTIFIER_BINDING -> IdentifierBinding.decode(data);
            case GRANT -> Grant.decode(data);
            case REVOCATION -> Revocation.decode(data);
            case REWARD_ROOT -> RewardRoot.decode(data);
        };
    }
}
