package org.gleaner.ledger.entry;

import java.security.SecureRandom;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.ledger.KeyRotation;
import org.gleaner.protocol.ledger.LedgerEntry;
import org.gleaner.protocol.ledger.LedgerPayload;

/** Builds signed ledger entries for one author and ledger origin, each with a fresh random nonce. */
public final class EntrySigner {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Ed25519KeyPair author;
    private final String origin;

    public EntrySigner(Ed25519KeyPair author, String origin) {
        this.author = author;
        this.origin = origin;
    }

    public Signed<LedgerEntry> sign(LedgerPayload payload, long timestampMillis) {
        byte[] nonce = new byte[FieldSizes.NONCE];
        RANDOM.nextBytes(nonce);
        LedgerEntry entry = new LedgerEntry(payload.entryType(), Bytes.of(author.publicKey().bytes()), timestampMillis,
                Bytes.of(nonce), payload.encode());
        return Signed.sign(entry, origin, author);
    }

    /** The rotation payload handing this signer's subject to {@code newKey}, accepted by the new key. */
    public KeyRotation rotationTo(Ed25519KeyPair newKey) {
        Bytes oldKeyBytes = Bytes.of(author.publicKey().bytes());
        Bytes newKeyBytes = Bytes.of(newKey.publicKey().bytes());
        Signed<KeyRotation.Acceptance> acceptance =
                Signed.sign(new KeyRotation.Acceptance(oldKeyBytes, newKeyBytes), origin, newKey);
        return new KeyRotation(newKeyBytes, acceptance.signature());
    }
}
