package org.gleaner.ledger.witness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gleaner.ledger.log.LedgerLog;
import org.gleaner.protocol.note.CosignatureV1;
import org.gleaner.protocol.note.NoteException;
import org.gleaner.protocol.note.NoteSignature;
import org.gleaner.protocol.note.NoteVerifier;
import org.gleaner.protocol.note.SignedNote;
import org.gleaner.protocol.io.AtomicFiles;

/**
 * Witness cosignatures (C2SP tlog-cosignature v1) of the ledger's latest checkpoint: accepted only from
 * configured witnesses, only over the exact checkpoint the ledger last signed, and served with it. The
 * cosigned note is written durably (temporary file, fsync, rename) before the witness is answered, and
 * reloaded and re-verified on start.
 */
public final class CosignatureBook {
    private final LedgerLog log;
    private final NoteVerifier ledgerKey;
    private final List<CosignatureV1> witnesses;
    private String cosignedText;
    private final Map<String, NoteSignature> byWitness = new LinkedHashMap<>();

    private final Path file;

    public CosignatureBook(LedgerLog log, NoteVerifier ledgerKey, List<CosignatureV1> witnesses, Path file) {
        this.log = log;
        this.ledgerKey = ledgerKey;
        this.witnesses = List.copyOf(witnesses);
        this.file = file;
        restore();
    }

    private void restore() {
        try {
            if (file != null && Files.exists(file)) {
                accept(Files.readAllBytes(file));
            }
        } catch (IOException | CosignatureRejectedException e) {
            // A stale or unreadable file holds nothing we can serve; witnesses will cosign again.
            byWitness.clear();
            cosignedText = null;
        }
    }

    private void persist() throws CosignatureRejectedException {
        if (file == null) {
            return;
        }
        try {
            AtomicFiles.writeOwnerOnly(file, latestCosigned());
        } catch (IOException e) {
            throw new CosignatureRejectedException("the ledger could not store the cosignature; try again");
        }
    }

    public List<CosignatureV1> witnesses() {
        return witnesses;
    }

    /**
     * Accepts the cosignatures on {@code note}, which must all be valid and from known witnesses; returns
     * how many were new or newer.
     */
    public synchronized int accept(byte[] note) throws CosignatureRejectedException {
        SignedNote opened;
        try {
            opened = SignedNote.open(note, ledgerKey);
        } catch (NoteException e) {
            throw new CosignatureRejectedException("not a checkpoint signed by this ledger: " + e.getMessage());
        }
        String latest = latestText();
        if (latest == null || !latest.equals(opened.text())) {
            throw new CosignatureRejectedException("only the latest checkpoint can be cosigned");
        }
        Map<String, NoteSignature> valid = new LinkedHashMap<>();
        for (NoteSignature signature : opened.unverifiedSignatures()) {
            CosignatureV1 witness = witnesses.stream().filter(w -> w.matches(signature)).findFirst()
                    .orElseThrow(() -> new CosignatureRejectedException("cosignature by an unknown witness " + signature.name()));
            if (witness.verify(opened.text(), signature).isEmpty()) {
                throw new CosignatureRejectedException("the cosignature by " + signature.name() + " does not verify");
            }
            valid.put(witness.name(), signature);
        }
        if (valid.isEmpty()) {
            throw new CosignatureRejectedException("the note carries no cosignature");
        }
        if (!latest.equals(cosignedText)) {
            cosignedText = latest;
            byWitness.clear();
        }
        int accepted = 0;
        for (Map.Entry<String, NoteSignature> entry : valid.entrySet()) {
            if (!entry.getValue().equals(byWitness.put(entry.getKey(), entry.getValue()))) {
                accepted++;
            }
        }
        if (accepted > 0) {
            persist();
        }
        return accepted;
    }

    /** The latest checkpoint with the cosignatures it has gathered, or {@code null} before the first checkpoint. */
    public synchronized byte[] latestCosigned() {
        byte[] note = log.latestCheckpoint();
        if (note == null) {
            return null;
        }
        String text = latestText();
        if (text != null && text.equals(cosignedText)) {
            for (NoteSignature signature : byWitness.values()) {
                note = CosignatureV1.append(note, signature);
            }
        }
        return note;
    }

    private String latestText() {
        byte[] note = log.latestCheckpoint();
        if (note == null) {
            return null;
        }
        try {
            return SignedNote.open(note, ledgerKey).text();
        } catch (NoteException e) {
            throw new IllegalStateException("the ledger's own checkpoint does not verify", e);
        }
    }

    /** For clients: the note as text. */
    public static String text(byte[] note) {
        return new String(note, StandardCharsets.UTF_8);
    }
}
