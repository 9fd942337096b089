package org.gleaner.coordinator.frontier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlNormalizerTest {

    private static String norm(String raw) {
        return UrlNormalizer.normalize(raw).orElseThrow(() -> new AssertionError("refused: " + raw));
    }

    @Test
    void lowercasesSchemeAndHostButNotPathOrQuery() {
        assertThat(norm("HTTP://Example.COM/Path/To?Q=A")).isEqualTo("http://example.com/Path/To?Q=A");
        assertThat(norm("HtTpS://WWW.Example.org/")).isEqualTo("https://www.example.org/");
    }

    @ParameterizedTest
    @CsvSource({
            "http://example.com:80/a, http://example.com/a",
            "https://example.com:443/a, https://example.com/a",
            "http://example.com:443/a, http://example.com:443/a",
            "https://example.com:80/a, https://example.com:80/a",
            "http://example.com:8080/a, http://example.com:8080/a"})
    void dropsOnlyTheSchemesDefaultPort(String raw, String expected) {
        assertThat(norm(raw)).isEqualTo(expected);
    }

    @Test
    void dropsTheFragment() {
        assertThat(norm("http://example.com/a#section")).isEqualTo("http://example.com/a");
        assertThat(norm("http://example.com/a?x=1#section")).isEqualTo("http://example.com/a?x=1");
        assertThat(norm("http://example.com#top")).isEqualTo("http://example.com/");
    }

    @ParameterizedTest
    @CsvSource({
            "http://example.com/a/./b/../c, http://example.com/a/c",
            "http://example.com/a/b/.., http://example.com/a/",
            "http://example.com/a/b/., http://example.com/a/b/",
            "http://example.com/../a, http://example.com/a",
            "http://example.com/a/../../../b, http://example.com/b",
            "http://example.com/./, http://example.com/",
            "http://example.com/.., http://example.com/",
            "http://example.com/a//b/../c, http://example.com/a//c",
            "http://example.com//x, http://example.com//x",
            "http://example.com/a..b/.c, http://example.com/a..b/.c"})
    void removesDotSegmentsAsRfc3986Does(String raw, String expected) {
        assertThat(norm(raw)).isEqualTo(expected);
    }

    @Test
    void convertsAnInternationalizedHostToAsciiIdna() {
        assertThat(norm("http://bücher.example/x")).isEqualTo("http://xn--bcher-kva.example/x");
        assertThat(norm("http://BÜCHER.example:8080/")).isEqualTo("http://xn--bcher-kva.example:8080/");
        assertThat(norm("https://bücher.example:443")).isEqualTo("https://xn--bcher-kva.example/");
        assertThat(norm("http://xn--bcher-kva.example/x")).isEqualTo("http://xn--bcher-kva.example/x");
    }

    @Test
    void emptyPathBecomesSlash() {
        assertThat(norm("http://example.com")).isEqualTo("http://example.com/");
        assertThat(norm("http://example.com?q=1")).isEqualTo("http://example.com/?q=1");
        assertThat(norm("https://example.com:8443")).isEqualTo("https://example.com:8443/");
    }

    @Test
    void keepsIpLiteralsAndDropsUserInfo() {
        assertThat(norm("http://127.0.0.1:8080/x")).isEqualTo("http://127.0.0.1:8080/x");
        assertThat(norm("http://[::1]:80/x")).isEqualTo("http://[::1]/x");
        assertThat(norm("http://user:secret@example.com/x")).isEqualTo("http://example.com/x");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ftp://example.com/file",
            "file:///etc/passwd",
            "mailto:someone@example.com",
            "javascript:alert(1)",
            "data:text/html,hi",
            "example.com/relative",
            "/just/a/path",
            "http:///no-host",
            "http:opaque",
            "http://exa mple.com/",
            "http://example.com:notaport/",
            "   "})
    void refusesAnythingButAbsoluteHttpUrlsWithAHost(String raw) {
        assertThat(UrlNormalizer.normalize(raw)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void refusesNullAndEmpty(String raw) {
        assertThat(UrlNormalizer.normalize(raw)).isEmpty();
    }

    @Test
    void refusesOverlongUrls() {
        assertThat(UrlNormalizer.normalize("http://example.com/" + "a".repeat(5000))).isEmpty();
    }

    @Test
    void normalizingIsIdempotent() {
        String once = norm("HTTP://Bücher.Example:80/a/./b/../c?q#f");
        assertThat(norm(once)).isEqualTo(once);
    }

    @Test
    void hostKeyIsHostAndNonDefaultPort() {
        assertThat(UrlNormalizer.hostKey("http://example.com/x")).isEqualTo("example.com");
        assertThat(UrlNormalizer.hostKey("http://example.com:8080/x")).isEqualTo("example.com:8080");
        assertThat(UrlNormalizer.hostKey(norm("http://bücher.example/"))).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void normalizesPercentEncoding() {
        assertThat(UrlNormalizer.normalize("http://a.example/%7Euser/%41b%2fc?q=%e2%82%ac&x=%2D"))
                .contains("http://a.example/~user/Ab%2Fc?q=%E2%82%AC&x=-");
        assertThat(UrlNormalizer.normalize("http://a.example/caf\u00e9?q=\u20ac"))
                .contains("http://a.example/caf%C3%A9?q=%E2%82%AC");
        assertThat(UrlNormalizer.normalize("http://a.example/a/%2E%2E/b")).as("decoded dots are dot segments")
                .contains("http://a.example/b");
        assertThat(UrlNormalizer.normalize("http://a.example/%zz")).isEmpty();
        assertThat(UrlNormalizer.normalize("http://a.example/%7euser")).isEqualTo(UrlNormalizer.normalize("http://a.example/~user"));
    }
}
