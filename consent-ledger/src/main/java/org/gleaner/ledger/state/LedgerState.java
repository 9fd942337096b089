package org.gleaner.ledger.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.codec.CanonicalReader;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.MalformedRecordException;
import org.gleaner.protocol.codec.Signed;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.crypto.InvalidKeyException;
import org.gleaner.protocol.ledger.Grant;
import org.gleaner.protocol.ledger.IdentifierBinding;
import org.gleaner.protocol.ledger.KeyRegistration;
import org.gleaner.protocol.ledger.KeyRotation;
import org.gleaner.protocol.ledger.LedgerEntry;
import org.gleaner.protocol.ledger.LedgerPayload;
import org.gleaner.protocol.ledger.Purpose;
import org.gleaner.protocol.ledger.Revocation;
import org.gleaner.protocol.ledger.RewardRoot;
import org.gleaner.protocol.merkle.MerkleHash;

/**
 * The ledger's state machine: subjects and their keys, identifier bindings, grants and revocations, reward
 * epochs and used nonces. {@link #check} decides whether an entry may be appended next without changing
 * anything; {@link #apply} records an appended entry. Replaying the log through {@code check} (without a
 * clock) and {@code apply} rebuilds the same state. The sequencer is its only writer; queries may come
 * from any thread.
 */
public final class LedgerState {
    private final LedgerPolicy policy;
    private final Map<Bytes, Bytes> subjectOfActiveKey = new HashMap<>();
    private final Map<Bytes, Bytes> currentKeyOfSubject = new HashMap<>();
    private final Set<Bytes> retiredKeys = new HashSet<>();
    private final Map<Bytes, Bytes> subjectOfCommitment = new HashMap<>();
    private final Map<Bytes, GrantStatus> grants = new HashMap<>();
    private final Map<Bytes, List<Bytes>> grantsOfSubject = new HashMap<>();
    private final Map<Bytes, List<IdentifierBinding>> bindingsOfSubject = new HashMap<>();
    private final Map<Bytes, Long> lastRewardEpoch = new HashMap<>();
    private final Set<Bytes> usedNonces = new HashSet<>();
    private long size;
    private static final int SNAPSHOT_VERSION = 1;

    public LedgerState(LedgerPolicy policy) {
        this.policy = policy;
    }

    public LedgerPolicy policy() {
        return policy;
    }

    /** Number of entries applied. */
    public synchronized long size() {
        return size;
    }

    /**
     * Checks {@code signed} as the next entry: signature (strict RFC 8032, bound to the entry type and this
     * ledger's origin), payload, timestamp within the allowed skew of {@code nowMillis}, nonce, and the
     * semantic rules. {@code nowMillis < 0} skips the clock checks (replay of an already accepted log).
     */
    public ValidatedEntry check(Signed<LedgerEntry> signed, long nowMillis) throws EntryRejectedException {
        return check(EntryVerifier.verify(signed, policy.origin()), nowMillis);
    }

    /** {@link #check(Signed, long)} for an entry whose signature {@link EntryVerifier} already checked. */
    public synchronized ValidatedEntry check(VerifiedEntry verified, long nowMillis) throws EntryRejectedException {
        Signed<LedgerEntry> signed = verified.signed();
        LedgerEntry entry = signed.record();
        LedgerPayload payload = verified.payload();
        if (nowMillis >= 0) {
            long skew = policy.maxClockSkew().toMillis();
            if (entry.timestampMillis() < nowMillis - skew) {
                throw new EntryRejectedException(RejectionReason.STALE_TIMESTAMP, "");
            }
            if (entry.timestampMillis() > nowMillis + skew) {
                throw new EntryRejectedException(RejectionReason.FUTURE_TIMESTAMP, "");
            }
        }
        if (usedNonces.contains(nonceKey(entry))) {
            throw new EntryRejectedException(RejectionReason.REPLAYED_NONCE, "");
        }
        Bytes author32 = entry.authorKey();
        if (payload instanceof KeyRegistration) {
            checkRegistration(author32);
        } else if (payload instanceof KeyRotation rotation) {
            checkRotation(author32, rotation);
        } else if (payload instanceof IdentifierBinding binding) {
            checkBinding(author32, binding);
        } else if (payload instanceof Grant grant) {
            checkGrant(author32, grant, nowMillis);
        } else if (payload instanceof Revocation revocation) {
            checkRevocation(author32, revocation);
        } else if (payload instanceof RewardRoot root) {
            checkRewardRoot(author32, root);
        }
        return new ValidatedEntry(signed, payload, verified.leafData(), verified.leafHash());
    }

    private void checkRegistration(Bytes author) throws EntryRejectedException {
        if (policy.isRoleKey(author)) {
            throw new EntryRejectedException(RejectionReason.RESERVED_KEY, "");
        }
        if (retiredKeys.contains(author)) {
            throw new EntryRejectedException(RejectionReason.KEY_RETIRED, "");
        }
        if (subjectOfActiveKey.containsKey(author)) {
            throw new EntryRejectedException(RejectionReason.ALREADY_REGISTERED, "");
        }
    }

    private void checkRotation(Bytes author, KeyRotation rotation) throws EntryRejectedException {
        requireSubject(author);
        Bytes newKey = rotation.newKey();
        if (policy.isRoleKey(newKey)) {
            throw new EntryRejectedException(RejectionReason.RESERVED_KEY, "");
        }
        if (subjectOfActiveKey.containsKey(newKey) || retiredKeys.contains(newKey)) {
            throw new EntryRejectedException(RejectionReason.KEY_IN_USE, "");
        }
        Ed25519PublicKey accepting;
        try {
            accepting = Ed25519PublicKey.fromBytes(newKey.toArray());
        } catch (InvalidKeyException e) {
            throw new EntryRejectedException(RejectionReason.INVALID_AUTHOR_KEY, "new key: " + e.reason().name());
        }
        Signed<KeyRotation.Acceptance> acceptance =
                new Signed<>(new KeyRotation.Acceptance(author, newKey), rotation.acceptanceSignature());
        if (!acceptance.verifies(policy.origin(), accepting)) {
            throw new EntryRejectedException(RejectionReason.BAD_ROTATION_ACCEPTANCE, "");
        }
    }

    private void checkBinding(Bytes author, IdentifierBinding binding) throws EntryRejectedException {
        if (!policy.verifierKeys().contains(author)) {
            throw new EntryRejectedException(RejectionReason.NOT_A_VERIFIER, "");
        }
        Bytes subject = subjectOfActiveKey.get(binding.subjectKey());
        if (subject == null) {
            throw new EntryRejectedException(RejectionReason.UNKNOWN_SUBJECT, "binding names an unregistered key");
        }
        Bytes owner = subjectOfCommitment.get(binding.commitment());
        if (owner != null) {
            throw new EntryRejectedException(owner.equals(subject)
                    ? RejectionReason.ALREADY_BOUND : RejectionReason.IDENTIFIER_BOUND_ELSEWHERE, "");
        }
    }

    private void checkGrant(Bytes author, Grant grant, long nowMillis) throws EntryRejectedException {
        Bytes subject = requireSubject(author);
        for (Bytes commitment : grant.commitments()) {
            if (!subject.equals(subjectOfCommitment.get(commitment))) {
                throw new EntryRejectedException(RejectionReason.IDENTIFIER_NOT_BOUND, "commitment " + commitment.hex());
            }
        }
        for (String purpose : grant.purposes()) {
            if (!Purpose.isKnown(grant.vocabularyVersion(), purpose)) {
                throw new EntryRejectedException(RejectionReason.UNKNOWN_PURPOSE, purpose);
            }
        }
        if (nowMillis >= 0 && grant.notAfterMillis() <= nowMillis) {
            throw new EntryRejectedException(RejectionReason.GRANT_EXPIRED, "");
        }
    }

    private void checkRevocation(Bytes author, Revocation revocation) throws EntryRejectedException {
        Bytes subject = requireSubject(author);
        GrantStatus status = grants.get(revocation.grantId());
        if (status == null) {
            throw new EntryRejectedException(RejectionReason.UNKNOWN_GRANT, revocation.grantId().hex());
        }
        if (!status.subjectId().equals(subject)) {
            throw new EntryRejectedException(RejectionReason.NOT_GRANT_OWNER, "");
        }
        if (status.revokedAtIndex() >= 0) {
            throw new EntryRejectedException(RejectionReason.ALREADY_REVOKED, "");
        }
    }

    private void checkRewardRoot(Bytes author, RewardRoot root) throws EntryRejectedException {
        if (!policy.coordinatorKeys().contains(author)) {
            throw new EntryRejectedException(RejectionReason.NOT_A_COORDINATOR, "");
        }
        Long last = lastRewardEpoch.get(author);
        if (last != null && root.epoch() <= last) {
            throw new EntryRejectedException(RejectionReason.EPOCH_NOT_INCREASING, "epoch " + root.epoch() + " after " + last);
        }
    }

    private Bytes requireSubject(Bytes key) throws EntryRejectedException {
        Bytes subject = subjectOfActiveKey.get(key);
        if (subject == null) {
            throw new EntryRejectedException(retiredKeys.contains(key) ? RejectionReason.KEY_RETIRED : RejectionReason.UNKNOWN_SUBJECT, "");
        }
        return subject;
    }

    /** Records {@code entry}, which {@link #check} accepted in the current state, as log entry {@link #size()}. */
    public synchronized void apply(ValidatedEntry entry) {
        long index = size;
        Bytes author = entry.author();
        usedNonces.add(nonceKey(entry.signed().record()));
        LedgerPayload payload = entry.payload();
        if (payload instanceof KeyRegistration) {
            subjectOfActiveKey.put(author, author);
            currentKeyOfSubject.put(author, author);
        } else if (payload instanceof KeyRotation rotation) {
            Bytes subject = subjectOfActiveKey.remove(author);
            retiredKeys.add(author);
            subjectOfActiveKey.put(rotation.newKey(), subject);
            currentKeyOfSubject.put(subject, rotation.newKey());
        } else if (payload instanceof IdentifierBinding binding) {
            Bytes subject = subjectOfActiveKey.get(binding.subjectKey());
            subjectOfCommitment.put(binding.commitment(), subject);
            bindingsOfSubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(binding);
        } else if (payload instanceof Grant grant) {
            Bytes subject = subjectOfActiveKey.get(author);
            grants.put(entry.leafHash(), new GrantStatus(entry.leafHash(), subject, grant, index, -1, null));
            grantsOfSubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(entry.leafHash());
        } else if (payload instanceof Revocation revocation) {
            grants.computeIfPresent(revocation.grantId(), (id, status) -> status.revoke(index, entry.leafHash()));
        } else if (payload instanceof RewardRoot root) {
            lastRewardEpoch.put(author, root.epoch());
        }
        size = index + 1;
    }

    /**
     * The whole state in a canonical encoding, for a start-up snapshot. Maps that are functions of others
     * (a subject's current key, a commitment's subject, a subject's grants) are derived on decoding.
     */
    public synchronized byte[] encodeSnapshot() {
        CanonicalWriter w = new CanonicalWriter(64 + usedNonces.size() * 48 + grants.size() * 256);
        w.u8(SNAPSHOT_VERSION).i64(size);
        w.list(List.copyOf(subjectOfActiveKey.entrySet()), (out, e) -> out.fixed(e.getKey()).fixed(e.getValue()));
        w.list(List.copyOf(retiredKeys), CanonicalWriter::fixed);
        w.list(List.copyOf(bindingsOfSubject.entrySet()), (out, e) -> out.fixed(e.getKey())
                .list(e.getValue(), (o, binding) -> o.bytes(binding.encode())));
        w.list(List.copyOf(grants.values()), (out, g) -> {
            out.fixed(g.grantId()).fixed(g.subjectId()).bytes(g.grant().encode()).i64(g.index()).i64(g.revokedAtIndex());
            out.bool(g.revocationLeafHash() != null);
            if (g.revocationLeafHash() != null) {
                out.fixed(g.revocationLeafHash());
            }
        });
        w.list(List.copyOf(lastRewardEpoch.entrySet()), (out, e) -> out.fixed(e.getKey()).i64(e.getValue()));
        w.list(List.copyOf(usedNonces), CanonicalWriter::fixed);
        return w.toByteArray();
    }

    /** The state {@link #encodeSnapshot} wrote; a malformed or inconsistent snapshot is a {@link MalformedRecordException}. */
    public static LedgerState decodeSnapshot(LedgerPolicy policy, byte[] data) throws MalformedRecordException {
        CanonicalReader r = new CanonicalReader(data);
        if (r.u8("snapshot.version") != SNAPSHOT_VERSION) {
            throw new MalformedRecordException("snapshot: unknown version");
        }
        LedgerState state = new LedgerState(policy);
        state.size = r.nonNegativeI64("snapshot.size");
        int max = Integer.MAX_VALUE;
        for (var pair : r.list("activeKeys", max, (in, f) -> List.of(in.fixed(f, 32), in.fixed(f, 32)))) {
            state.subjectOfActiveKey.put(pair.get(0), pair.get(1));
            if (state.currentKeyOfSubject.put(pair.get(1), pair.get(0)) != null) {
                throw new MalformedRecordException("snapshot: a subject has two current keys");
            }
        }
        state.retiredKeys.addAll(r.list("retiredKeys", max, (in, f) -> in.fixed(f, 32)));
        for (var pair : r.list("bindings", max, (in, f) -> Map.entry(in.fixed(f, 32),
                in.list(f + ".bindings", max, (b, g) -> IdentifierBinding.decode(b.bytes(g, LedgerEntry.MAX_PAYLOAD).toArray()))))) {
            state.bindingsOfSubject.put(pair.getKey(), new ArrayList<>(pair.getValue()));
            for (IdentifierBinding binding : pair.getValue()) {
                state.subjectOfCommitment.put(binding.commitment(), pair.getKey());
            }
        }
        List<GrantStatus> grants = r.list("grants", max, (in, f) -> {
            Bytes id = in.fixed(f, 32);
            Bytes subject = in.fixed(f, 32);
            Grant grant = Grant.decode(in.bytes(f, LedgerEntry.MAX_PAYLOAD).toArray());
            long index = in.nonNegativeI64(f);
            long revokedAt = in.i64(f);
            Bytes revocation = in.bool(f) ? in.fixed(f, 32) : null;
            return new GrantStatus(id, subject, grant, index, revokedAt, revocation);
        });
        grants.stream().sorted(java.util.Comparator.comparingLong(GrantStatus::index)).forEach(g -> {
            state.grants.put(g.grantId(), g);
            state.grantsOfSubject.computeIfAbsent(g.subjectId(), s -> new ArrayList<>()).add(g.grantId());
        });
        for (var pair : r.list("rewardEpochs", max, (in, f) -> Map.entry(in.fixed(f, 32), in.i64(f)))) {
            state.lastRewardEpoch.put(pair.getKey(), pair.getValue());
        }
        state.usedNonces.addAll(r.list("nonces", max, (in, f) -> in.fixed(f, 48)));
        r.finish("snapshot");
        if (state.usedNonces.size() != state.size) {
            throw new MalformedRecordException("snapshot: " + state.usedNonces.size() + " nonces for " + state.size + " entries");
        }
        return state;
    }

    private static Bytes nonceKey(LedgerEntry entry) {
        byte[] key = new byte[48];
        System.arraycopy(entry.authorKey().toArray(), 0, key, 0, 32);
        System.arraycopy(entry.nonce().toArray(), 0, key, 32, 16);
        return Bytes.of(key);
    }

    /** The subject id (its first key) whose current or retired key is {@code key}; {@code null} if none is current. */
    public synchronized Bytes subjectOfKey(Bytes key) {
        return subjectOfActiveKey.get(key);
    }

    public synchronized Bytes currentKey(Bytes subjectId) {
        return currentKeyOfSubject.get(subjectId);
    }

    public synchronized Bytes subjectOfCommitment(Bytes commitment) {
        return subjectOfCommitment.get(commitment);
    }

    public synchronized GrantStatus grant(Bytes grantId) {
        return grants.get(grantId);
    }

    public synchronized List<GrantStatus> grantsOfSubject(Bytes subjectId) {
        List<GrantStatus> out = new ArrayList<>();
        for (Bytes id : grantsOfSubject.getOrDefault(subjectId, List.of())) {
            out.add(grants.get(id));
        }
        return Collections.unmodifiableList(out);
    }

    /** The identifier bindings of a subject, oldest first (commitments only). */
    public synchronized List<IdentifierBinding> bindingsOfSubject(Bytes subjectId) {
        return List.copyOf(bindingsOfSubject.getOrDefault(subjectId, List.of()));
    }

    public synchronized Collection<GrantStatus> allGrants() {
        return List.copyOf(grants.values());
    }
}
