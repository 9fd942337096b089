package org.gleaner.ledger;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.gleaner.ledger.entry.EntrySigner;
import org.gleaner.ledger.state.LedgerPolicy;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.ledger.Grant;
import org.gleaner.protocol.ledger.IdentifierBinding;
import org.gleaner.protocol.ledger.IdentifierKind;
import org.gleaner.protocol.ledger.KeyRegistration;
import org.gleaner.protocol.ledger.LedgerEntry;
import org.gleaner.protocol.ledger.Licence;
import org.gleaner.protocol.ledger.Revocation;
import org.gleaner.protocol.note.NoteKeyException;
import org.gleaner.protocol.note.NoteSigner;

/** Keys, policy and entry builders shared by the ledger tests. */
public final class TestLedger {
    public static final String ORIGIN = "ledger.test.gleaner/consent";
    public static final long NOW = 1_790_000_000_000L;
    public static final long DAY = 86_400_000L;

    public final Ed25519KeyPair logKey = Ed25519KeyPair.generate();
    public final Ed25519KeyPair verifierKey = Ed25519KeyPair.generate();
    public final Ed25519KeyPair coordinatorKey = Ed25519KeyPair.generate();
    public final LedgerPolicy policy = new LedgerPolicy(ORIGIN, Set.of(key(verifierKey)), Set.of(key(coordinatorKey)),
            Duration.ofMinutes(5));
    public final EntrySigner verifier = new EntrySigner(verifierKey, ORIGIN);
    public final EntrySigner coordinator = new EntrySigner(coordinatorKey, ORIGIN);

    public static Bytes key(Ed25519KeyPair pair) {
        return Bytes.of(pair.publicKey().bytes());
    }

    public static Bytes commitment(int n) {
        byte[] c = new byte[32];
        c[0] = (byte) n;
        c[31] = (byte) (n >> 8);
        return Bytes.of(c);
    }

    public NoteSigner noteSigner() {
        try {
            return NoteSigner.of(ORIGIN, logKey);
        } catch (NoteKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    public static EntrySigner subject(Ed25519KeyPair key) {
        return new EntrySigner(key, ORIGIN);
    }

    public static Signed<LedgerEntry> register(EntrySigner subject) {
        return subject.sign(new KeyRegistration(), NOW);
    }

    public Signed<LedgerEntry> bind(Ed25519KeyPair subject, Bytes commitment) {
        return verifier.sign(new IdentifierBinding(IdentifierKind.EMAIL, commitment, key(subject), "email-otp"), NOW);
    }

    public static Grant grant(List<Bytes> commitments, String... purposes) {
        return new Grant(commitments, 1, List.of(purposes), Licence.spdx("CC-BY-4.0"), List.of(), 250, NOW - DAY, NOW + 365 * DAY);
    }

    public static Signed<LedgerEntry> revoke(EntrySigner subject, Bytes grantId) {
        return subject.sign(new Revocation(grantId), NOW);
    }
}
