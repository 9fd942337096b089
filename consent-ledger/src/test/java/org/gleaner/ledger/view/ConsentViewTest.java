package org.gleaner.ledger.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gleaner.ledger.TestLedger.DAY;
import static org.gleaner.ledger.TestLedger.NOW;
import static org.gleaner.ledger.TestLedger.commitment;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.gleaner.ledger.TestLedger;
import org.gleaner.ledger.entry.EntrySigner;
import org.gleaner.ledger.log.LedgerLog;
import org.gleaner.ledger.log.Sequencer;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.ledger.Grant;
import org.gleaner.protocol.ledger.Licence;
import org.gleaner.protocol.merkle.InclusionVerifier;
import org.gleaner.protocol.note.NoteSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsentViewTest {
    private final TestLedger t = new TestLedger();
    private final Ed25519KeyPair aliceKey = Ed25519KeyPair.generate();
    private final EntrySigner alice = TestLedger.subject(aliceKey);
    @TempDir
    Path dir;
    private Sequencer sequencer;
    private ConsentView view;

    @BeforeEach
    void open() throws Exception {
        sequencer = new Sequencer(LedgerLog.open(dir, t.policy, t.noteSigner()),
                Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), 1000, Duration.ofHours(1), 256);
        view = new ConsentView(t.policy, t.noteSigner().verifier());
    }

    @AfterEach
    void close() throws Exception {
        sequencer.close();
        sequencer.log().close();
    }

    private void catchUp() throws Exception {
        for (long i = view.size(); i < sequencer.log().size(); i++) {
            view.append(sequencer.log().entry(i));
        }
    }

    private VerifiedCheckpoint checkpoint() throws Exception {
        byte[] note = sequencer.checkpointNow();
        catchUp();
        return view.verify(note);
    }

    @Test
    void answersAsOfACheckpointWithProofsAndSeesRevocationsBetweenCheckpoints() throws Exception {
        sequencer.append(TestLedger.register(alice));
        sequencer.append(t.bind(aliceKey, commitment(1)));
        sequencer.append(t.bind(aliceKey, commitment(2)));
        VerifiedCheckpoint beforeGrant = checkpoint();
        Bytes grantId = sequencer.append(alice.sign(TestLedger.grant(List.of(commitment(1), commitment(2)), "train-ai"), NOW)).leafHash();
        VerifiedCheckpoint granted = checkpoint();

        assertThat(view.licensed(commitment(1), "train-ai", beforeGrant, NOW, Set.of()).licensed()).isFalse();
        ConsentDecision decision = view.licensed(commitment(1), "train-genai", granted, NOW, Set.of());
        assertThat(decision.licensed()).isTrue();
        assertThat(decision.grantIds()).containsExactly(grantId);
        EntryEvidence proof = decision.licensing().get(0).grantEntry();
        InclusionVerifier.verify(proof.index(), granted.size(), proof.leafHash().toArray(), proof.inclusionProof(), granted.rootHash());
        assertThat(view.licensed(commitment(1), "search", granted, NOW, Set.of()).licensed()).isFalse();
        assertThat(view.licensed(commitment(3), "train-ai", granted, NOW, Set.of()).licensed()).isFalse();
        assertThat(view.licensed(commitment(1), "train-ai", granted, NOW + 400 * DAY, Set.of()).licensed()).isFalse();

        sequencer.append(TestLedger.revoke(alice, grantId));
        VerifiedCheckpoint revoked = checkpoint();
        ConsentDecision after = view.licensed(commitment(2), "train-ai", revoked, NOW, Set.of());
        assertThat(after.licensed()).isFalse();
        assertThat(after.revoked()).singleElement().satisfies(g -> assertThat(g.revocationEntry().index()).isEqualTo(4));
        // The old checkpoint still answers as of its own history.
        assertThat(view.licensed(commitment(2), "train-ai", granted, NOW, Set.of()).licensed()).isTrue();

        List<GrantEvidence> between = view.revokedBetween(granted, revoked);
        assertThat(between).extracting(GrantEvidence::grantId).containsExactly(grantId);
        EntryEvidence revocationProof = between.get(0).revocationEntry();
        InclusionVerifier.verify(revocationProof.index(), revoked.size(), revocationProof.leafHash().toArray(),
                revocationProof.inclusionProof(), revoked.rootHash());
        assertThat(view.revokedBetween(beforeGrant, granted)).isEmpty();
    }

    @Test
    void scopeLimitsWhereAGrantApplies() throws Exception {
        sequencer.append(TestLedger.register(alice));
        sequencer.append(t.bind(aliceKey, commitment(1)));
        sequencer.append(alice.sign(new Grant(List.of(commitment(1)), 1, List.of("train-ai"), Licence.spdx("CC-BY-4.0"),
                List.of("host:blog.example"), 100, NOW - DAY, NOW + DAY), NOW));
        VerifiedCheckpoint c = checkpoint();
        assertThat(view.licensed(commitment(1), "train-ai", c, NOW, Set.of("host:blog.example")).licensed()).isTrue();
        assertThat(view.licensed(commitment(1), "train-ai", c, NOW, Set.of("host:other.example")).licensed()).isFalse();
    }

    @Test
    void aTdmGrantCoversEveryKnownPurposeButNoUnknownOne() throws Exception {
        sequencer.append(TestLedger.register(alice));
        sequencer.append(t.bind(aliceKey, commitment(1)));
        sequencer.append(alice.sign(TestLedger.grant(List.of(commitment(1)), "tdm"), NOW));
        VerifiedCheckpoint c = checkpoint();
        for (String purpose : org.gleaner.protocol.ledger.Purpose.V1) {
            assertThat(view.licensed(commitment(1), purpose, c, NOW, Set.of()).licensed()).as(purpose).isTrue();
        }
        assertThat(view.licensed(commitment(1), "sell-to-brokers", c, NOW, Set.of()).licensed()).isFalse();
    }

    @Test
    void refusesForeignRewrittenOrFutureCheckpoints() throws Exception {
        sequencer.append(TestLedger.register(alice));
        byte[] note = sequencer.checkpointNow();
        assertThatThrownBy(() -> view.verify(note)).isInstanceOf(CheckpointMismatchException.class).hasMessageContaining("ahead");
        catchUp();
        view.verify(note);
        NoteSigner impostor = NoteSigner.of(TestLedger.ORIGIN, Ed25519KeyPair.generate());
        byte[] forged = new org.gleaner.protocol.note.Checkpoint(TestLedger.ORIGIN, 1, new byte[32]).sign(impostor);
        assertThatThrownBy(() -> view.verify(forged)).isInstanceOf(CheckpointMismatchException.class).hasMessageContaining("ledger key");
        byte[] wrongRoot = new org.gleaner.protocol.note.Checkpoint(TestLedger.ORIGIN, 1, new byte[32]).sign(t.noteSigner());
        assertThatThrownBy(() -> view.verify(wrongRoot)).isInstanceOf(CheckpointMismatchException.class).hasMessageContaining("rewritten");
    }

    @Test
    void refusesEntriesOutOfOrderOrForged() throws Exception {
        sequencer.append(TestLedger.register(alice));
        sequencer.append(t.bind(aliceKey, commitment(1)));
        byte[] binding = sequencer.log().entry(1);
        assertThatThrownBy(() -> view.append(binding)).hasMessageContaining("L113");
        byte[] tampered = sequencer.log().entry(0);
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> view.append(tampered)).hasMessageContaining("L102");
        assertThat(view.size()).isZero();
    }
}
