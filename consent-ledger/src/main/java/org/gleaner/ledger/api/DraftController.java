package org.gleaner.ledger.api;

import io.swagger.v3.oas.annotations.Operation;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.gleaner.ledger.api.ApiModels.ChallengeDraftRequest;
import org.gleaner.ledger.api.ApiModels.Draft;
import org.gleaner.ledger.api.ApiModels.GrantDraftRequest;
import org.gleaner.ledger.api.ApiModels.RegistrationDraftRequest;
import org.gleaner.ledger.api.ApiModels.RevocationDraftRequest;
import org.gleaner.ledger.binding.ChallengeRequest;
import org.gleaner.ledger.service.LedgerService;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.Signable;
import org.gleaner.protocol.codec.SigningMessage;
import org.gleaner.protocol.ledger.Grant;
import org.gleaner.protocol.ledger.IdentifierKind;
import org.gleaner.protocol.ledger.KeyRegistration;
import org.gleaner.protocol.ledger.LedgerEntry;
import org.gleaner.protocol.ledger.LedgerPayload;
import org.gleaner.protocol.ledger.Licence;
import org.gleaner.protocol.ledger.Purpose;
import org.gleaner.protocol.ledger.Revocation;
import org.gleaner.protocol.ledger.IdentifierBinding;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Drafts for clients that hold a key but not the canonical encoder (the subjects' web page): given an entry
 * as JSON, the exact bytes to sign. This adds no trust: the client signs with its own key, and on submit
 * the sequencer decodes the entry again and verifies it like any other. Drafts change nothing.
 */
@RestController
class DraftController {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_DAYS = 100 * 366;

    private final LedgerService ledger;
    private final RateLimits limits;

    DraftController(LedgerService ledger, RateLimits limits) {
        this.ledger = ledger;
        this.limits = limits;
    }

    @Operation(summary = "The bytes to sign to register a subject key")
    @PostMapping("/v1/drafts/key-registration")
    Draft registration(@RequestBody RegistrationDraftRequest request) {
        limits.submission();
        return entry(LedgerController.hexKey(request.authorKey()), new KeyRegistration());
    }

    @Operation(summary = "The bytes to sign for a grant (no commitments: every identifier the subject has bound)")
    @PostMapping("/v1/drafts/grant")
    Draft grant(@RequestBody GrantDraftRequest request) {
        limits.submission();
        Bytes author = LedgerController.hexKey(request.authorKey());
        List<Bytes> commitments = new ArrayList<>();
        if (request.commitments() == null || request.commitments().isEmpty()) {
            Bytes subject = ledger.log().state().subjectOfKey(author);
            if (subject != null) {
                ledger.log().state().bindingsOfSubject(subject).stream().map(IdentifierBinding::commitment).forEach(commitments::add);
            }
            if (commitments.isEmpty()) {
                throw new IllegalArgumentException("this key has no bound identifiers yet; bind one first");
            }
        } else {
            request.commitments().forEach(hex -> commitments.add(LedgerController.hexKey(hex)));
        }
        List<String> purposes = request.purposes() == null ? List.of() : request.purposes();
        for (String purpose : purposes) {
            if (!Purpose.isKnown(Purpose.VOCABULARY_VERSION, purpose)) {
                throw new IllegalArgumentException("unknown purpose (vocabulary v" + Purpose.VOCABULARY_VERSION + ": " + Purpose.V1 + ")");
            }
        }
        int days = request.days() == null ? 365 : request.days();
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be 1.." + MAX_DAYS);
        }
        Licence licence = request.termsUrl() != null && !request.termsUrl().isBlank()
                ? Licence.custom(request.termsUrl(), LedgerController.hexKey(request.termsSha256()))
                : Licence.spdx(request.licence());
        long now = ledger.clock().millis();
        Grant grant = new Grant(commitments, Purpose.VOCABULARY_VERSION, purposes, licence,
                request.scope() == null ? List.of() : request.scope(),
                request.shareBasisPoints() == null ? 0 : request.shareBasisPoints(), now, now + Duration.ofDays(days).toMillis());
        return entry(author, grant);
    }

    @Operation(summary = "The bytes to sign to revoke a grant")
    @PostMapping("/v1/drafts/revocation")
    Draft revocation(@RequestBody RevocationDraftRequest request) {
        limits.submission();
        return entry(LedgerController.hexKey(request.authorKey()), new Revocation(LedgerController.hexKey(request.grantId())));
    }

    @Operation(summary = "The bytes to sign to start an ownership challenge (kind: domain, email or social)")
    @PostMapping("/v1/drafts/challenge-request")
    Draft challenge(@RequestBody ChallengeDraftRequest request) {
        limits.submission();
        IdentifierKind kind = IdentifierKind.fromLabel(request.kind());
        if (kind == null) {
            throw new IllegalArgumentException("kind must be domain, email or social");
        }
        ChallengeRequest record = new ChallengeRequest(kind, request.identifier(), LedgerController.hexKey(request.subjectKey()),
                ledger.clock().millis(), nonce());
        return draft(record, record.timestampMillis(), record.nonce());
    }

    private Draft entry(Bytes author, LedgerPayload payload) {
        LedgerEntry entry = new LedgerEntry(payload.entryType(), author, ledger.clock().millis(), nonce(), payload.encode());
        return draft(entry, entry.timestampMillis(), entry.nonce());
    }

    private Draft draft(Signable record, long timestampMillis, Bytes nonce) {
        Bytes encoded = record.encode();
        byte[] message = SigningMessage.of(record.recordType(), ledger.log().origin(), encoded);
        Base64.Encoder b64 = Base64.getEncoder();
        return new Draft(record.recordType(), ledger.log().origin(), b64.encodeToString(encoded.toArray()),
                b64.encodeToString(message), timestampMillis, nonce.hex());
    }

    private static Bytes nonce() {
        byte[] nonce = new byte[FieldSizes.NONCE];
        RANDOM.nextBytes(nonce);
        return Bytes.of(nonce);
    }
}
