package org.gleaner.builder.consent.ledger;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gleaner.builder.consent.ConsentLookup;
import org.gleaner.builder.manifest.LedgerCheckpoint;
import org.gleaner.ledger.state.LedgerPolicy;
import org.gleaner.ledger.view.CheckpointMismatchException;
import org.gleaner.ledger.view.ConsentView;
import org.gleaner.ledger.view.GrantEvidence;
import org.gleaner.ledger.view.KafkaLedgerFollower;
import org.gleaner.ledger.view.LedgerFeedException;
import org.gleaner.ledger.view.VerifiedCheckpoint;
import org.gleaner.protocol.note.Checkpoint;
import org.gleaner.protocol.note.NoteVerifier;

/**
 * The builder's own copy of the consent ledger: a {@link ConsentView} fed from the ledger topic (every entry
 * verified as the sequencer did), and the signed checkpoints it builds as of. {@link #snapshot} takes the
 * ledger's latest checkpoint, follows the topic until the view holds it, verifies the note's signature and root
 * against the view, and returns a {@link ConsentSnapshot}; a build can therefore never name a checkpoint that
 * is not in the ledger's history. Thread-safe: every use of the view (following the topic, verifying a
 * checkpoint, answering a snapshot's lookup) holds this source's monitor, so a build deciding identifiers and the
 * revocation follower catching up may run on different threads.
 */
public final class LedgerConsentSource implements Closeable {
    private final ConsentView view;
    private final KafkaLedgerFollower follower;
    private final LedgerConsentLookup lookup;
    private final CheckpointSource checkpoints;
    private final Clock clock;
    private final Map<Long, Long> registeredAt = new java.util.HashMap<>();

    /**
     * @param policy      the ledger's origin, identity-verifier and coordinator keys: the view checks every entry
     *                    against them as the sequencer did
     * @param ledgerKey   the ledger's checkpoint key (C2SP verifier-key form), the trust anchor, configured out of band
     * @param checkpoints where the latest signed checkpoint comes from (checked against the view before use)
     * @param clock       names a checkpoint's time the first time it is used
     */
    public LedgerConsentSource(LedgerPolicy policy, NoteVerifier ledgerKey, String bootstrapServers, String ledgerTopic,
            Map<String, Object> kafkaConfig, CheckpointSource checkpoints, Clock clock) {
        this.view = new ConsentView(policy, ledgerKey);
        this.lookup = new LedgerConsentLookup(view);
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.follower = new KafkaLedgerFollower(view, bootstrapServers, ledgerTopic, kafkaConfig);
    }

    /** Entries the view holds. */
    public synchronized long viewSize() {
        return view.size();
    }

    /** Appends what the topic has now; returns how many entries arrived. */
    public synchronized int poll(Duration timeout) throws LedgerFeedException {
        return follower.poll(timeout);
    }

    /**
     * The ledger's latest checkpoint, verified against the view after following the topic up to it.
     *
     * @throws ConsentSourceException the checkpoint cannot be fetched, the topic does not reach it within
     *                                {@code timeout}, the feed is forged or the checkpoint does not verify
     */
    public synchronized ConsentSnapshot snapshot(Duration timeout) throws ConsentSourceException {
        byte[] note;
        try {
            note = checkpoints.latestCheckpoint();
        } catch (IOException e) {
            throw new ConsentSourceException("the ledger's latest checkpoint cannot be fetched: " + e.getMessage(), e);
        }
        long size = sizeOf(note);
        try {
            if (!follower.catchUpTo(size, timeout)) {
                throw new ConsentSourceException("the ledger topic did not reach checkpoint size " + size + " within "
                        + timeout.toSeconds() + " s (view holds " + view.size() + ")", null);
            }
            // One checkpoint, one time: the first time it was used (so an auditor gets the same answers).
            long at = registeredAt.computeIfAbsent(size, s -> clock.millis());
            ConsentLookup.Checkpoint named = lookup.addCheckpoint(note, at);
            VerifiedCheckpoint verified = view.verify(note);
            if (registeredAt.size() > 1_000) {
                registeredAt.keySet().removeIf(s -> s < size);
            }
            return new ConsentSnapshot(this::decide, named,
                    new LedgerCheckpoint(verified.checkpoint().origin(), verified.size(), HexFormat.of().formatHex(verified.rootHash())),
                    verified, at);
        } catch (LedgerFeedException | CheckpointMismatchException e) {
            throw new ConsentSourceException("consent ledger refused: " + e.getMessage(), e);
        }
    }

    /** The snapshot's lookup: the view answers under this source's monitor, never while it is being fed. */
    private synchronized ConsentLookup.Decision decide(String commitment, String purpose, ConsentLookup.Checkpoint checkpoint)
            throws ConsentLookup.UnknownCheckpointException {
        return lookup.decide(commitment, purpose, checkpoint);
    }

    /** Grant ids (hex) revoked by entries in {@code [from.size, to.size)}, in ledger order. */
    public synchronized List<String> revokedBetween(VerifiedCheckpoint from, VerifiedCheckpoint to) {
        return view.revokedBetween(from, to).stream().map(GrantEvidence::grantId).map(b -> b.hex()).toList();
    }

    /**
     * Grant ids revoked by any entry before {@code to}. Revocations are terminal, so this set only grows; the
     * revocation processor uses it after a restart, when it has no earlier checkpoint of its own. The lower bound
     * is the empty tree, which needs no signature: {@link ConsentView#revokedBetween} reads only its size.
     */
    public synchronized List<String> revokedBefore(VerifiedCheckpoint to) {
        VerifiedCheckpoint empty = new VerifiedCheckpoint(new Checkpoint(to.checkpoint().origin(), 0, new byte[32]), new byte[0]);
        return revokedBetween(empty, to);
    }

    private static long sizeOf(byte[] note) throws ConsentSourceException {
        try {
            String text = new String(note, java.nio.charset.StandardCharsets.UTF_8);
            int end = text.indexOf("\n\n");
            return Checkpoint.parse(end < 0 ? text : text.substring(0, end + 1)).size();
        } catch (RuntimeException | org.gleaner.protocol.note.MalformedCheckpointException e) {
            throw new ConsentSourceException("the ledger's checkpoint is not a checkpoint note: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        follower.close();
    }

    /** The consent ledger cannot give the builder a verified checkpoint: no build or delta may proceed. */
    public static final class ConsentSourceException extends Exception {
        private static final long serialVersionUID = 1L;

        public ConsentSourceException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
