package org.gleaner.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gleaner.ledger.TestLedger.NOW;
import static org.gleaner.ledger.TestLedger.DAY;
import static org.gleaner.ledger.TestLedger.commitment;
import static org.gleaner.ledger.TestLedger.key;

import java.util.List;
import org.gleaner.ledger.TestLedger;
import org.gleaner.ledger.entry.EntrySigner;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.ledger.Grant;
import org.gleaner.protocol.ledger.KeyRegistration;
import org.gleaner.protocol.ledger.KeyRotation;
import org.gleaner.protocol.ledger.LedgerEntry;
import org.gleaner.protocol.ledger.Licence;
import org.gleaner.protocol.ledger.Revocation;
import org.gleaner.protocol.ledger.RewardRoot;
import org.junit.jupiter.api.Test;

class LedgerStateTest {
    private final TestLedger t = new TestLedger();
    private final LedgerState state = new LedgerState(t.policy);
    private final Ed25519KeyPair aliceKey = Ed25519KeyPair.generate();
    private final EntrySigner alice = TestLedger.subject(aliceKey);
    private final Ed25519KeyPair bobKey = Ed25519KeyPair.generate();
    private final EntrySigner bob = TestLedger.subject(bobKey);

    private ValidatedEntry accept(Signed<LedgerEntry> entry) throws EntryRejectedException {
        ValidatedEntry validated = state.check(entry, NOW);
        state.apply(validated);
        return validated;
    }

    private void refused(Signed<LedgerEntry> entry, RejectionReason reason) {
        long before = state.size();
        assertThatThrownBy(() -> state.check(entry, NOW))
                .isInstanceOfSatisfying(EntryRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageStartingWith(reason.code());
        assertThat(state.size()).isEqualTo(before);
    }

    private Bytes aliceWithGrant() throws EntryRejectedException {
        accept(TestLedger.register(alice));
        accept(t.bind(aliceKey, commitment(1)));
        return accept(alice.sign(TestLedger.grant(List.of(commitment(1)), "train-ai"), NOW)).leafHash();
    }

    @Test
    void acceptsTheSubjectLifecycle() throws Exception {
        Bytes grantId = aliceWithGrant();
        GrantStatus status = state.grant(grantId);
        assertThat(status.subjectId()).isEqualTo(key(aliceKey));
        assertThat(status.index()).isEqualTo(2);
        accept(TestLedger.revoke(alice, grantId));
        assertThat(state.grant(grantId).revokedAtIndex()).isEqualTo(3);
        assertThat(state.grantsOfSubject(key(aliceKey))).hasSize(1);
    }

    @Test
    void refusesForgedSignaturesAndCrossTypeOrCrossLedgerReplays() throws Exception {
        Signed<LedgerEntry> registration = TestLedger.register(alice);
        byte[] forged = registration.signature().toArray();
        forged[5] ^= 1;
        refused(new Signed<>(registration.record(), Bytes.of(forged)), RejectionReason.BAD_SIGNATURE);

        Signed<LedgerEntry> otherLedger = new EntrySigner(aliceKey, "another.ledger/x").sign(new KeyRegistration(), NOW);
        refused(otherLedger, RejectionReason.BAD_SIGNATURE);

        // The same signature over the same payload bytes presented as another entry type does not verify.
        LedgerEntry asRotation = new LedgerEntry(org.gleaner.protocol.ledger.EntryType.KEY_ROTATION,
                registration.record().authorKey(), NOW, registration.record().nonce(), registration.record().payload());
        refused(new Signed<>(asRotation, registration.signature()), RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void refusesSmallOrderAuthorKeys() {
        byte[] identityPoint = new byte[32];
        identityPoint[0] = 1;
        LedgerEntry entry = new LedgerEntry(org.gleaner.protocol.ledger.EntryType.KEY_REGISTRATION, Bytes.of(identityPoint),
                NOW, Bytes.of(new byte[16]), new KeyRegistration().encode());
        refused(new Signed<>(entry, Bytes.of(new byte[64])), RejectionReason.INVALID_AUTHOR_KEY);
    }

    @Test
    void refusesReplayedNoncesAndStaleOrFutureTimestamps() throws Exception {
        Signed<LedgerEntry> registration = TestLedger.register(alice);
        accept(registration);
        refused(registration, RejectionReason.REPLAYED_NONCE);
        refused(bob.sign(new KeyRegistration(), NOW - 6 * 60_000), RejectionReason.STALE_TIMESTAMP);
        refused(bob.sign(new KeyRegistration(), NOW + 6 * 60_000), RejectionReason.FUTURE_TIMESTAMP);
    }

    @Test
    void refusesGrantsOverIdentifiersNotBoundByTheGrantor() throws Exception {
        aliceWithGrant();
        accept(TestLedger.register(bob));
        refused(bob.sign(TestLedger.grant(List.of(commitment(1)), "train-ai"), NOW), RejectionReason.IDENTIFIER_NOT_BOUND);
        refused(bob.sign(TestLedger.grant(List.of(commitment(9)), "train-ai"), NOW), RejectionReason.IDENTIFIER_NOT_BOUND);
        refused(t.bind(bobKey, commitment(1)), RejectionReason.IDENTIFIER_BOUND_ELSEWHERE);
        refused(t.bind(aliceKey, commitment(1)), RejectionReason.ALREADY_BOUND);
    }

    @Test
    void refusesRevokingSomeoneElsesGrantOrRevokingTwice() throws Exception {
        Bytes grantId = aliceWithGrant();
        accept(TestLedger.register(bob));
        refused(TestLedger.revoke(bob, grantId), RejectionReason.NOT_GRANT_OWNER);
        refused(TestLedger.revoke(alice, commitment(77)), RejectionReason.UNKNOWN_GRANT);
        accept(TestLedger.revoke(alice, grantId));
        refused(TestLedger.revoke(alice, grantId), RejectionReason.ALREADY_REVOKED);
    }

    @Test
    void refusesExpiredGrantsAndUnknownPurposes() throws Exception {
        aliceWithGrant();
        Grant expired = new Grant(List.of(commitment(1)), 1, List.of("train-ai"), Licence.spdx("CC-BY-4.0"), List.of(), 0,
                NOW - 10 * DAY, NOW - DAY);
        refused(alice.sign(expired, NOW), RejectionReason.GRANT_EXPIRED);
        refused(alice.sign(TestLedger.grant(List.of(commitment(1)), "sell-to-advertisers"), NOW), RejectionReason.UNKNOWN_PURPOSE);
    }

    @Test
    void onlyTheVerifierBindsAndOnlyCoordinatorsPostRewardRoots() throws Exception {
        accept(TestLedger.register(alice));
        refused(alice.sign(new org.gleaner.protocol.ledger.IdentifierBinding(
                org.gleaner.protocol.ledger.IdentifierKind.DOMAIN, commitment(3), key(aliceKey), "self"), NOW),
                RejectionReason.NOT_A_VERIFIER);
        refused(t.bind(bobKey, commitment(4)), RejectionReason.UNKNOWN_SUBJECT);
        RewardRoot root = new RewardRoot(7, 10, commitment(5), NOW);
        refused(alice.sign(root, NOW), RejectionReason.NOT_A_COORDINATOR);
        accept(t.coordinator.sign(root, NOW));
        refused(t.coordinator.sign(new RewardRoot(7, 11, commitment(6), NOW), NOW), RejectionReason.EPOCH_NOT_INCREASING);
        refused(t.verifier.sign(new KeyRegistration(), NOW), RejectionReason.RESERVED_KEY);
    }

    @Test
    void rotationNeedsTheNewKeysAcceptanceAndRetiresTheOldKey() throws Exception {
        Bytes grantId = aliceWithGrant();
        Ed25519KeyPair newKey = Ed25519KeyPair.generate();
        KeyRotation stolenAcceptance = new KeyRotation(key(newKey), alice.rotationTo(Ed25519KeyPair.generate()).acceptanceSignature());
        refused(alice.sign(stolenAcceptance, NOW), RejectionReason.BAD_ROTATION_ACCEPTANCE);

        accept(alice.sign(alice.rotationTo(newKey), NOW));
        refused(TestLedger.revoke(alice, grantId), RejectionReason.KEY_RETIRED);
        refused(TestLedger.register(alice), RejectionReason.KEY_RETIRED);
        EntrySigner rotated = TestLedger.subject(newKey);
        accept(TestLedger.revoke(rotated, grantId));
        assertThat(state.grant(grantId).subjectId()).isEqualTo(key(aliceKey));
        accept(TestLedger.register(bob));
        refused(TestLedger.register(bob), RejectionReason.ALREADY_REGISTERED);
        refused(bob.sign(bob.rotationTo(newKey), NOW), RejectionReason.KEY_IN_USE);
    }
}
