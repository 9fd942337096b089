package org.gleaner.builder.row;

import static org.assertj.core.api.Assertions.assertThat;

import org.gleaner.builder.row.UrlNormalizer.NormalizedUrl;
import org.junit.jupiter.api.Test;

class UrlNormalizerTest {
    @Test
    void normalizesSchemeHostPortPathAndFragment() {
        assertThat(UrlNormalizer.normalize("HTTP://Example.TEST:80#top"))
                .contains(new NormalizedUrl("http://example.test/", "example.test"));
        assertThat(UrlNormalizer.normalize("https://Example.test.:443/A/b?x=1&Y=2#frag"))
                .contains(new NormalizedUrl("https://example.test/A/b?x=1&Y=2", "example.test"));
        assertThat(UrlNormalizer.normalize("https://example.test:8443/p%20q"))
                .contains(new NormalizedUrl("https://example.test:8443/p%20q", "example.test"));
        assertThat(UrlNormalizer.normalize("http://[::1]:8080/x"))
                .contains(new NormalizedUrl("http://[::1]:8080/x", "::1"));
    }

    @Test
    void rejectsWhatIsNotAnAbsoluteHttpUrl() {
        assertThat(UrlNormalizer.normalize("ftp://example.test/")).isEmpty();
        assertThat(UrlNormalizer.normalize("/relative")).isEmpty();
        assertThat(UrlNormalizer.normalize("http://exa mple.test/")).isEmpty();
        assertThat(UrlNormalizer.normalize("mailto:a@b.test")).isEmpty();
        assertThat(UrlNormalizer.normalize(null)).isEmpty();
    }

    @Test
    void documentIdIsSha256OfUrlAndContentHash() {
        String id = DocumentId.of("https://example.test/", "ab".repeat(32));

        assertThat(id).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(id).isEqualTo(DocumentId.sha256Hex("https://example.test/\n" + "ab".repeat(32)));
        assertThat(DocumentId.of("https://example.test/", "cd".repeat(32))).isNotEqualTo(id);
    }
}
