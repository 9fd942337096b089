package org.gleaner.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.gleaner.builder.manifest.DatasetManifest;
import org.gleaner.builder.manifest.ManifestVerifier;
import org.gleaner.builder.revocation.DeletionDelta;
import org.gleaner.builder.revocation.DeltaVerifier;
import org.gleaner.devnet.site.DemoContent;
import org.gleaner.devnet.site.DemoPerson;
import org.gleaner.devnet.subjects.SubjectPlan;
import org.gleaner.protocol.crypto.Ed25519PublicKey;
import org.gleaner.protocol.note.NoteVerifier;
import org.gleaner.protocol.reward.RewardStatement;
import org.gleaner.protocol.reward.StatementBundle;
import org.gleaner.protocol.reward.StatementVerifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole story end to end, checked from what the system wrote: the Parquet file (DuckDB), the signed
 * manifest, the statement files, the coordinator's key file and the ledger auditor's state; the summary only
 * where nothing else records a figure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevnetIT {
    private DevnetSummary summary;
    private Path runDir;
    private String parquet;

    @BeforeAll
    void runTheDevnet(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        summary = new Devnet(new DevnetOptions(dir, 3, Duration.ofSeconds(120), false, false),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(progress, true, StandardCharsets.UTF_8), false).run();
        System.out.println(progress.toString(StandardCharsets.UTF_8));
        System.out.println(SummaryPrinter.format(summary));
        runDir = summary.dataset().versionDir().getParent().getParent().getParent();
        parquet = glob(summary.dataset().versionDir());
    }

    private static String glob(Path versionDir) {
        return versionDir.resolve("*.parquet").toString().replace("'", "''");
    }

    private NoteVerifier manifestKey() throws Exception {
        return NoteVerifier.parse(Files.readString(runDir.resolve("datasets").resolve(DatasetStage.VERIFIER_KEY_FILE)).strip());
    }

    @Test
    void crawlsEveryDemoPageOnThreeHosts() throws SQLException {
        assertThat(summary.demoHosts()).isEqualTo(3);
        assertThat(summary.sitePages()).isEqualTo(DemoContent.pageCount());
        assertThat(summary.nodes()).hasSize(3);
        assertThat(summary.consistent()).isTrue();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(DISTINCT regexp_extract(url, '^http://([^:/]+)', 1)), "
                        + "count(DISTINCT url) FROM read_parquet('" + parquet + "')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(3);
            // One row per URL; every page reached the builder from an honest node, and only pages whose text
            // repeats another page's were dropped as duplicates.
            assertThat(rs.getLong(2)).isEqualTo(summary.dataset().rows());
            long duplicates = summary.dataset().skippedByReason().getOrDefault("EXACT_DUPLICATE", 0L)
                    + summary.dataset().skippedByReason().getOrDefault("NEAR_DUPLICATE", 0L);
            assertThat(rs.getLong(2) + duplicates).isEqualTo(DemoContent.pageCount());
        }
    }

    @Test
    void theSpotChecksCatchTheMisbehavingNodeAndItsPagesStayOut() throws Exception {
        DevnetSummary.NodeLine cheat = summary.nodes().stream().filter(DevnetSummary.NodeLine::misbehaving).findFirst().orElseThrow();
        assertThat(cheat.spotChecksFailed()).isPositive();
        assertThat(cheat.spotChecksPassed()).isZero();
        assertThat(cheat.refusals()).containsKey("G110 SPOT_CHECK_FAILED");
        assertThat(cheat.distrusted()).isTrue();
        assertThat(cheat.agreements()).isZero();
        assertThat(summary.nodes().stream().filter(n -> !n.misbehaving())).allSatisfy(n -> {
            assertThat(n.distrusted()).isFalse();
            assertThat(n.agreements()).isPositive();
        });
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE node_id = '" + cheat.nodeId() + "'), "
                        + "count(*) FILTER (WHERE text LIKE '%miracle supplements%') FROM read_parquet('" + parquet + "')")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
            assertThat(rs.getLong(2)).isZero();
        }
    }

    @Test
    void everyNodesStatementVerifiesAndTheCheatsRecordsItsRefusals() throws Exception {
        Ed25519PublicKey coordinator = Ed25519PublicKey.fromHex(
                org.gleaner.protocol.crypto.Ed25519KeyPair.load(runDir.resolve("coordinator/coordinator.key")).publicKey().fingerprint());
        List<RewardStatement> statements = new ArrayList<>();
        for (DevnetSummary.NodeLine n : summary.nodes()) {
            Path file = runDir.resolve("nodes/" + n.name() + "/statement-epoch-" + summary.rewards().epoch() + ".bin");
            RewardStatement s = StatementVerifier.verify(StatementBundle.decode(Files.readAllBytes(file)), Devnet.ORIGIN, coordinator);
            assertThat(s.nodeKey().hex()).isEqualTo(n.nodeId());
            assertThat(s.creditedPages()).isEqualTo(n.creditedPages());
            if (n.misbehaving()) {
                assertThat(s.refusals()).isPositive();
            }
            statements.add(s);
        }
        assertThat(statements).extracting(RewardStatement::rootHash).containsOnly(statements.get(0).rootHash());
        assertThat(summary.rewards().statementsVerified()).isEqualTo(3);
        assertThat(summary.rewards().ledgerEntryIndex()).isNotNegative();
    }

    @Test
    void licensedEmailsStayWithTheirGrantIdsAndTheOthersAreRedacted() throws Exception {
        Path versionDir = summary.dataset().versionDir();
        DatasetManifest manifest = new ManifestVerifier(manifestKey()).verify(versionDir);
        assertThat(manifest.checkpoint()).isNotNull();
        assertThat(manifest.checkpoint().origin()).isEqualTo(Devnet.ORIGIN);
        assertThat(manifest.checkpoint().treeSize()).isEqualTo(summary.dataset().checkpoint().treeSize());
        assertThat(manifest.rows()).isEqualTo(summary.dataset().rows());

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
            for (SubjectPlan plan : SubjectPlan.demo()) {
                DemoPerson p = plan.person();
                try (ResultSet rs = st.executeQuery("SELECT text, len(consent_grant_ids), pii_email_kept, pii_email_redacted "
                        + "FROM read_parquet('" + parquet + "') WHERE url LIKE '%/people/" + p.slug() + ".html'")) {
                    assertThat(rs.next()).as(p.slug()).isTrue();
                    if (plan.grants()) {
                        assertThat(rs.getString(1)).as(p.slug()).contains(p.email());
                        assertThat(rs.getInt(2)).as(p.slug()).isEqualTo(1);
                        assertThat(rs.getInt(3)).isEqualTo(1);
                    } else {
                        assertThat(rs.getString(1)).as(p.slug()).doesNotContain(p.email()).contains("<EMAIL_ADDRESS>");
                        assertThat(rs.getInt(2)).isZero();
                        assertThat(rs.getInt(4)).isEqualTo(1);
                    }
                    // No phone number can be bound yet, so every phone number is redacted.
                    assertThat(rs.getString(1)).doesNotContain(p.phone());
                }
            }
            String revoked = summary.revocation().revokedGrantIds().get(0);
            DemoPerson revoker = SubjectPlan.demo().stream().filter(SubjectPlan::revokesLater).findFirst().orElseThrow().person();
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + parquet + "') WHERE list_contains("
                    + "consent_grant_ids, '" + revoked + "') AND text LIKE '%" + revoker.email() + "%'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("v1 rows carrying the grant revoked later").isPositive();
            }
            try (ResultSet rs = st.executeQuery("SELECT sum(pii_email_kept), sum(pii_email_redacted) FROM read_parquet('"
                    + parquet + "')")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(summary.dataset().emailsKept()).isPositive();
                assertThat(rs.getLong(2)).isEqualTo(summary.dataset().emailsRedacted()).isPositive();
            }
        }
    }

    @Test
    void theRevocationLeadsToASignedV2DeltaAndACompactedVersionThatReRedactsTheRows() throws Exception {
        String revoked = summary.revocation().revokedGrantIds().get(0);
        DeletionDelta delta = new DeltaVerifier(manifestKey()).verify(summary.revocation().deltaFile());
        assertThat(delta.revokedGrantIds()).containsExactly(revoked);
        assertThat(delta.checkpoint().treeSize()).isEqualTo(summary.revocation().toCheckpoint());
        assertThat(delta.format()).isEqualTo(DeletionDelta.FORMAT_V2);
        assertThat(delta.versions()).singleElement().satisfies(v -> assertThat(v.version()).isEqualTo("1"));
        List<String> redactedIds = delta.versions().get(0).files().stream()
                .flatMap(f -> f.redactedRowIds().stream()).sorted().toList();
        assertThat(delta.removedRows()).isZero();
        assertThat(summary.revocation().rowsRemoved()).isZero();
        assertThat(summary.revocation().rowsRedacted()).isEqualTo(redactedIds.size()).isPositive();

        Path compacted = summary.revocation().compactedVersionDir();
        DatasetManifest compactedManifest = new ManifestVerifier(manifestKey()).verify(compacted);
        assertThat(compactedManifest.rows()).isEqualTo(summary.dataset().rows());
        assertThat(compactedManifest.checkpoint().treeSize()).isEqualTo(summary.revocation().toCheckpoint());

        DemoPerson revoker = SubjectPlan.demo().stream().filter(SubjectPlan::revokesLater).findFirst().orElseThrow().person();
        String v1 = parquet;
        String v2 = glob(compacted);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
            // The rows that carried the grant in v1 are exactly the re-redacted ones, and each is still there.
            assertThat(strings(st, "SELECT id FROM read_parquet('" + v1 + "') WHERE list_contains(consent_grant_ids, '"
                    + revoked + "') ORDER BY id")).isEqualTo(redactedIds);
            assertThat(strings(st, "SELECT id FROM read_parquet('" + v2 + "') WHERE id IN ("
                    + redactedIds.stream().map(id -> "'" + id + "'").collect(java.util.stream.Collectors.joining(","))
                    + ") ORDER BY id")).as("the re-redacted rows are kept under their ids").isEqualTo(redactedIds);

            // The revoker's own page: kept, her address replaced by the typed placeholder, the grant gone.
            try (ResultSet rs = st.executeQuery("SELECT text, list_contains(consent_grant_ids, '" + revoked + "'), "
                    + "pii_email_kept, pii_email_redacted FROM read_parquet('" + v2 + "') WHERE url LIKE '%/people/"
                    + revoker.slug() + ".html'")) {
                assertThat(rs.next()).as("the revoker's page is still in the compacted version").isTrue();
                assertThat(rs.getString(1)).doesNotContain(revoker.email()).contains("<EMAIL_ADDRESS>");
                assertThat(rs.getBoolean(2)).isFalse();
                assertThat(rs.getInt(3)).isZero();
                assertThat(rs.getInt(4)).isEqualTo(1);
            }
            // Her address survives nowhere in the compacted version (any column, any case), though v1 held it.
            String anywhere = "SELECT count(*) FROM read_parquet('%s') AS t WHERE lower(CAST(t AS VARCHAR)) LIKE '%%"
                    + revoker.email().toLowerCase(java.util.Locale.ROOT) + "%%'";
            assertThat(count(st, String.format(anywhere, v1))).as("v1 rows holding the revoker's address").isPositive();
            assertThat(count(st, String.format(anywhere, v2))).as("compacted rows holding the revoker's address").isZero();
            assertThat(count(st, "SELECT count(*) FROM read_parquet('" + v2 + "') WHERE list_contains(consent_grant_ids, '"
                    + revoked + "')")).isZero();

            // Everyone else's licensed address stays with its grant, and no other row changed at all.
            for (SubjectPlan plan : SubjectPlan.demo()) {
                if (plan.grants() && !plan.revokesLater()) {
                    DemoPerson p = plan.person();
                    try (ResultSet rs = st.executeQuery("SELECT text, len(consent_grant_ids) FROM read_parquet('" + v2
                            + "') WHERE url LIKE '%/people/" + p.slug() + ".html'")) {
                        assertThat(rs.next()).as(p.slug()).isTrue();
                        assertThat(rs.getString(1)).as(p.slug()).contains(p.email());
                        assertThat(rs.getInt(2)).as(p.slug()).isEqualTo(1);
                    }
                }
            }
            assertThat(strings(st, "SELECT a.id FROM read_parquet('" + v1 + "') a JOIN read_parquet('" + v2 + "') b "
                    + "USING (id) WHERE a.text IS DISTINCT FROM b.text OR a.consent_grant_ids IS DISTINCT FROM "
                    + "b.consent_grant_ids ORDER BY a.id")).as("rows that changed").isSubsetOf(redactedIds);
        }
    }

    @Test
    void theLabsToolsAcceptTheV2Delta(@TempDir Path lab) throws Exception {
        Path key = runDir.resolve("datasets").resolve(DatasetStage.VERIFIER_KEY_FILE);
        String keyText = Files.readString(key).strip();
        assertThat(org.gleaner.cli.GleanerCli.run("datasets", "verify", summary.revocation().deltaFile().toString(),
                "--key", keyText)).isZero();
        assertThat(org.gleaner.cli.GleanerCli.run("datasets", "verify", summary.revocation().compactedVersionDir().toString(),
                "--key", keyText)).isZero();
        try (org.gleaner.devnet.pages.LabsPage api = org.gleaner.devnet.pages.LabsPage.start(runDir.resolve("datasets"),
                lab.resolve("keys"))) {
            assertThat(org.gleaner.cli.GleanerCli.run("datasets", "deltas", DatasetStage.DATASET, "--since", "1",
                    "--to", lab.resolve("pulled").toString(), "--api", api.apiUrl().toString(),
                    "--lab-key", api.keyFile().toString(), "--builder-key", key.toString())).isZero();
        }
        Path pulled = lab.resolve("pulled").resolve(DatasetStage.DATASET).resolve("deltas")
                .resolve(summary.revocation().deltaFile().getFileName());
        assertThat(pulled).hasSameBinaryContentAs(summary.revocation().deltaFile());
        assertThat(new DeltaVerifier(manifestKey()).verify(pulled).format()).isEqualTo(DeletionDelta.FORMAT_V2);
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void theRevocationIsSeenAndTheLedgerStaysConsistent() {
        assertThat(summary.subjects().granted()).isEqualTo(3);
        assertThat(summary.revocation().revokedGrantIds()).hasSize(1);
        assertThat(summary.revocation().toCheckpoint()).isGreaterThan(summary.revocation().fromCheckpoint());
        assertThat(summary.ledger().consistent()).isTrue();
        assertThat(summary.ledger().finalCheckpoint()).isGreaterThan(summary.ledger().savedCheckpoint());
        assertThat(runDir.resolve("auditor/ledger-checkpoint.note")).exists();
    }
}
