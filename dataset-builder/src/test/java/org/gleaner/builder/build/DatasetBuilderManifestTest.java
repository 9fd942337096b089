package org.gleaner.builder.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.gleaner.builder.ingest.SourceRecord;
import org.gleaner.builder.manifest.DatasetManifest;
import org.gleaner.builder.manifest.ManifestSettings;
import org.gleaner.builder.manifest.ManifestVerifier;
import org.gleaner.builder.testing.TestPages;
import org.gleaner.builder.extract.MainTextExtractor;
import org.gleaner.builder.language.LanguageIdentifier;
import org.gleaner.protocol.note.NoteSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetBuilderManifestTest {
    @TempDir
    java.nio.file.Path out;

    @Test
    void aBuildPublishesASignedManifestNamingItsRowsAndSettings() throws Exception {
        TestPages pages = new TestPages();
        List<SourceRecord> batch = List.of(
                new SourceRecord("t", 0, 0, null, pages.htmlPage("https://example.test/1", "One", "first page").encode().toArray()),
                new SourceRecord("t", 0, 1, null, pages.htmlPage("https://example.test/2", "Two", "second page").encode().toArray()));
        NoteSigner signer = NoteSigner.generate("gleaner.test/builder");
        DatasetBuilderConfig config = DatasetBuilderConfig.of(out, "demo", "1").withPollInterval(Duration.ofMillis(20))
                .withNetworkOrigin(TestPages.ORIGIN);

        BuildResult result = new DatasetBuilder(config, new MainTextExtractor(), LanguageIdentifier.NONE)
                .withManifest(ManifestSettings.signedBy(signer))
                .build(ListPageSource.of(List.of(batch)), BuildLimits.untilCaughtUp(Duration.ofSeconds(5)));

        DatasetManifest manifest = new ManifestVerifier(signer.verifier()).verify(config.versionDir());
        assertThat(manifest.rows()).isEqualTo(result.rows()).isEqualTo(2);
        assertThat(manifest.dataFiles().get(0).sha256()).isEqualTo(result.sha256());
        assertThat(manifest.filters()).containsEntry("extractor", "MainTextExtractor")
                .containsEntry("receipt_origin", TestPages.ORIGIN);
        assertThat(manifest.filters().get("language")).isEqualTo(java.util.Map.of("identifier", "none"));
    }
}
