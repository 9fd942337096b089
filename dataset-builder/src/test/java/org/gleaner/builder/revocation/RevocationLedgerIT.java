package org.gleaner.builder.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gleaner.builder.build.BuildLimits;
import org.gleaner.builder.build.BuildResult;
import org.gleaner.builder.build.DatasetBuilder;
import org.gleaner.builder.build.DatasetBuilderConfig;
import org.gleaner.builder.consent.ledger.ConsentSnapshot;
import org.gleaner.builder.consent.ledger.LedgerConsentSource;
import org.gleaner.builder.extract.MainTextExtractor;
import org.gleaner.builder.language.LanguageIdentifier;
import org.gleaner.builder.manifest.DatasetManifest;
import org.gleaner.builder.manifest.ManifestFile;
import org.gleaner.builder.manifest.ManifestSettings;
import org.gleaner.builder.manifest.ManifestVerifier;
import org.gleaner.builder.pii.PrivacySettings;
import org.gleaner.builder.testing.PagesTopicWriter;
import org.gleaner.builder.testing.TestPages;
import org.gleaner.builder.version.SupersededMarker;
import org.gleaner.kafka.embedded.EmbeddedKafkaBroker;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.protocol.note.NoteSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builder against a real consent ledger service and a real broker: a build decides identifiers as of one
 * verified checkpoint and names it; a revocation appended to the ledger reaches the published data as a signed
 * delta and a compacted version that rewrites only the affected part files.
 */
public class RevocationLedgerIT {
    private static final String PAGES = "gleaner.pages";
    private static final int PARTS = 8;
    private final TestPages pages = new TestPages();

    @TempDir
    Path dir;

    @Test
    void buildAsOfACheckpointThenRevocationPublishesDeltaAndCompactedVersion() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build()) {
            kafka.start();
            kafka.createTopic(PAGES, 2);
            try (LedgerFixture fixture = new LedgerFixture(dir.resolve("ledger"), kafka.bootstrapServers());
                    LedgerConsentSource consent = fixture.consentSource()) {
                LedgerFixture.Subject alice = fixture.subject("alice@people.example");
                LedgerFixture.Subject bob = fixture.subject("bob@people.example");
                String aliceGrant = alice.grant("train-ai");
                bob.grant("search"); // a grant, but not for this dataset's purpose

                produce(kafka.bootstrapServers(), alice.email, bob.email);
                ConsentSnapshot asOf = consent.snapshot(Duration.ofSeconds(60));
                assertThat(asOf.treeSize()).isEqualTo(fixture.ledger.log().size());

                NoteSigner signer = NoteSigner.of("builder.test", Ed25519KeyPair.generate());
                Path root = dir.resolve("datasets");
                DatasetBuilderConfig config = DatasetBuilderConfig.of(root, "people", "1").withParts(PARTS)
                        .withPrivacy(asOf.privacy(PrivacySettings.DEFAULTS, fixture.commitments()));
                BuildResult result = new DatasetBuilder(config, new MainTextExtractor(), LanguageIdentifier.NONE)
                        .withManifest(asOf.manifest(ManifestSettings.signedBy(signer)))
                        .build(kafka.bootstrapServers(), PAGES, BuildLimits.untilCaughtUp(Duration.ofSeconds(30)));
                assertThat(result.rows()).isEqualTo(40);
                assertThat(result.files()).hasSizeGreaterThan(1);

                Path v1 = config.versionDir();
                DatasetManifest manifest = new ManifestVerifier(signer.verifier()).verify(v1);
                assertThat(manifest.checkpoint()).isEqualTo(asOf.manifestCheckpoint());
                assertThat(manifest.checkpoint().origin()).isEqualTo(LedgerFixture.ORIGIN);
                assertThat(manifest.checkpoint().rootHash()).isEqualTo(
                        java.util.HexFormat.of().formatHex(fixture.ledger.log().rootHash(asOf.treeSize())));
                assertThat(manifest.consentBasis()).isEqualTo(ConsentSnapshot.LEDGER_BASIS);

                Map<String, List<String>> grantsOfAliceRows = rowsMentioning(v1, alice.email);
                assertThat(grantsOfAliceRows).hasSize(3).allSatisfy((id, grants) -> assertThat(grants).containsExactly(aliceGrant));
                assertThat(rowsMentioning(v1, bob.email)).as("bob licensed search, not train-ai: redacted").isEmpty();
                assertThat(rowsMentioning(v1, "<EMAIL_ADDRESS>")).hasSize(2);

                // The revocation: from the ledger append to a published delta and compacted version.
                RevocationProcessor processor = new RevocationProcessor(root.resolve("people"), signer);
                RevocationFollower follower = new RevocationFollower(consent, List.of(processor), Duration.ofSeconds(60));
                assertThat(follower.checkOnce()).as("nothing revoked yet").isEmpty();
                long start = System.nanoTime();
                alice.revoke(aliceGrant);
                List<RevocationOutcome> published = List.of();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (published.isEmpty() && System.nanoTime() < deadline) {
                    published = follower.checkOnce(); // the ledger checkpoints the revocation just after appending it
                }
                long elapsedMs = (System.nanoTime() - start) / 1_000_000;
                assertThat(published).hasSize(1);
                RevocationOutcome outcome = published.get(0);
                ConsentSnapshot after = consent.snapshot(Duration.ofSeconds(60));
                System.out.printf("revocation to delta + compacted version published: %d ms (%d rows removed, %d of %d files rewritten)%n",
                        elapsedMs, outcome.delta().removedRows(), outcome.compactions().get(0).filesRewritten(),
                        manifest.dataFiles().size());

                assertThat(outcome.published()).isTrue();
                DeletionDelta delta = new DeltaVerifier(signer.verifier()).verify(outcome.deltaFile());
                assertThat(delta.revokedGrantIds()).containsExactly(aliceGrant);
                assertThat(delta.checkpoint()).isEqualTo(after.manifestCheckpoint());
                assertThat(delta.versions()).singleElement().satisfies(v -> {
                    assertThat(v.version()).isEqualTo("1");
                    assertThat(v.compactedVersion()).isEqualTo("1-d000001");
                    assertThat(v.files().stream().flatMap(f -> f.removedRowIds().stream()))
                            .containsExactlyInAnyOrderElementsOf(grantsOfAliceRows.keySet());
                });

                Path v2 = root.resolve("people").resolve("v1-d000001");
                DatasetManifest compacted = new ManifestVerifier(signer.verifier()).verify(v2);
                assertThat(compacted.supersedes()).isEqualTo("1");
                assertThat(compacted.checkpoint()).isEqualTo(after.manifestCheckpoint());
                assertThat(compacted.rows()).isEqualTo(37);
                assertThat(rowsMentioning(v2, alice.email)).isEmpty();
                var rewritten = delta.versions().get(0).files().stream().map(DeletionDelta.AffectedFile::path).toList();
                for (ManifestFile f : manifest.dataFiles()) {
                    ManifestFile now = compacted.dataFiles().stream().filter(c -> c.path().equals(f.path())).findFirst().orElseThrow();
                    if (rewritten.contains(f.path())) {
                        assertThat(now.sha256()).isNotEqualTo(f.sha256());
                    } else {
                        assertThat(now.sha256()).as("unaffected %s carried byte-identical", f.path()).isEqualTo(f.sha256());
                    }
                }
                assertThat(rewritten.size()).isLessThan(manifest.dataFiles().size());
                assertThat(SupersededMarker.read(v1)).isEqualTo(new SupersededMarker("people", "1", "1-d000001", "deltas/delta-000001.json"));

                // Again as of the same ledger: nothing left to delete, no second delta.
                assertThat(processor.process(consent.revokedBefore(after.verified()), after.manifestCheckpoint()).published()).isFalse();

                // The ledger grows without a revocation: the follower does not scan the published data again.
                long passes = follower.passes();
                LedgerFixture.Subject carol = fixture.subject("carol@people.example");
                long grown = fixture.ledger.log().size();
                while (follower.handledSize() < grown && System.nanoTime() < deadline + Duration.ofSeconds(60).toNanos()) {
                    assertThat(follower.checkOnce()).isEmpty();
                }
                assertThat(follower.handledSize()).isGreaterThanOrEqualTo(grown);
                assertThat(follower.passes()).isEqualTo(passes);
                // A new revocation is scanned for again.
                carol.revoke(carol.grant("train-ai"));
                long revokedAt = fixture.ledger.log().size();
                while (follower.handledSize() < revokedAt && System.nanoTime() < deadline + Duration.ofSeconds(120).toNanos()) {
                    assertThat(follower.checkOnce()).as("carol has no rows: no delta").isEmpty();
                }
                assertThat(follower.passes()).isEqualTo(passes + 1);
            }
        }
    }

    private void produce(String bootstrap, String aliceEmail, String bobEmail) throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String contact = i < 3 ? " Write to " + aliceEmail + " for the notes." : i < 5 ? " Write to " + bobEmail + " for the notes." : "";
            texts.add(PeopleText.paragraph(i) + contact);
        }
        try (PagesTopicWriter topic = new PagesTopicWriter(bootstrap, PAGES, pages)) {
            for (int i = 0; i < texts.size(); i++) {
                topic.send("https://people.example/p/" + i, "Page " + i, texts.get(i));
            }
        }
    }

    /** Row id → consent_grant_ids of the rows whose text contains {@code needle}, read with DuckDB. */
    public static Map<String, List<String>> rowsMentioning(Path versionDir, String needle) throws Exception {
        Map<String, List<String>> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, array_to_string(consent_grant_ids, ',') FROM read_parquet('"
                        + versionDir.resolve("*.parquet") + "') WHERE contains(text, '" + needle.replace("'", "''") + "')")) {
            while (rs.next()) {
                String grants = rs.getString(2);
                out.put(rs.getString(1), grants == null || grants.isEmpty() ? List.of() : List.of(grants.split(",")));
            }
        }
        return out;
    }
}
