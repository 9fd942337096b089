package org.gleaner.builder.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HtmlTextExtractorTest {
    private final TextExtractor extractor = new HtmlTextExtractor();

    private static final String SAMPLE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>  The   Gleaner
                 Sample </title>
              <style>body { color: red; }</style>
              <script>var tracking = "do not keep";</script>
            </head>
            <body>
              <header><h1>Site banner</h1></header>
              <nav><a href="/">Home</a> <a href="/about">About</a></nav>
              <main>
                <h1>Main   heading</h1>
                <p>First paragraph with <b>bold</b> and <a href="x">a link</a>.</p>
                <p>Second<br>line break</p>
                <ul><li>one</li><li>two</li></ul>
                <div>Déjà vu — naïve café</div>
                <pre>code   keeps
              spacing</pre>
                <script>document.write("nope")</script>
                <noscript>enable javascript</noscript>
              </main>
              <footer>Copyright footer</footer>
            </body>
            </html>
            """;

    @Test
    void extractsTitleAndBlockSeparatedText() throws Exception {
        ExtractedText out = extractor.extract(SAMPLE.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8",
                "https://example.test/");

        assertThat(out.title()).isEqualTo("The Gleaner Sample");
        assertThat(out.text()).isEqualTo("""
                Main heading
                First paragraph with bold and a link.
                Second
                line break
                one
                two
                Déjà vu — naïve café
                code   keeps
                  spacing""");
    }

    @Test
    void dropsScriptsStylesNavHeaderAndFooter() throws Exception {
        String text = extractor.extract(SAMPLE.getBytes(StandardCharsets.UTF_8), "text/html", "").text();

        assertThat(text).doesNotContain("tracking", "color", "Site banner", "Home", "About", "Copyright", "nope",
                "enable javascript");
    }

    @Test
    void usesTheCharsetOfTheContentTypeHeader() throws Exception {
        String html = "<html><head><title>Café</title></head><body><p>Grüße aus Köln</p></body></html>";
        byte[] latin1 = html.getBytes(Charset.forName("ISO-8859-1"));

        ExtractedText out = extractor.extract(latin1, "text/html; charset=ISO-8859-1", "");

        assertThat(out.title()).isEqualTo("Café");
        assertThat(out.text()).isEqualTo("Grüße aus Köln");
    }

    @Test
    void detectsTheCharsetFromTheDocumentWhenTheHeaderHasNone() throws Exception {
        String html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
                + "<title>Prix</title></head><body><p>Coût : 5 €</p></body></html>";
        byte[] cp1252 = html.getBytes(Charset.forName("windows-1252"));

        assertThat(extractor.extract(cp1252, "text/html", "").text()).isEqualTo("Coût : 5 €");
    }

    @Test
    void anUnknownCharsetFallsBackToDetection() throws Exception {
        byte[] utf8 = "<p>naïve</p>".getBytes(StandardCharsets.UTF_8);

        assertThat(extractor.extract(utf8, "text/html; charset=x-no-such-charset", "").text()).isEqualTo("naïve");
    }

    @Test
    void aDocumentWithoutTitleOrBodyTextGivesNullTitleAndEmptyText() throws Exception {
        ExtractedText out = extractor.extract("<html><head></head><body><script>x</script></body></html>"
                .getBytes(StandardCharsets.UTF_8), "text/html", "");

        assertThat(out.title()).isNull();
        assertThat(out.text()).isEmpty();
    }
}
