package org.gleaner.builder.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gleaner.builder.manifest.ManifestVerifier;
import org.gleaner.ledger.entry.EntrySigner;
import org.gleaner.ledger.log.LedgerLog;
import org.gleaner.ledger.log.Sequencer;
import org.gleaner.ledger.state.LedgerPolicy;
import org.gleaner.ledger.view.ConsentView;
import org.gleaner.ledger.view.VerifiedCheckpoint;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.ledger.Grant;
import org.gleaner.protocol.ledger.IdentifierBinding;
import org.gleaner.protocol.ledger.IdentifierKind;
import org.gleaner.protocol.ledger.KeyRegistration;
import org.gleaner.protocol.ledger.Licence;
import org.gleaner.protocol.ledger.Revocation;
import org.gleaner.protocol.note.NoteSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The devnet's entry point: a caller's own consent view and two checkpoints in, the delta and versions out. */
class RevocationFromViewTest {
    private static final String ORIGIN = "view.test/consent";

    @TempDir
    Path dir;

    @Test
    void revocationsBetweenTwoCheckpointsOfAViewArePublished() throws Exception {
        long now = System.currentTimeMillis();
        Ed25519KeyPair verifierKey = Ed25519KeyPair.generate();
        Ed25519KeyPair aliceKey = Ed25519KeyPair.generate();
        EntrySigner alice = new EntrySigner(aliceKey, ORIGIN);
        LedgerPolicy policy = new LedgerPolicy(ORIGIN, Set.of(Bytes.of(verifierKey.publicKey().bytes())), Set.of(), Duration.ofMinutes(5));
        NoteSigner ledgerKey = NoteSigner.of(ORIGIN, Ed25519KeyPair.generate());
        Sequencer sequencer = new Sequencer(LedgerLog.open(dir.resolve("ledger"), policy, ledgerKey), Clock.systemUTC(), 1000,
                Duration.ofHours(1), 64);
        try {
            Bytes commitment = Bytes.sha256(new byte[] {1});
            sequencer.append(alice.sign(new KeyRegistration(), now));
            sequencer.append(new EntrySigner(verifierKey, ORIGIN).sign(new IdentifierBinding(IdentifierKind.EMAIL, commitment,
                    Bytes.of(aliceKey.publicKey().bytes()), "email-otp"), now));
            String grant = sequencer.append(alice.sign(new Grant(List.of(commitment), 1, List.of("train-ai"),
                    Licence.spdx("CC-BY-4.0"), List.of(), 250, now - 1000, now + 86_400_000L), now)).leafHash().hex();
            byte[] before = sequencer.checkpointNow();
            sequencer.append(alice.sign(new Revocation(Bytes.fromHex(grant)), now));
            byte[] after = sequencer.checkpointNow();
            ConsentView view = new ConsentView(policy, ledgerKey.verifier());
            for (long i = 0; i < sequencer.log().size(); i++) {
                view.append(sequencer.log().entry(i));
            }
            VerifiedCheckpoint from = view.verify(before);
            VerifiedCheckpoint to = view.verify(after);

            NoteSigner builderKey = NoteSigner.of("builder.test", Ed25519KeyPair.generate());
            Path dataset = dir.resolve("demo");
            PublishedDataset.publish(dataset.resolve("v1"), "demo", "1", 30, 4, Map.of(5, List.of(grant)), builderKey);
            RevocationProcessor processor = new RevocationProcessor(dataset, builderKey);

            assertThat(processor.process(view, from, from).published()).as("nothing revoked in an empty interval").isFalse();
            RevocationOutcome out = processor.process(view, from, to);
            assertThat(out.published()).isTrue();
            assertThat(out.delta().revokedGrantIds()).containsExactly(grant);
            assertThat(out.delta().checkpoint().treeSize()).isEqualTo(to.size());
            assertThat(out.compactions()).singleElement().satisfies(c -> {
                assertThat(c.rowsRemoved()).isEqualTo(1);
                assertThat(c.filesRewritten()).isEqualTo(1);
            });
            assertThat(new ManifestVerifier(builderKey.verifier()).verify(out.compactions().get(0).compactedDir()).rows()).isEqualTo(29);
        } finally {
            sequencer.close();
            sequencer.log().close();
        }
    }
}
