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
import java.sql.Statement;
import java.time.Duration;
import org.gleaner.devnet.site.DemoContent;
import org.gleaner.devnet.site.DemoPerson;
import org.gleaner.builder.manifest.DatasetManifest;
import org.gleaner.builder.manifest.ManifestVerifier;
import org.gleaner.protocol.note.NoteVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walking skeleton end to end: real broker, real HTTP, real signatures, a Parquet file DuckDB reads. */
class DevnetIT {

    @Test
    void crawlsTheDemoSiteAndWritesOneRowPerPage(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DevnetSummary summary = new Devnet(new DevnetOptions(dir, 2, Duration.ofSeconds(120), false),
                new PrintStream(out, true, StandardCharsets.UTF_8)).run();

        int sitePages = DemoContent.pages().size();
        assertThat(summary.sitePages()).isEqualTo(sitePages);
        assertThat(summary.pagesFetched()).isEqualTo(sitePages);
        assertThat(summary.creditedPages()).isEqualTo(sitePages);
        assertThat(summary.nodes()).hasSize(2);
        assertThat(summary.nodes()).allSatisfy(n -> assertThat(n.refusals()).isEmpty());
        assertThat(summary.nodes().stream().mapToLong(DevnetSummary.NodeLine::creditedPages).sum()).isEqualTo(sitePages);
        assertThat(summary.datasetRows()).isEqualTo(sitePages);
        assertThat(summary.consistent()).isTrue();
        assertThat(Files.exists(summary.parquetFile())).isTrue();
        Path versionDir = summary.parquetFile().getParent();
        NoteVerifier manifestKey = NoteVerifier.parse(Files.readString(
                versionDir.getParent().getParent().resolve(DatasetStage.VERIFIER_KEY_FILE)).strip());
        DatasetManifest manifest = new ManifestVerifier(manifestKey).verify(versionDir);
        assertThat(manifest.rows()).isEqualTo(sitePages);
        assertThat(manifest.filters()).containsEntry("receipt_origin", Devnet.ORIGIN);

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = duck.createStatement()) {
            String file = summary.parquetFile().toString().replace("'", "''");
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT url), count(DISTINCT node_id) FROM read_parquet('" + file + "')")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(sitePages);
                assertThat(rs.getLong(2)).isEqualTo(sitePages);
                assertThat(rs.getLong(3)).isBetween(1L, 2L);
            }
            DemoPerson ada = DemoPerson.ALL.get(0);
            try (ResultSet rs = st.executeQuery("SELECT title, text FROM read_parquet('" + file + "') WHERE url LIKE '%/people/"
                    + ada.slug() + ".html'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(ada.name());
                assertThat(rs.getString(2)).contains(ada.role());
            }
        }
    }
}
