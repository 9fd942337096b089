package org.gleaner.ledger.binding;

import java.io.IOException;
import org.gleaner.protocol.net.EgressGuard;
import org.gleaner.protocol.net.EgressRefusedException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import org.gleaner.ledger.identity.InvalidIdentifierException;
import org.gleaner.ledger.identity.NormalizedIdentifier;
import org.gleaner.ledger.identity.SocialHandles;
import org.gleaner.ledger.log.AppendReceipt;
import org.gleaner.ledger.service.LedgerService;
import org.gleaner.ledger.state.EntryRejectedException;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.ledger.IdentifierKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's identity verifier. A subject asks to bind an identifier to its key; the binder sets a
 * challenge only the identifier's owner can answer (a token to publish under the domain's
 * {@code /.well-known/}, or a one-time code mailed to the address), checks the answer, and then signs and
 * appends the binding with the verifier key. The identifier itself is never logged nor written to the log.
 */
public final class IdentityBinder {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityBinder.class);
    private static final Duration TTL = Duration.ofMinutes(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LedgerService ledger;
    private final DomainChallengeFetcher fetcher;
    private final MailSender mail;
    private final ProfileChallengeFetcher profiles;
    private final SmsGateway sms;
    private final ChallengeStore challenges;
    private final ChallengeAuthenticator authenticator;
    private final KeyedRateLimiter perSubject;
    private final KeyedRateLimiter perIdentifier;

    /** How many challenges one subject may start, and one identifier may receive, per hour. */
    public record Limits(int perSubjectPerHour, int perIdentifierPerHour) {
        public static final Limits DEFAULT = new Limits(10, 5);
    }

    public IdentityBinder(LedgerService ledger, DomainChallengeFetcher fetcher, MailSender mail) {
        this(ledger, fetcher, mail, ProfileChallengeFetcher.https(EgressGuard.strict()), null, Limits.DEFAULT);
    }

    /** {@code sms} may be {@code null}: phone numbers then cannot be bound. */
    public IdentityBinder(LedgerService ledger, DomainChallengeFetcher fetcher, MailSender mail, ProfileChallengeFetcher profiles,
            SmsGateway sms, Limits limits) {
        this.ledger = ledger;
        this.fetcher = fetcher;
        this.mail = mail;
        this.profiles = profiles;
        this.sms = sms;
        this.challenges = new ChallengeStore(ledger.clock(), 10_000, 5);
        this.authenticator = new ChallengeAuthenticator(ledger.log().origin(), ledger.clock(), ledger.config().maxClockSkew(), 100_000);
        this.perSubject = new KeyedRateLimiter(limits.perSubjectPerHour(), Duration.ofHours(1), 10_000);
        this.perIdentifier = new KeyedRateLimiter(limits.perIdentifierPerHour(), Duration.ofHours(1), 10_000);
    }

    /**
     * Starts the challenge a subject asked for, after checking in this order (so that a refused request
     * sends nothing and fetches nothing): the request is signed by the key it names, fresh and not replayed;
     * the key is a registered subject's current key; the identifier is valid; neither the subject nor the
     * identifier has spent its hourly budget.
     */
    public Started start(Signed<ChallengeRequest> signed) throws BindingException, InvalidIdentifierException {
        authenticator.check(signed);
        ChallengeRequest request = signed.record();
        if (ledger.log().state().subjectOfKey(request.subjectKey()) == null) {
            throw new BindingException(BindingException.Reason.NOT_REGISTERED,
                    "register the key (gleaner consent keygen) before binding identifiers");
        }
        if (request.kind() == IdentifierKind.PHONE && sms == null) {
            throw new BindingException(BindingException.Reason.UNSUPPORTED, "phone numbers cannot be bound here (no SMS gateway)");
        }
        NormalizedIdentifier identifier = ledger.normalize(request.kind(), request.identifier());
        if (request.kind() == IdentifierKind.SOCIAL && SocialHandles.profileUrl(identifier.value()) == null) {
            throw new BindingException(BindingException.Reason.UNSUPPORTED,
                    "a handle of unknown network has no profile page to prove it on; name the network");
        }
        if (!perSubject.tryAcquire(request.subjectKey().hex())) {
            throw new BindingException(BindingException.Reason.RATE_LIMITED, "this key has started too many challenges this hour");
        }
        if (!perIdentifier.tryAcquire(ledger.commitmentOf(identifier).hex())) {
            throw new BindingException(BindingException.Reason.RATE_LIMITED, "this identifier has had too many challenges this hour");
        }
        return switch (request.kind()) {
            case DOMAIN -> startDomain(request.subjectKey(), identifier);
            case EMAIL -> startEmail(request.subjectKey(), identifier);
            case PHONE -> startPhone(request.subjectKey(), identifier);
            case SOCIAL -> startSocial(request.subjectKey(), identifier);
        };
    }

    /** Unauthenticated: callers must have checked who asks (see {@link #start}). */
    Started startSocial(Bytes subjectKey, NormalizedIdentifier identifier) throws BindingException {
        String id = ChallengeStore.randomToken();
        String token = "gleaner-consent=" + id;
        challenges.add(new Challenge(id, subjectKey, identifier, Bytes.of(token.getBytes(StandardCharsets.UTF_8)),
                ledger.clock().millis() + TTL.toMillis()));
        String profile = SocialHandles.profileUrl(identifier.value()).toString();
        return new Started(id, "publish the content on your profile page (for example in its bio), then complete the challenge",
                profile, token);
    }

    public AppendReceipt completeSocial(String challengeId) throws BindingException, EntryRejectedException, InterruptedException {
        Challenge challenge = challenges.get(challengeId);
        if (challenge.identifier.kind() != IdentifierKind.SOCIAL) {
            throw new BindingException(BindingException.Reason.UNKNOWN_CHALLENGE, "not a social profile challenge");
        }
        boolean shown;
        try {
            shown = profiles.shows(SocialHandles.profileUrl(challenge.identifier.value()),
                    new String(challenge.secret.toArray(), StandardCharsets.UTF_8));
        } catch (EgressRefusedException e) {
            challenges.fail(challenge);
            throw refused("profile", e);
        } catch (IOException | IllegalArgumentException e) {
            challenges.fail(challenge);
            throw new BindingException(BindingException.Reason.PROOF_NOT_FOUND, "the profile page could not be fetched");
        }
        if (!shown) {
            challenges.fail(challenge);
            throw new BindingException(BindingException.Reason.PROOF_NOT_FOUND, "the profile page does not show the token");
        }
        challenges.remove(challenge);
        return ledger.appendBinding(challenge.subjectKey, challenge.identifier, "profile-token");
    }

    /** The ledger never fetches from internal networks: say so, and which kind of address it was. */
    private static BindingException refused(String what, EgressRefusedException e) {
        return new BindingException(BindingException.Reason.PROOF_NOT_FOUND,
                "the " + what + " was not fetched: the ledger refuses non-public addresses (" + e.getMessage() + ")");
    }

    /** What the subject must do: publish {@code expectedContent} at {@code path} on the domain, or read the mailed code. */
    public record Started(String challengeId, String instructions, String path, String expectedContent) {
    }

    /** Unauthenticated: callers must have checked who asks (see {@link #start}). */
    Started startDomain(Bytes subjectKey, NormalizedIdentifier identifier) throws BindingException {
        String token = ChallengeStore.randomToken();
        String content = token + "." + subjectKey.hex();
        challenges.add(new Challenge(token, subjectKey, identifier, Bytes.of(content.getBytes(StandardCharsets.UTF_8)),
                ledger.clock().millis() + TTL.toMillis()));
        String path = DomainChallengeFetcher.WELL_KNOWN + token;
        return new Started(token, "serve the content at " + path + " on the domain over HTTPS, then complete the challenge",
                path, content);
    }

    public AppendReceipt completeDomain(String challengeId)
            throws BindingException, EntryRejectedException, InterruptedException {
        Challenge challenge = challenges.get(challengeId);
        if (challenge.identifier.kind() != IdentifierKind.DOMAIN) {
            throw new BindingException(BindingException.Reason.UNKNOWN_CHALLENGE, "not a domain challenge");
        }
        String served;
        try {
            served = fetcher.fetch(IDN.toASCII(challenge.identifier.value()), challenge.id);
        } catch (EgressRefusedException e) {
            challenges.fail(challenge);
            throw refused("domain", e);
        } catch (IOException e) {
            challenges.fail(challenge);
            throw new BindingException(BindingException.Reason.PROOF_NOT_FOUND, "the domain could not be reached");
        }
        if (served == null) {
            challenges.fail(challenge);
            throw new BindingException(BindingException.Reason.PROOF_NOT_FOUND, "the challenge file was not served");
        }
        if (!MessageDigest.isEqual(served.getBytes(StandardCharsets.UTF_8), challenge.secret.toArray())) {
            challenges.fail(challenge);
            throw new BindingException(BindingException.Reason.PROOF_MISMATCH, "the served content does not match the challenge");
        }
        challenges.remove(challenge);
        return ledger.appendBinding(challenge.subjectKey, challenge.identifier, "http-well-known");
    }

    /** Unauthenticated: callers must have checked who asks (see {@link #start}). */
    Started startEmail(Bytes subjectKey, NormalizedIdentifier identifier) throws BindingException {
        String code = String.format("%08d", RANDOM.nextInt(100_000_000));
        String id = addCodeChallenge(subjectKey, identifier, code);
        try {
            mail.send(identifier.value(), "Your Gleaner consent code",
                    "Your one-time code to bind this address to a Gleaner consent key is: " + code + "\n\n"
                            + "Key: " + subjectKey.hex() + "\nIf you did not ask for this, ignore this message.\n");
        } catch (Exception e) {
            LOG.warn("one-time code delivery failed: {}", e.getClass().getSimpleName());
            throw new BindingException(BindingException.Reason.DELIVERY_FAILED, "the code could not be sent");
        }
        return new Started(id, "enter the code mailed to the address", "", "");
    }

    public AppendReceipt completeEmail(String challengeId, String code)
            throws BindingException, EntryRejectedException, InterruptedException {
        return completeWithCode(challengeId, code, IdentifierKind.EMAIL, "not an email challenge", "email-otp");
    }

    /** Unauthenticated: callers must have checked who asks (see {@link #start}). */
    Started startPhone(Bytes subjectKey, NormalizedIdentifier identifier) throws BindingException {
        String code = String.format("%08d", RANDOM.nextInt(100_000_000));
        String id = addCodeChallenge(subjectKey, identifier, code);
        try {
            sms.send(identifier.value(), "Gleaner consent code: " + code + " (to bind this number to key "
                    + subjectKey.hex().substring(0, 16) + "...). Ignore it if you did not ask.");
        } catch (IOException | RuntimeException e) {
            LOG.warn("one-time code delivery by SMS failed: {}", e.getClass().getSimpleName());
            throw new BindingException(BindingException.Reason.DELIVERY_FAILED, "the code could not be sent");
        }
        return new Started(id, "enter the code sent to the number", "", "");
    }

    public AppendReceipt completePhone(String challengeId, String code)
            throws BindingException, EntryRejectedException, InterruptedException {
        return completeWithCode(challengeId, code, IdentifierKind.PHONE, "not a phone challenge", "sms-otp");
    }

    /** Records a one-time-code challenge (only the code's hash is kept) and returns its id. */
    private String addCodeChallenge(Bytes subjectKey, NormalizedIdentifier identifier, String code) throws BindingException {
        String id = ChallengeStore.randomToken();
        challenges.add(new Challenge(id, subjectKey, identifier, codeHash(id, code), ledger.clock().millis() + TTL.toMillis()));
        return id;
    }

    /** Checks a one-time code against the challenge of {@code kind}; a wrong code counts as a failed try. */
    private AppendReceipt completeWithCode(String challengeId, String code, IdentifierKind kind, String wrongKind, String method)
            throws BindingException, EntryRejectedException, InterruptedException {
        Challenge challenge = challenges.get(challengeId);
        if (challenge.identifier.kind() != kind) {
            throw new BindingException(BindingException.Reason.UNKNOWN_CHALLENGE, wrongKind);
        }
        if (code == null || !MessageDigest.isEqual(codeHash(challengeId, code.strip()).toArray(), challenge.secret.toArray())) {
            challenges.fail(challenge);
            throw new BindingException(BindingException.Reason.WRONG_CODE, "wrong code");
        }
        challenges.remove(challenge);
        return ledger.appendBinding(challenge.subjectKey, challenge.identifier, method);
    }

    private static Bytes codeHash(String challengeId, String code) {
        return Bytes.sha256((challengeId + ":" + code).getBytes(StandardCharsets.UTF_8));
    }
}
