package org.gleaner.node.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutlinkExtractorTest {
    private static final String BASE = "http://example.com/dir/page.html";
    private final OutlinkExtractor extractor = new OutlinkExtractor();

    private List<String> extract(String html) {
        return extractor.extract(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8", BASE);
    }

    private static String body(String... anchors) {
        return "<!doctype html><html><head><title>t</title></head><body>" + String.join("\n", anchors) + "</body></html>";
    }

    @Test
    void resolvesRelativeLinksAgainstThePageUrl() {
        assertThat(extract(body(
                "<a href=\"other.html\">1</a>",
                "<a href=\"/root\">2</a>",
                "<a href=\"../up.html\">3</a>",
                "<a href=\"//cdn.example/x\">4</a>",
                "<a href=\"https://secure.example/a?b=c\">5</a>",
                "<a href=\"?q=1\">6</a>")))
                .containsExactly(
                        "http://example.com/dir/other.html",
                        "http://example.com/root",
                        "http://example.com/up.html",
                        "http://cdn.example/x",
                        "https://secure.example/a?b=c",
                        "http://example.com/dir/page.html?q=1");
    }

    @Test
    void honoursTheBaseElement() {
        String html = "<html><head><base href=\"http://other.example/base/\"></head><body><a href=\"x\">x</a></body></html>";
        assertThat(extract(html)).containsExactly("http://other.example/base/x");
    }

    @Test
    void dropsFragmentsAndDeduplicates() {
        assertThat(extract(body(
                "<a href=\"a.html#one\">1</a>",
                "<a href=\"a.html#two\">2</a>",
                "<a href=\"a.html\">3</a>",
                "<a href=\"#top\">4</a>")))
                .containsExactly("http://example.com/dir/a.html", "http://example.com/dir/page.html");
    }

    @Test
    void skipsLinksMarkedNofollow() {
        assertThat(extract(body(
                "<a href=\"/followed\" rel=\"noopener\">1</a>",
                "<a href=\"/not1\" rel=\"nofollow\">2</a>",
                "<a href=\"/not2\" rel=\"external NoFollow\">3</a>")))
                .containsExactly("http://example.com/followed");
    }

    @Test
    void metaRobotsNofollowDropsEveryLink() {
        String nofollow = "<html><head><meta name=\"robots\" content=\"noindex, NOFOLLOW\"></head><body>"
                + "<a href=\"/a\">a</a></body></html>";
        assertThat(extract(nofollow)).isEmpty();
        String noindexOnly = "<html><head><meta name=\"robots\" content=\"noindex\"></head><body>"
                + "<a href=\"/a\">a</a></body></html>";
        assertThat(extract(noindexOnly)).containsExactly("http://example.com/a");
    }

    @Test
    void dropsNonHttpSchemes() {
        assertThat(extract(body(
                "<a href=\"mailto:someone@example.com\">1</a>",
                "<a href=\"javascript:alert(1)\">2</a>",
                "<a href=\"ftp://example.com/file\">3</a>",
                "<a href=\"tel:+123\">4</a>",
                "<a href=\"data:text/html,hi\">5</a>",
                "<a href=\"file:///etc/passwd\">6</a>",
                "<a href=\"/kept\">7</a>")))
                .containsExactly("http://example.com/kept");
    }

    @Test
    void ignoresAnchorsWithoutHref() {
        assertThat(extract(body("<a name=\"x\">x</a>", "<a href=\"\">self</a>")))
                .containsExactly("http://example.com/dir/page.html");
    }

    @Test
    void dropsLinksLongerThanAUrlFieldHoldsInUtf8() {
        String longAscii = "/" + "a".repeat(5000);
        assertThat(extract(body("<a href=\"" + longAscii + "\">x</a>", "<a href=\"/ok\">ok</a>")))
                .containsExactly("http://example.com/ok");
        String longUnicode = "http://example.com/" + "é".repeat(2100);
        // About 2,100 characters but 4,200 UTF-8 bytes: over what a LinkBatch URL may hold.
        assertThat(extract(body("<a href=\"" + longUnicode + "\">x</a>"))).isEmpty();
    }

    @Test
    void capsTheNumberOfLinks() {
        StringBuilder anchors = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            anchors.append("<a href=\"/p").append(i).append("\">").append(i).append("</a>");
        }
        List<String> links = extract(body(anchors.toString()));
        assertThat(links).hasSize(1000).startsWith("http://example.com/p0").endsWith("http://example.com/p999");
    }

    @Test
    void decodesTheBodyInTheCharsetOfItsContentType() {
        byte[] latin1 = "<a href=\"/caf\u00e9\">x</a>".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(extractor.extract(latin1, "text/html; charset=ISO-8859-1", BASE))
                .singleElement().asString().startsWith("http://example.com/caf").doesNotContain("\uFFFD");
        assertThat(extractor.extract("<a href=\"/x\">x</a>".getBytes(StandardCharsets.UTF_8), "text/html; charset=bogus", BASE))
                .containsExactly("http://example.com/x");
        assertThat(extractor.extract("<a href=\"/x\">x</a>".getBytes(StandardCharsets.UTF_8), "", BASE))
                .containsExactly("http://example.com/x");
    }
}
