package org.gleaner.builder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gleaner.builder.consent.ConsentLookup;
import org.gleaner.builder.convert.PageToRow;
import org.gleaner.builder.convert.SkipReason;
import org.gleaner.builder.extract.MainTextExtractor;
import org.gleaner.builder.language.LanguageSettings;
import org.gleaner.builder.language.LinguaLanguageIdentifier;
import org.gleaner.builder.parquet.ParquetDatasetWriter;
import org.gleaner.builder.parquet.PartitionedParquetFiles;
import org.gleaner.builder.ingest.SourceRecord;
import org.gleaner.builder.pii.ConsentContext;
import org.gleaner.builder.pii.ConsentUnavailableException;
import org.gleaner.builder.pii.GrantTableConsentLookup;
import org.gleaner.builder.pii.HmacCommitmentMapperTestDouble;
import org.gleaner.builder.pii.PiiKind;
import org.gleaner.builder.pii.PrivacySettings;
import org.gleaner.builder.testing.TestPages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Converting pages on several threads changes nothing a lab can see: the same rows in the same order, the same
 * skip counts, and one consent question per distinct identifier, whatever the number of workers. The corpus
 * mixes what makes order matter: duplicate URLs, exact and near duplicates (the first one read must win),
 * malformed records, licensed and unlicensed identifiers, and several languages.
 */
class ParallelBuildTest {
    private static final ConsentLookup.Checkpoint CHECKPOINT = new ConsentLookup.Checkpoint(9, "cd".repeat(32));
    private static final List<String> ENGLISH = List.of("river", "garden", "lantern", "copper", "meadow", "violin",
            "harbour", "pepper", "glacier", "orchard", "saddle", "thimble", "compass", "velvet", "marble", "the",
            "and", "of", "with", "that");
    private static final List<String> GERMAN = List.of("der", "die", "und", "Fluss", "Garten", "Laterne", "Kupfer",
            "Wiese", "Geige", "Hafen", "Pfeffer", "mit", "nicht", "ist", "ein");

    @TempDir
    Path out;
    private final TestPages pages = new TestPages();
    private final List<SourceRecord> records = new ArrayList<>();

    @BeforeEach
    void corpus() {
        Random random = new Random(11);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            List<String> words = i % 4 == 3 ? GERMAN : ENGLISH;
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 60 + random.nextInt(60); w++) {
                text.append(words.get(random.nextInt(words.size()))).append(w % 11 == 10 ? ". " : " ");
            }
            if (i % 5 == 0) {
                int person = i / 5 % 15;
                text.append(" Write to person").append(person).append("@example.org or call +1 202 555 01")
                        .append("%02d".formatted(person)).append('.');
            }
            String body;
            if (i % 17 == 5 && i > 20) {
                body = texts.get(i - 20); // an exact duplicate of an earlier page
            } else if (i % 19 == 7 && i > 20) {
                body = texts.get(i - 19) + " one more word"; // a near duplicate
            } else {
                body = text.toString();
            }
            texts.add(body);
            String url = i % 23 == 22 ? "https://site.test/page/" + (i - 1) : "https://site.test/page/" + i;
            records.add(new SourceRecord("pages", 0, records.size(), null,
                    pages.htmlPage(url, "Page " + i, body).encode().toArray()));
            if (i % 31 == 0) {
                records.add(new SourceRecord("pages", 0, records.size(), null,
                        "not a page".getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private record Built(BuildResult result, List<List<String>> rows, int commitmentRequests) {
    }

    private Built build(String version, int workers) throws Exception {
        HmacCommitmentMapperTestDouble commitments = new HmacCommitmentMapperTestDouble("k".getBytes());
        DatasetBuilderConfig config = config(version, commitments);
        int before = commitments.requests();
        List<List<SourceRecord>> batches = new ArrayList<>();
        for (int i = 0; i < records.size(); i += 50) {
            batches.add(records.subList(i, Math.min(records.size(), i + 50)));
        }
        BuildResult result = new DatasetBuilder(config).withWorkers(workers)
                .build(ListPageSource.of(batches), BuildLimits.untilCaughtUp(Duration.ofSeconds(5)));
        return new Built(result, rows(result.path()), commitments.requests() - before);
    }

    private DatasetBuilderConfig config(String version, HmacCommitmentMapperTestDouble commitments) {
        GrantTableConsentLookup lookup = new GrantTableConsentLookup(CHECKPOINT);
        for (int p = 0; p < 15; p += 2) {
            lookup.grant(commitments.commitmentHex(PiiKind.EMAIL_ADDRESS, "person" + p + "@example.org"), "train-ai",
                    "grant-" + p);
        }
        PrivacySettings privacy = PrivacySettings.DEFAULTS.withConsent(new ConsentContext(lookup, commitments, CHECKPOINT));
        return DatasetBuilderConfig.of(out, "par", version).withPollInterval(Duration.ofMillis(20)).withPrivacy(privacy);
    }

    /**
     * The pre-batching order, record by record: every page is finished (language, quality, row) before dedup
     * sees it. {@link DatasetBuild#acceptAll} dedups first and finishes only the pages it keeps.
     */
    private Built buildFinishingEveryPage(String version) throws Exception {
        HmacCommitmentMapperTestDouble commitments = new HmacCommitmentMapperTestDouble("k".getBytes());
        DatasetBuilderConfig config = config(version, commitments);
        PageToRow converter = new PageToRow(new MainTextExtractor())
                .withLanguage(new LinguaLanguageIdentifier(LanguageSettings.defaults())).withPrivacy(config.privacy());
        try (DatasetBuild build = new DatasetBuild(config, converter, PartitionedParquetFiles.open(
                new ParquetDatasetWriter(config.parquet()), config.versionDir(), config.parts()))) {
            for (SourceRecord record : records) {
                build.accept(record);
            }
            BuildResult result = build.finish(StopReason.CAUGHT_UP);
            return new Built(result, rows(result.path()), commitments.requests());
        }
    }

    /** Every column of every row as text, in file order. */
    private static List<List<String>> rows(Path file) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET threads = 1");
            try (ResultSet r = s.executeQuery("SELECT * FROM read_parquet('" + file + "')")) {
                ResultSetMetaData meta = r.getMetaData();
                while (r.next()) {
                    List<String> row = new ArrayList<>();
                    for (int col = 1; col <= meta.getColumnCount(); col++) {
                        row.add(String.valueOf(r.getObject(col)));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    @Test
    void fourWorkersWriteTheSameRowsAndCountsAsOne() throws Exception {
        Built one = build("1", 1);
        Built four = build("4", 4);

        assertThat(one.result().rows()).isGreaterThan(150);
        assertThat(one.result().skipped(SkipReason.MALFORMED_RECORD)).isEqualTo(8);
        assertThat(one.result().skipped(SkipReason.DUPLICATE_URL)).isPositive();
        assertThat(one.result().skipped(SkipReason.EXACT_DUPLICATE)).isPositive();
        assertThat(one.result().skipped(SkipReason.NEAR_DUPLICATE)).isPositive();
        assertThat(one.rows().stream().filter(r -> r.toString().contains("grant-")).count()).isPositive();
        assertThat(one.rows().stream().filter(r -> r.toString().contains("<EMAIL_ADDRESS>")).count()).isPositive();
        assertThat(one.rows().stream().filter(r -> r.toString().contains(", de,")).count()).isPositive();

        assertThat(four.rows()).isEqualTo(one.rows());
        assertThat(four.result().skipped()).isEqualTo(one.result().skipped());
        assertThat(four.result().sha256()).isEqualTo(one.result().sha256());
        assertThat(four.commitmentRequests()).isEqualTo(one.commitmentRequests()).isEqualTo(30);
    }

    @Test
    void dedupingBeforeLanguageAndQualityWritesTheSameRowsAsFinishingEveryPageFirst() throws Exception {
        Built dedupFirst = build("d", 2);
        Built finishFirst = buildFinishingEveryPage("f");

        assertThat(dedupFirst.result().skipped(SkipReason.NEAR_DUPLICATE)
                + dedupFirst.result().skipped(SkipReason.EXACT_DUPLICATE)).isPositive();
        assertThat(dedupFirst.rows()).isEqualTo(finishFirst.rows());
        assertThat(dedupFirst.result().skipped()).isEqualTo(finishFirst.result().skipped());
        assertThat(dedupFirst.result().sha256()).isEqualTo(finishFirst.result().sha256());
    }

    @Test
    void aConsentFailureOnAWorkerStopsTheBuild() {
        PrivacySettings unreachable = PrivacySettings.DEFAULTS.withConsent(new ConsentContext(
                new GrantTableConsentLookup(new ConsentLookup.Checkpoint(1, "00".repeat(32))),
                new HmacCommitmentMapperTestDouble("k".getBytes()), CHECKPOINT));
        DatasetBuilderConfig config = DatasetBuilderConfig.of(out, "par", "x")
                .withPollInterval(Duration.ofMillis(20)).withPrivacy(unreachable);

        assertThatThrownBy(() -> new DatasetBuilder(config).withWorkers(3)
                .build(ListPageSource.of(List.of(records)), BuildLimits.untilCaughtUp(Duration.ofSeconds(5))))
                .isInstanceOf(ConsentUnavailableException.class);
        assertThat(config.outputFile()).doesNotExist();
    }

    @Test
    void workersOutsideOneToSixtyFourAreRefused() {
        DatasetBuilder builder = new DatasetBuilder(DatasetBuilderConfig.of(out, "par", "1"));
        assertThatThrownBy(() -> builder.withWorkers(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.withWorkers(65)).isInstanceOf(IllegalArgumentException.class);
    }
}
