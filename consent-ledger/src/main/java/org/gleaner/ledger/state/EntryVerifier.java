package org.gleaner.ledger.state;

import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.crypto.InvalidKeyException;
import org.gleaner.protocol.crypto.ValidatedKeys;
import org.gleaner.protocol.ledger.LedgerEntry;
import org.gleaner.protocol.ledger.LedgerPayload;
import org.gleaner.protocol.merkle.MerkleHash;

/**
 * The state-free part of validation: strict signature check (bound to the entry type and ledger origin) and
 * payload decoding. Safe to run on any thread, so the sequencer's callers do it in parallel.
 */
public final class EntryVerifier {

    private EntryVerifier() {
    }

    public static VerifiedEntry verify(Signed<LedgerEntry> signed, String origin) throws EntryRejectedException {
        LedgerEntry entry = signed.record();
        Ed25519PublicKey author;
        try {
            author = ValidatedKeys.SHARED.get(entry.authorKey());
        } catch (InvalidKeyException e) {
            throw new EntryRejectedException(RejectionReason.INVALID_AUTHOR_KEY, e.reason().name());
        }
        if (!signed.verifies(origin, author)) {
            throw new EntryRejectedException(RejectionReason.BAD_SIGNATURE, entry.type().label());
        }
        LedgerPayload payload;
        try {
            payload = LedgerPayload.decode(entry);
        } catch (MalformedRecordException e) {
            throw new EntryRejectedException(RejectionReason.MALFORMED, e.getMessage());
        }
        byte[] leafData = signed.encode().toArray();
        return new VerifiedEntry(signed, payload, leafData, Bytes.of(MerkleHash.leafHash(leafData)));
    }

    /** Decodes a stored or received leaf (a signed entry's encoding) and verifies it. */
    public static VerifiedEntry decodeAndVerify(byte[] leafData, String origin) throws EntryRejectedException {
        Signed<LedgerEntry> signed;
        try {
            signed = Signed.decode(leafData, LedgerEntry.MAX_ENCODED, "ledgerEntry", LedgerEntry::read);
        } catch (MalformedRecordException e) {
            throw new EntryRejectedException(RejectionReason.MALFORMED, e.getMessage());
        }
        return verify(signed, origin);
    }
}
