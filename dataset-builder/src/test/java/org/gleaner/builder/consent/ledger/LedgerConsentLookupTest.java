package org.gleaner.builder.consent.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.gleaner.builder.consent.ConsentLookup;
import org.gleaner.builder.consent.ConsentLookup.Checkpoint;
import org.gleaner.builder.consent.ConsentLookup.Decision;
import org.gleaner.ledger.entry.EntrySigner;
import org.gleaner.ledger.log.LedgerLog;
import org.gleaner.ledger.log.Sequencer;
import org.gleaner.ledger.state.LedgerPolicy;
import org.gleaner.ledger.view.CheckpointMismatchException;
import org.gleaner.ledger.view.ConsentView;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.ledger.Grant;
import org.gleaner.protocol.ledger.IdentifierBinding;
import org.gleaner.protocol.ledger.IdentifierKind;
import org.gleaner.protocol.ledger.KeyRegistration;
import org.gleaner.protocol.ledger.Licence;
import org.gleaner.protocol.ledger.Revocation;
import org.gleaner.protocol.note.NoteSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real ledger (signed entries, durable log, signed checkpoints) answered through the builder's interface. */
class LedgerConsentLookupTest {
    private static final String ORIGIN = "builder.test.gleaner/consent";
    private static final long NOW = 1_790_000_000_000L;
    private static final long DAY = 86_400_000L;

    private final Ed25519KeyPair verifierKey = Ed25519KeyPair.generate();
    private final Ed25519KeyPair aliceKey = Ed25519KeyPair.generate();
    private final EntrySigner verifier = new EntrySigner(verifierKey, ORIGIN);
    private final EntrySigner alice = new EntrySigner(aliceKey, ORIGIN);
    private final LedgerPolicy policy = new LedgerPolicy(ORIGIN, Set.of(key(verifierKey)), Set.of(), Duration.ofMinutes(5));
    private final Bytes email = commitment(1);
    private final Bytes domain = commitment(2);
    private NoteSigner noteSigner;
    private Sequencer sequencer;
    private ConsentView view;
    private LedgerConsentLookup lookup;

    @TempDir
    Path dir;

    @BeforeEach
    void openLedger() throws Exception {
        noteSigner = NoteSigner.of(ORIGIN, Ed25519KeyPair.generate());
        sequencer = new Sequencer(LedgerLog.open(dir, policy, noteSigner), Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC),
                1000, Duration.ofHours(1), 64);
        view = new ConsentView(policy, noteSigner.verifier());
        lookup = new LedgerConsentLookup(view);
    }

    @AfterEach
    void closeLedger() throws Exception {
        sequencer.close();
        sequencer.log().close();
    }

    @Test
    void answersAsOfEachCheckpointBeforeAndAfterARevocation() throws Exception {
        sequencer.append(alice.sign(new KeyRegistration(), NOW));
        sequencer.append(bind(email));
        sequencer.append(bind(domain));
        String trainingGrant = sequencer.append(alice.sign(grant(List.of(email, domain), List.of(), "train-ai"), NOW)).leafHash().hex();
        String searchGrant = sequencer.append(alice.sign(grant(List.of(domain), List.of(), "search"), NOW)).leafHash().hex();
        sequencer.append(alice.sign(grant(List.of(email), List.of("host:blog.example"), "ai-use"), NOW));
        Checkpoint granted = addCheckpoint(NOW);

        sequencer.append(alice.sign(new Revocation(Bytes.fromHex(trainingGrant)), NOW));
        Checkpoint revoked = addCheckpoint(NOW + DAY);

        assertThat(lookup.decide(email.hex(), "train-genai", granted).grantIds()).containsExactly(trainingGrant);
        assertThat(lookup.decide(domain.hex(), "train-ai", granted).grantIds()).containsExactly(trainingGrant);
        assertThat(lookup.decide(domain.hex(), "search", granted).grantIds()).containsExactly(searchGrant);
        assertThat(lookup.decide(email.hex(), "search", granted).licensed()).isFalse();
        assertThat(lookup.decide(email.hex(), "ai-use", granted).licensed()).as("a scoped grant never counts without a source")
                .isFalse();
        assertThat(lookup.decide(commitment(3).hex(), "train-ai", granted)).isEqualTo(Decision.notLicensed());
        assertThat(lookup.decide(email.hex(), "no-such-purpose", granted)).isEqualTo(Decision.notLicensed());

        assertThat(lookup.decide(email.hex(), "train-ai", revoked).licensed()).isFalse();
        assertThat(lookup.decide(domain.hex(), "train-ai", revoked).licensed()).isFalse();
        assertThat(lookup.decide(domain.hex(), "search", revoked).grantIds()).containsExactly(searchGrant);
        assertThat(lookup.decide(email.hex(), "train-ai", granted).grantIds()).as("the earlier checkpoint still answers as of itself")
                .containsExactly(trainingGrant);
    }

    @Test
    void judgesValidityAtTheCheckpointsTime() throws Exception {
        sequencer.append(alice.sign(new KeyRegistration(), NOW));
        sequencer.append(bind(email));
        sequencer.append(alice.sign(grant(List.of(email), List.of(), "train-ai"), NOW));
        byte[] note = sequencer.checkpointNow();
        catchUp();
        Checkpoint named = lookup.addCheckpoint(note, NOW + 400 * DAY);
        assertThat(lookup.decide(email.hex(), "train-ai", named).licensed()).as("the grant ran out a year after NOW").isFalse();
        assertThatThrownBy(() -> lookup.addCheckpoint(note, NOW)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one checkpoint has one time");
    }

    @Test
    void refusesCheckpointsItHasNotVerifiedAndForgedNotes() throws Exception {
        sequencer.append(alice.sign(new KeyRegistration(), NOW));
        Checkpoint real = addCheckpoint(NOW);
        Checkpoint unknown = new Checkpoint(real.treeSize(), "00".repeat(32));
        assertThatThrownBy(() -> lookup.decide(email.hex(), "train-ai", unknown)).isInstanceOf(ConsentLookup.UnknownCheckpointException.class);
        assertThatThrownBy(() -> lookup.decide("not-hex", "train-ai", real)).isInstanceOf(IllegalArgumentException.class);

        NoteSigner impostor = NoteSigner.of(ORIGIN, Ed25519KeyPair.generate());
        byte[] forged = new org.gleaner.protocol.note.Checkpoint(ORIGIN, 1, view.verify(sequencer.checkpointNow()).rootHash()).sign(impostor);
        assertThatThrownBy(() -> lookup.addCheckpoint(forged, NOW)).isInstanceOf(CheckpointMismatchException.class);

        sequencer.append(bind(email));
        byte[] ahead = sequencer.checkpointNow();
        assertThatThrownBy(() -> lookup.addCheckpoint(ahead, NOW)).isInstanceOf(CheckpointMismatchException.class)
                .hasMessageContaining("ahead");
    }

    private Checkpoint addCheckpoint(long timeMillis) throws Exception {
        byte[] note = sequencer.checkpointNow();
        catchUp();
        return lookup.addCheckpoint(note, timeMillis);
    }

    private void catchUp() throws Exception {
        for (long i = view.size(); i < sequencer.log().size(); i++) {
            view.append(sequencer.log().entry(i));
        }
    }

    private org.gleaner.protocol.codec.Signed<org.gleaner.protocol.ledger.LedgerEntry> bind(Bytes commitment) {
        return verifier.sign(new IdentifierBinding(IdentifierKind.EMAIL, commitment, key(aliceKey), "email-otp"), NOW);
    }

    private static Grant grant(List<Bytes> commitments, List<String> scope, String purpose) {
        return new Grant(commitments, 1, List.of(purpose), Licence.spdx("CC-BY-4.0"), scope, 250, NOW - DAY, NOW + 365 * DAY);
    }

    private static Bytes key(Ed25519KeyPair pair) {
        return Bytes.of(pair.publicKey().bytes());
    }

    private static Bytes commitment(int n) {
        byte[] c = new byte[32];
        c[0] = (byte) n;
        c[31] = 7;
        return Bytes.of(c);
    }
}
