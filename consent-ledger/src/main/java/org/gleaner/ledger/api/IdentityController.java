package org.gleaner.ledger.api;

import io.swagger.v3.oas.annotations.Operation;
import org.gleaner.ledger.api.ApiModels.ChallengeStart;
import org.gleaner.ledger.api.ApiModels.ChallengeResponse;
import org.gleaner.ledger.api.ApiModels.CodeRequest;
import org.gleaner.ledger.api.ApiModels.LookupRequest;
import org.gleaner.ledger.api.ApiModels.LookupResponse;
import org.gleaner.ledger.api.ApiModels.SubmitResponse;
import java.util.Base64;
import org.gleaner.ledger.binding.BindingException;
import org.gleaner.ledger.binding.ChallengeRequest;
import org.gleaner.ledger.binding.IdentityBinder;
import org.gleaner.ledger.identity.InvalidIdentifierException;
import org.gleaner.ledger.log.AppendReceipt;
import org.gleaner.ledger.service.LedgerService;
import org.gleaner.ledger.state.EntryRejectedException;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.ledger.IdentifierKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Identifiers: the authenticated, rate-limited lookup from an identifier to its commitment (for dataset
 * builders that find PII in pages), and the ownership challenges that lead to a signed binding. Neither
 * logs an identifier.
 */
@RestController
class IdentityController {
    private static final Logger AUDIT = LoggerFactory.getLogger("org.gleaner.ledger.audit");

    private final LedgerService ledger;
    private final IdentityBinder binder;
    private final RateLimits limits;
    private final LookupAuthenticator authenticator;

    IdentityController(LedgerService ledger, IdentityBinder binder, RateLimits limits, LookupAuthenticator authenticator) {
        this.ledger = ledger;
        this.binder = binder;
        this.limits = limits;
        this.authenticator = authenticator;
    }

    @Operation(summary = "Map an identifier to its commitment (bearer token required, rate-limited per token)")
    @PostMapping("/v1/commitments")
    LookupResponse lookup(@RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody LookupRequest request) throws InvalidIdentifierException {
        String principal = authenticator.authenticate(authorization);
        limits.lookup(principal);
        IdentifierKind kind = kind(request.kind());
        Bytes commitment = ledger.commitmentOf(ledger.normalize(kind, request.identifier()));
        AUDIT.info("commitment lookup by {} for a {}", principal, kind.label());
        return new LookupResponse(kind.label(), commitment.hex());
    }

    @Operation(summary = "Start a domain ownership challenge (publish a token under /.well-known/gleaner-consent/);"
            + " the request must be signed by the subject's registered key (see POST /v1/drafts/challenge-request)")
    @PostMapping("/v1/bindings/domain")
    @ResponseStatus(HttpStatus.CREATED)
    ChallengeResponse startDomain(@RequestBody ChallengeStart request) throws InvalidIdentifierException, BindingException {
        return start(IdentifierKind.DOMAIN, request);
    }

    @Operation(summary = "Complete a domain challenge: the ledger fetches the token and, if it matches, appends a signed binding")
    @PostMapping("/v1/bindings/domain/{challengeId}/complete")
    SubmitResponse completeDomain(@PathVariable("challengeId") String challengeId)
            throws BindingException, EntryRejectedException, InterruptedException {
        limits.challenge();
        return receipt(binder.completeDomain(challengeId));
    }

    @Operation(summary = "Start an email challenge: a one-time code is mailed to the address;"
            + " the request must be signed by the subject's registered key (see POST /v1/drafts/challenge-request)")
    @PostMapping("/v1/bindings/email")
    @ResponseStatus(HttpStatus.CREATED)
    ChallengeResponse startEmail(@RequestBody ChallengeStart request) throws InvalidIdentifierException, BindingException {
        return start(IdentifierKind.EMAIL, request);
    }

    @Operation(summary = "Start a social profile challenge (network:handle, a profile URL or @user@host): publish the"
            + " returned content on the profile page; the request must be signed by the subject's registered key")
    @PostMapping("/v1/bindings/social")
    @ResponseStatus(HttpStatus.CREATED)
    ChallengeResponse startSocial(@RequestBody ChallengeStart request) throws InvalidIdentifierException, BindingException {
        return start(IdentifierKind.SOCIAL, request);
    }

    @Operation(summary = "Complete a social profile challenge: the ledger fetches the profile page and, if it shows the"
            + " content, appends a signed binding")
    @PostMapping("/v1/bindings/social/{challengeId}/complete")
    SubmitResponse completeSocial(@PathVariable("challengeId") String challengeId)
            throws BindingException, EntryRejectedException, InterruptedException {
        limits.challenge();
        return receipt(binder.completeSocial(challengeId));
    }

    @Operation(summary = "Start a phone challenge: a one-time code is sent by SMS (only where an SMS gateway is"
            + " configured; in development, a file outbox); the request must be signed by the subject's registered key")
    @PostMapping("/v1/bindings/phone")
    @ResponseStatus(HttpStatus.CREATED)
    ChallengeResponse startPhone(@RequestBody ChallengeStart request) throws InvalidIdentifierException, BindingException {
        return start(IdentifierKind.PHONE, request);
    }

    @Operation(summary = "Complete a phone challenge with the code; appends a signed binding")
    @PostMapping("/v1/bindings/phone/{challengeId}/complete")
    SubmitResponse completePhone(@PathVariable("challengeId") String challengeId, @RequestBody CodeRequest request)
            throws BindingException, EntryRejectedException, InterruptedException {
        limits.challenge();
        return receipt(binder.completePhone(challengeId, request.code()));
    }

    @Operation(summary = "Complete an email challenge with the mailed code; appends a signed binding")
    @PostMapping("/v1/bindings/email/{challengeId}/complete")
    SubmitResponse completeEmail(@PathVariable("challengeId") String challengeId, @RequestBody CodeRequest request)
            throws BindingException, EntryRejectedException, InterruptedException {
        limits.challenge();
        return receipt(binder.completeEmail(challengeId, request.code()));
    }

    /** Email and phone challenges have no path or content to publish: the binder gives empty strings for them. */
    private ChallengeResponse start(IdentifierKind kind, ChallengeStart request) throws InvalidIdentifierException, BindingException {
        limits.challenge();
        IdentityBinder.Started started = binder.start(signed(kind, request));
        return new ChallengeResponse(started.challengeId(), started.instructions(), started.path(), started.expectedContent());
    }

    private static Signed<ChallengeRequest> signed(IdentifierKind kind, ChallengeStart request) {
        if (request.signature() == null || request.nonce() == null || !request.nonce().matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("a challenge request needs timestampMillis, nonce (32 hex digits) and signature");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(request.signature());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signature must be base64");
        }
        ChallengeRequest record = new ChallengeRequest(kind, request.identifier(), LedgerController.hexKey(request.subjectKey()),
                request.timestampMillis(), Bytes.fromHex(request.nonce()));
        return new Signed<>(record, Bytes.of(signature));
    }

    private static IdentifierKind kind(String label) {
        IdentifierKind kind = IdentifierKind.fromLabel(label);
        if (kind == null) {
            throw new IllegalArgumentException("kind must be domain, email, phone or social");
        }
        return kind;
    }

    private static SubmitResponse receipt(AppendReceipt receipt) {
        return new SubmitResponse(receipt.index(), receipt.leafHash().hex());
    }
}
