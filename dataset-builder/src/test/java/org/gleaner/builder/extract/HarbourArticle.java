package org.gleaner.builder.extract;

import java.nio.charset.StandardCharsets;

/** What the extraction tests share: an article's body to put page chrome around, and the text extraction keeps. */
final class HarbourArticle {
    /** Two paragraphs of plain news prose, long enough to count as an article's body. */
    static final String BODY = "<p>The harbour board approved the plan on Monday, after a long debate, and the "
            + "works will start in May, the chair said, with the dredging of the inner basin first.</p>"
            + "<p>Fishermen, who had opposed the first draft, welcomed the changes, which keep the old quay open "
            + "during the works and move the crane to the eastern pier.</p>";

    private HarbourArticle() {
    }

    /** The main text {@link MainTextExtractor} keeps of the HTML page {@code html}. */
    static String extract(String html) throws ExtractionException {
        return new MainTextExtractor().extract(html.getBytes(StandardCharsets.UTF_8), "text/html", "").text();
    }
}
