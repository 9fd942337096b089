package org.gleaner.ledger.api;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.gleaner.ledger.api.ApiModels.ConsistencyResponse;
import org.gleaner.ledger.api.ApiModels.EntryResponse;
import org.gleaner.ledger.api.ApiModels.GrantView;
import org.gleaner.ledger.api.ApiModels.KeysResponse;
import org.gleaner.ledger.api.ApiModels.SubmitResponse;
import org.gleaner.ledger.log.AppendReceipt;
import org.gleaner.ledger.log.LedgerLog;
import org.gleaner.ledger.service.LedgerService;
import org.gleaner.ledger.state.EntryRejectedException;
import org.gleaner.ledger.state.GrantStatus;
import org.gleaner.ledger.witness.CosignatureBook;
import org.gleaner.ledger.witness.CosignatureRejectedException;
import java.util.Map;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.ledger.LedgerEntry;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The log's public API: submit a signed entry, read entries with inclusion proofs, the latest signed
 * checkpoint, consistency proofs, and a subject's grants. Entries authenticate themselves (each is signed by
 * its author), so reading and submitting need no account; submission is rate-limited.
 */
@RestController
class LedgerController {
    static final int MAX_BODY = LedgerEntry.MAX_ENCODED + Signed.SIGNATURE_BYTES + 16;

    private static final int MAX_NOTE = 16 * 1024;

    private final LedgerService ledger;
    private final RateLimits limits;
    private final CosignatureBook cosignatures;

    LedgerController(LedgerService ledger, RateLimits limits, CosignatureBook cosignatures) {
        this.ledger = ledger;
        this.limits = limits;
        this.cosignatures = cosignatures;
    }

    @Operation(summary = "Submit a signed entry (its canonical encoding) to the sequencer")
    @PostMapping(path = "/v1/entries", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    ResponseEntity<SubmitResponse> submit(HttpServletRequest request)
            throws IOException, MalformedRecordException, EntryRejectedException, InterruptedException {
        limits.submission();
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            throw new MalformedRecordException("entry exceeds " + MAX_BODY + " bytes");
        }
        Signed<LedgerEntry> signed = Signed.decode(body, LedgerEntry.MAX_ENCODED, "ledgerEntry", LedgerEntry::read);
        AppendReceipt receipt = ledger.sequencer().append(signed);
        return ResponseEntity.status(HttpStatus.CREATED).body(new SubmitResponse(receipt.index(), receipt.leafHash().hex()));
    }

    @Operation(summary = "An entry with its inclusion proof in the tree of the given size (default: the latest checkpoint's)")
    @GetMapping("/v1/entries/{index}")
    EntryResponse entry(@PathVariable("index") long index, @RequestParam(name = "treeSize", required = false) Long treeSize) throws IOException, MalformedRecordException {
        LedgerLog log = ledger.log();
        long size = treeSize != null ? treeSize : Math.max(checkpointSize(), index + 1);
        byte[] stored = log.entry(index);
        LedgerEntry entry = Signed.decode(stored, LedgerEntry.MAX_ENCODED, "ledgerEntry", LedgerEntry::read).record();
        return new EntryResponse(index, entry.type().label(), Base64.getEncoder().encodeToString(stored),
                HexFormat.of().formatHex(log.leafHash(index)), size, base64(log.inclusionProof(index, size)));
    }

    @Operation(summary = "The latest signed checkpoint (C2SP tlog-checkpoint signed note) with the witness cosignatures it has")
    @GetMapping(path = "/v1/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> checkpoint() throws InterruptedException {
        if (ledger.log().latestCheckpoint() == null) {
            ledger.sequencer().checkpointNow();
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(CosignatureBook.text(cosignatures.latestCosigned()));
    }

    @Operation(summary = "Submit a witness cosignature (C2SP tlog-cosignature v1) of the latest checkpoint, as the cosigned note")
    @PostMapping(path = "/v1/checkpoint/cosignatures", consumes = MediaType.TEXT_PLAIN_VALUE)
    Map<String, Integer> cosign(HttpServletRequest request) throws IOException, CosignatureRejectedException {
        limits.challenge();
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_NOTE + 1);
        }
        if (body.length > MAX_NOTE) {
            throw new CosignatureRejectedException("note exceeds " + MAX_NOTE + " bytes");
        }
        return Map.of("accepted", cosignatures.accept(body));
    }

    @Operation(summary = "RFC 9162 consistency proof between two tree sizes")
    @GetMapping("/v1/proofs/consistency")
    ConsistencyResponse consistency(@RequestParam("from") long from, @RequestParam("to") long to) {
        return new ConsistencyResponse(from, to, base64(ledger.log().consistencyProof(from, to)));
    }

    @Operation(summary = "The ledger's origin and public keys")
    @GetMapping("/v1/keys")
    KeysResponse keys() {
        return new KeysResponse(ledger.log().origin(), ledger.checkpointVerifier().encode(), ledger.verifierKey().hex(),
                ledger.log().size());
    }

    @Operation(summary = "The purpose vocabulary grants may name")
    @GetMapping("/v1/purposes")
    ApiModels.Purposes purposes() {
        return new ApiModels.Purposes(org.gleaner.protocol.ledger.Purpose.VOCABULARY_VERSION,
                org.gleaner.protocol.ledger.Purpose.V1.stream().sorted().toList());
    }

    @Operation(summary = "A subject's grants and their status (subject: any current key of the subject, hex)")
    @GetMapping("/v1/subjects/{subjectKey}/grants")
    List<GrantView> grants(@PathVariable("subjectKey") String subjectKey) {
        Bytes key = hexKey(subjectKey);
        Bytes subject = ledger.log().state().subjectOfKey(key);
        if (subject == null) {
            throw new IndexOutOfBoundsException("no registered subject has this current key");
        }
        return ledger.log().state().grantsOfSubject(subject).stream().map(LedgerController::view).toList();
    }

    @Operation(summary = "A subject's bound identifiers, as commitments")
    @GetMapping("/v1/subjects/{subjectKey}/bindings")
    List<ApiModels.BindingView> bindings(@PathVariable("subjectKey") String subjectKey) {
        Bytes subject = ledger.log().state().subjectOfKey(hexKey(subjectKey));
        if (subject == null) {
            throw new IndexOutOfBoundsException("no registered subject has this current key");
        }
        return ledger.log().state().bindingsOfSubject(subject).stream()
                .map(b -> new ApiModels.BindingView(b.kind().label(), b.commitment().hex(), b.method())).toList();
    }

    static Bytes hexKey(String hex) {
        if (hex == null || !hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a key is 64 lowercase hex digits");
        }
        return Bytes.fromHex(hex);
    }

    private long checkpointSize() {
        String note = ledger.log().latestCheckpointText();
        if (note == null) {
            return ledger.log().size();
        }
        return Long.parseLong(note.split("\n", 3)[1]);
    }

    private static GrantView view(GrantStatus status) {
        var grant = status.grant();
        return new GrantView(status.grantId().hex(), status.index(),
                grant.commitments().stream().map(Bytes::hex).toList(), grant.purposes(), grant.licence().toString(),
                grant.scope(), grant.shareBasisPoints(), grant.notBeforeMillis(), grant.notAfterMillis(),
                status.revokedAtIndex() >= 0 ? "revoked" : "active", status.revokedAtIndex());
    }

    private static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(h -> Base64.getEncoder().encodeToString(h)).toList();
    }
}
