package org.gleaner.ledger.witness;

import java.time.Clock;
import org.gleaner.ledger.audit.AuditFailedException;
import org.gleaner.ledger.audit.LedgerAuditor;
import org.gleaner.ledger.audit.LedgerSource;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.note.CosignatureV1;
import org.gleaner.protocol.note.NoteKeyException;
import org.gleaner.protocol.note.NoteSignature;
import org.gleaner.protocol.note.NoteVerifier;
import org.gleaner.protocol.note.SignedNote;

/**
 * A witness: it cosigns the ledger's latest checkpoint only after checking the ledger's signature and the
 * consistency with the last checkpoint it cosigned, so its cosignature says "this log never forked or
 * rewrote history as far as I saw".
 */
public final class Witness {
    private final String name;
    private final Ed25519KeyPair key;
    private final LedgerAuditor auditor;
    private final Clock clock;

    public Witness(String name, Ed25519KeyPair key, NoteVerifier ledgerKey, Clock clock) {
        this.name = name;
        this.key = key;
        this.auditor = new LedgerAuditor(ledgerKey);
        this.clock = clock;
    }

    public record Cosigned(LedgerAuditor.Audited checkpoint, byte[] cosignedNote) {
    }

    /** Audits {@code source} against {@code lastCosigned} (null the first time) and cosigns its latest checkpoint. */
    public Cosigned cosign(LedgerSource source, LedgerAuditor.Audited lastCosigned) throws AuditFailedException {
        LedgerAuditor.Audited latest = auditor.audit(source, lastCosigned, false, done -> { });
        try {
            String text = SignedNote.open(latest.note(), auditor.ledgerKey()).text();
            NoteSignature cosignature = CosignatureV1.sign(name, key, text, clock.millis() / 1000);
            return new Cosigned(latest, CosignatureV1.append(latest.note(), cosignature));
        } catch (NoteKeyException e) {
            throw new IllegalArgumentException("witness name: " + e.getMessage(), e);
        } catch (org.gleaner.protocol.note.NoteException e) {
            throw new AuditFailedException("checkpoint does not verify: " + e.getMessage());
        }
    }

    public String vkey() throws NoteKeyException {
        return CosignatureV1.of(name, key.publicKey()).encode();
    }
}
