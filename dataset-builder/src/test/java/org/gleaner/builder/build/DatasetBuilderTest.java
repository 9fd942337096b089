package org.gleaner.builder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gleaner.builder.convert.SkipReason;
import org.gleaner.builder.ingest.PageSource;
import org.gleaner.builder.ingest.SourceRecord;
import org.gleaner.builder.testing.TestPages;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.page.FetchedPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetBuilderTest {
    private static final String TOPIC = "gleaner.pages";
    private static final Duration IDLE = Duration.ofSeconds(5);

    @TempDir
    Path out;
    private final TestPages pages = new TestPages();
    private long offset;

    private SourceRecord record(FetchedPage page) {
        return record(page.encode().toArray());
    }

    private SourceRecord record(byte[] value) {
        return new SourceRecord(TOPIC, 0, offset++, null, value);
    }

    private DatasetBuilder builder() {
        return new DatasetBuilder(DatasetBuilderConfig.of(out, "demo", "1").withPollInterval(Duration.ofMillis(20)));
    }

    @Test
    void writesOneRowPerUrlAndAccountsForEveryRecord() throws Exception {
        byte[] html = TestPages.html("T", "body").getBytes(StandardCharsets.UTF_8);
        List<SourceRecord> batch = new ArrayList<>();
        batch.add(record(pages.htmlPage("https://example.test/1", "One", "first version")));
        batch.add(record(pages.htmlPage("https://example.test/2", "Two", "second page")));
        batch.add(record("not a page".getBytes(StandardCharsets.UTF_8)));
        batch.add(record((byte[]) null));
        batch.add(record(pages.htmlPage("HTTPS://EXAMPLE.test/1#again", "One", "a later version")));
        batch.add(record(pages.page("https://example.test/404", 404, TestPages.HTML_UTF8, html)));
        batch.add(record(pages.page("https://example.test/t.txt", 200, "text/plain", html)));
        batch.add(record(pages.page("https://example.test/x", "https://example.test/x", 200, TestPages.HTML_UTF8, html,
                Bytes.sha256(new byte[1]), TestPages.ORIGIN)));
        byte[] truncated = pages.htmlPage("https://example.test/3", "Three", "third").encode().toArray();
        batch.add(record(java.util.Arrays.copyOf(truncated, truncated.length - 3)));
        ListPageSource source = ListPageSource.of(List.of(batch.subList(0, 4), batch.subList(4, batch.size())));

        BuildResult result = builder().build(source, BuildLimits.untilCaughtUp(IDLE));

        assertThat(result.stopReason()).isEqualTo(StopReason.CAUGHT_UP);
        assertThat(result.path()).isEqualTo(out.resolve("demo/v1/part-00000.parquet").toAbsolutePath());
        assertThat(result.rows()).isEqualTo(2);
        assertThat(result.recordsRead()).isEqualTo(9);
        assertThat(result.pagesDecoded()).isEqualTo(6);
        assertThat(result.skipped(SkipReason.MALFORMED_RECORD)).isEqualTo(3);
        assertThat(result.skipped(SkipReason.DUPLICATE_URL)).isEqualTo(1);
        assertThat(result.skipped(SkipReason.NON_2XX_STATUS)).isEqualTo(1);
        assertThat(result.skipped(SkipReason.NOT_HTML)).isEqualTo(1);
        assertThat(result.skipped(SkipReason.BODY_HASH_MISMATCH)).isEqualTo(1);
        assertThat(result.rows() + result.totalSkipped()).isEqualTo(result.recordsRead());
        assertThat(result.malformedSamples()).extracting(MalformedRecord::offset).containsExactly(2L, 3L, 8L);
        assertThat(result.malformedSamples()).allSatisfy(m -> {
            assertThat(m.topic()).isEqualTo(TOPIC);
            assertThat(m.reason()).isNotBlank();
        });
        assertThat(result.bytes()).isEqualTo(Files.size(result.path()));
        assertThat(source.committed).isTrue();

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT url, title, text FROM read_parquet('" + result.path() + "') ORDER BY url")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("https://example.test/1");
            assertThat(r.getString(3)).isEqualTo("first version");
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("https://example.test/2");
            assertThat(r.getString(2)).isEqualTo("Two");
            assertThat(r.next()).isFalse();
        }
        assertThat(listing(result.path().getParent())).containsExactlyInAnyOrder("README.md", "manifest.json", "part-00000.parquet");
    }

    @Test
    void dropsExactAndNearDuplicateTextsUnderOtherUrlsAndCountsThem() throws Exception {
        String article = "The council met on Tuesday to discuss the new rules for the water supply of the town. "
                + "After a long debate, the members agreed that the plan should be adopted with two changes. "
                + "The first change concerns the price of water for farms, which will rise more slowly than planned.";
        List<SourceRecord> batch = List.of(
                record(pages.htmlPage("https://example.test/a", "A", article)),
                record(pages.htmlPage("https://example.test/mirror", "Mirror", article.toUpperCase())),
                record(pages.htmlPage("https://example.test/print", "Print", article + " Print this page.")),
                record(pages.htmlPage("https://example.test/other", "Other", "Mountain railways were built to carry "
                        + "tourists up to the summits, and many still run with their original engines.")));

        BuildResult result = builder().build(ListPageSource.of(List.of(batch)), BuildLimits.untilCaughtUp(IDLE));

        assertThat(result.rows()).isEqualTo(2);
        assertThat(result.skipped(SkipReason.EXACT_DUPLICATE)).isEqualTo(1);
        assertThat(result.skipped(SkipReason.NEAR_DUPLICATE)).isEqualTo(1);
    }

    @Test
    void stopsAtTheExpectedNumberOfPages() throws Exception {
        List<List<SourceRecord>> batches = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batches.add(List.of(record(pages.htmlPage("https://example.test/" + i, "T", "page " + i))));
        }
        ListPageSource source = new ListPageSource(batches, false);

        BuildResult result = builder().build(source, BuildLimits.untilPages(3, IDLE));

        assertThat(result.stopReason()).isEqualTo(StopReason.EXPECTED_PAGES);
        assertThat(result.stopReason().complete()).isTrue();
        assertThat(result.rows()).isEqualTo(3);
        assertThat(source.polls).isEqualTo(3);
    }

    @Test
    void stopsWhenIdleAndStillPublishes() throws Exception {
        ListPageSource source = new ListPageSource(
                List.of(List.of(record(pages.htmlPage("https://example.test/a", "A", "only page")))), false);

        BuildResult result = builder().build(source, BuildLimits.untilPages(5, Duration.ofMillis(300)));

        assertThat(result.stopReason()).isEqualTo(StopReason.IDLE);
        assertThat(result.stopReason().complete()).isFalse();
        assertThat(result.rows()).isEqualTo(1);
        assertThat(result.path()).exists();
    }

    @Test
    void stopsAtTheMaximumDuration() throws Exception {
        PageSource endless = new PageSource() {
            private int i;

            @Override
            public List<SourceRecord> poll(Duration timeout) {
                return List.of(record(pages.htmlPage("https://example.test/" + i++, "T", "more")));
            }

            @Override
            public boolean caughtUp() {
                return false;
            }

            @Override
            public void commit() {
            }

            @Override
            public void close() {
            }
        };

        BuildResult result = builder().build(endless, BuildLimits.untilIdle(IDLE).withMaxDuration(Duration.ofMillis(300)));

        assertThat(result.stopReason()).isEqualTo(StopReason.MAX_DURATION);
        assertThat(result.rows()).isPositive();
    }

    @Test
    void neverRebuildsAPublishedVersion() throws Exception {
        builder().build(ListPageSource.of(List.of()), BuildLimits.untilCaughtUp(IDLE));
        ListPageSource second = ListPageSource.of(List.of(List.of(record(pages.htmlPage("https://example.test/", "T", "x")))));

        assertThatThrownBy(() -> builder().build(second, BuildLimits.untilCaughtUp(IDLE)))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(second.polls).isZero();
    }

    @Test
    void aFailedBuildPublishesNothingAndLeavesNoTemporaryFile() throws Exception {
        PageSource failing = new ListPageSource(List.of(), false) {
            @Override
            public List<SourceRecord> poll(Duration timeout) {
                throw new IllegalStateException("broker gone");
            }
        };

        assertThatThrownBy(() -> builder().build(failing, BuildLimits.untilCaughtUp(IDLE)))
                .hasMessage("broker gone");
        assertThat(listing(out.resolve("demo/v1"))).isEmpty();
    }

    @Test
    void verifiesSignaturesWhenConfigured() throws Exception {
        FetchedPage good = pages.htmlPage("https://example.test/good", "G", "good");
        byte[] body = TestPages.html("F", "forged").getBytes(StandardCharsets.UTF_8);
        FetchedPage foreign = pages.page("https://example.test/foreign", "https://example.test/foreign", 200,
                TestPages.HTML_UTF8, body, null, "some.other/network");
        DatasetBuilder verifying = new DatasetBuilder(DatasetBuilderConfig.of(out, "demo", "2")
                .withNetworkOrigin(TestPages.ORIGIN).withPollInterval(Duration.ofMillis(20)));

        BuildResult result = verifying.build(ListPageSource.of(List.of(List.of(record(good), record(foreign)))),
                BuildLimits.untilCaughtUp(IDLE));

        assertThat(result.rows()).isEqualTo(1);
        assertThat(result.skipped(SkipReason.BAD_SIGNATURE)).isEqualTo(1);
    }

    @Test
    void rejectsUnsafeNamesAndVersions() {
        assertThatThrownBy(() -> DatasetBuilderConfig.of(out, "../etc", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatasetBuilderConfig.of(out, "demo", "../1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatasetBuilderConfig.of(out, "Demo/x", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(DatasetBuilderConfig.of(out, "demo-set.en", "2026.11.22").outputFile())
                .isEqualTo(out.resolve("demo-set.en/v2026.11.22/part-00000.parquet"));
    }

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
