package org.gleaner.builder.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.gleaner.builder.extract.MainTextExtractor;
import org.gleaner.builder.manifest.DatasetManifest;
import org.gleaner.builder.manifest.ManifestVerifier;
import org.gleaner.builder.revocation.DeletionDelta;
import org.gleaner.builder.revocation.DeltaVerifier;
import org.gleaner.builder.revocation.LedgerFixture;
import org.gleaner.builder.revocation.RevocationLedgerIT;
import org.gleaner.builder.version.SupersededMarker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long-running builder against a real broker and a real ledger: it builds a version once enough pages wait,
 * as of the ledger's checkpoint; a revocation reaches that version as a delta and a compacted version; the next
 * build no longer keeps the revoked subject's address.
 */
class BuilderServiceIT {
    @TempDir
    Path dir;

    @Test
    void buildsByBacklogAndPublishesDeltasOnRevocation() throws Exception {
        try (BuilderServiceFixture fixture = BuilderServiceFixture.start(dir)) {
            LedgerFixture.Subject alice = fixture.ledger.subject("alice@people.example");
            String grant = alice.grant("train-ai");
            fixture.produce(0, 12, alice.email);

            ManifestVerifier manifests = new ManifestVerifier(fixture.signer.verifier());
            Path people = fixture.people();
            fixture.startService(new MainTextExtractor(), Duration.ofMinutes(5));
            fixture.awaitOrFail(() -> Files.exists(people.resolve("v1/manifest.json")));
            DatasetManifest v1 = manifests.verify(people.resolve("v1"));
            assertThat(v1.rows()).isEqualTo(12);
            assertThat(v1.checkpoint()).isNotNull();
            assertThat(RevocationLedgerIT.rowsMentioning(people.resolve("v1"), alice.email)).hasSize(2)
                    .allSatisfy((id, grants) -> assertThat(grants).containsExactly(grant));

            alice.revoke(grant);
            fixture.awaitOrFail(() -> Files.exists(people.resolve("v1/superseded.json")));
            DeletionDelta delta = new DeltaVerifier(fixture.signer.verifier()).verify(DeletionDelta.deltaPath(people, 1));
            assertThat(delta.revokedGrantIds()).containsExactly(grant);
            assertThat(SupersededMarker.read(people.resolve("v1")).supersededBy()).isEqualTo("1-d000001");
            assertThat(delta.format()).as("built under the redact policy: rows stay, re-redacted")
                    .isEqualTo(DeletionDelta.FORMAT_V2);
            assertThat(delta.redactedRows()).isEqualTo(2);
            assertThat(delta.removedRows()).isZero();
            assertThat(manifests.verify(people.resolve("v1-d000001")).rows()).isEqualTo(12);
            assertThat(RevocationLedgerIT.rowsMentioning(people.resolve("v1-d000001"), alice.email)).isEmpty();

            fixture.produce(100, 10, alice.email);
            fixture.awaitOrFail(() -> Files.exists(people.resolve("v2/manifest.json")));
            DatasetManifest v2 = manifests.verify(people.resolve("v2"));
            assertThat(v2.rows()).as("only the new pages: the group's position moved on").isEqualTo(10);
            assertThat(v2.checkpoint().treeSize()).isGreaterThan(v1.checkpoint().treeSize());
            assertThat(RevocationLedgerIT.rowsMentioning(people.resolve("v2"), alice.email)).as("revoked: redacted").isEmpty();

            fixture.stopService();
            assertThat(fixture.failure()).isNull();
            assertThat(fixture.log()).contains("published v1", "published deltas/delta-000001.json", "published v2");
        }
    }
}
