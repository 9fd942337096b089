package org.gleaner.builder.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A thin HTML extractor: jsoup parses the bytes with the charset the Content-Type names (when the JVM knows
 * it) or the one jsoup detects (byte-order mark, {@code <meta charset>}, else UTF-8). The title is the
 * document's {@code <title>}; the text is the body's text with scripts, styles, navigation, headers and
 * footers removed and one line per block element. A main-content extractor replaces it later.
 */
public final class HtmlTextExtractor implements TextExtractor {

    /** Elements whose content never belongs to the document's text. */
    static final String REMOVED = "script, style, noscript, template, iframe, object, embed, svg, canvas, "
            + "nav, header, footer, [hidden]";

    @Override
    public ExtractedText extract(byte[] body, String contentType, String baseUrl) throws ExtractionException {
        String charset = ContentType.parse(contentType).supportedCharset().orElse(null);
        Document doc;
        try {
            doc = Jsoup.parse(new ByteArrayInputStream(body), charset, baseUrl == null ? "" : baseUrl);
        } catch (IOException | RuntimeException e) {
            throw new ExtractionException("cannot parse HTML: " + e.getMessage(), e);
        }
        String title = doc.title().replaceAll("[\\s\\u00A0]+", " ").strip();
        doc.select(REMOVED).remove();
        Element root = doc.body() != null ? doc.body() : doc;
        return new ExtractedText(title, BlockText.of(root));
    }
}
