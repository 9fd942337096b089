package org.gleaner.builder.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class MainTextExtractorTest {
    private final MainTextExtractor extractor = new MainTextExtractor();

    private static final String PROSE = "The committee met on Tuesday to discuss the new water rules, which had been "
            + "debated for months, and decided, after a long and careful hearing, to adopt them in full. ";

    private static String page(String article) {
        return """
                <!DOCTYPE html><html><head><meta charset="utf-8"><title>Water rules adopted | Town News</title></head>
                <body>
                  <div class="site-header"><a href="/">Town News</a> <a href="/sports">Sports</a></div>
                  <div id="menu"><ul><li><a href="/a">Politics</a></li><li><a href="/b">Weather</a></li>
                    <li><a href="/c">Local events and more</a></li></ul></div>
                  <div class="layout">
                    <div class="main-column">%s</div>
                    <div class="sidebar"><h3>Most read</h3><ul>
                      <li><a href="/x">Storm hits the coast, cutting power to thousands</a></li>
                      <li><a href="/y">Mayor opens the new library after years of delay</a></li></ul></div>
                  </div>
                  <div class="share-buttons"><a href="#">Share on Twitter</a> <a href="#">Share by mail</a></div>
                  <div id="comments"><p>Great article, thanks, I agree with every word of it, really, yes.</p></div>
                  <div class="footer">Imprint · Privacy · Copyright 2024 Town News</div>
                </body></html>
                """.formatted(article);
    }

    private String extract(String html) throws ExtractionException {
        return extractor.extract(html.getBytes(StandardCharsets.UTF_8), "text/html", "https://news.test/").text();
    }

    @Test
    void keepsTheArticleAndDropsMenusSidebarsSharingCommentsAndFooter() throws Exception {
        String text = extract(page("<h1>Water rules adopted</h1><p>" + PROSE + "</p><p>" + PROSE + "</p>"
                + "<p>The rules take effect in spring, the clerk said, and apply to every household.</p>"));

        assertThat(text).contains("Water rules adopted", "decided, after a long and careful hearing",
                "The rules take effect in spring");
        assertThat(text).doesNotContain("Politics", "Most read", "Storm hits the coast", "Share on Twitter",
                "Great article", "Imprint", "Town News");
    }

    @Test
    void keepsHeadingsListsTablesAndCodeThatArePartOfTheArticle() throws Exception {
        String text = extract(page("<h1>Setting up the pump</h1><p>" + PROSE + "</p>"
                + "<h2>What you need</h2><ul><li>a 12 mm spanner for the valve</li><li>two litres of oil</li></ul>"
                + "<p>" + PROSE + "</p><table><tr><th>Model</th><th>Flow</th></tr><tr><td>P-100</td><td>40 l/min</td></tr>"
                + "</table><pre>pump --start   --rate 40</pre><p>" + PROSE + "</p>"));

        assertThat(text).contains("Setting up the pump", "What you need", "a 12 mm spanner for the valve",
                "two litres of oil", "Model | Flow", "P-100 | 40 l/min", "pump --start   --rate 40");
        assertThat(text.lines()).contains("What you need", "a 12 mm spanner for the valve");
    }

    @Test
    void keepsArticleParagraphsThatAreLinksInTheText() throws Exception {
        String text = extract(page("<p>" + PROSE + "</p><p>Sign the petition here:</p>"
                + "<p><a href=\"https://petition.test/water\">https://petition.test/water</a></p><p>" + PROSE + "</p>"));

        assertThat(text).contains("https://petition.test/water");
    }

    @Test
    void theLocatorPrefersTheMarkedArticleOverALongerCommentThread() {
        // Only the locator: the paragraph classifier's second opinion would take an unmarked comment thread more
        // than as long as the article as prose (see ParagraphClassifierTest); real threads carry comment hints.
        String comments = ("<div class=\"c\"><p>" + PROSE + "</p></div>").repeat(8);
        Element body = Jsoup.parse("<html><body><div id=\"content\"><article><h1>Essay</h1><p>" + PROSE.repeat(5)
                + "</p><p>The second point, often forgotten, matters most of all, as the author argues.</p></article>"
                + "<section class=\"discussion\">" + comments + "</section></div></body></html>").body();

        ContentLocator.Located located = ContentLocator.locate(body, TextStats.compute(body));

        assertThat(located.markedArticle()).isTrue();
        assertThat(located.elements()).singleElement().extracting(Element::normalName).isEqualTo("article");
    }

    @Test
    void dropsACommentThreadMarkedAsComments() throws Exception {
        String comments = ("<div class=\"comment\"><p>" + PROSE + "</p></div>").repeat(8);
        String text = extract("<html><body><div id=\"content\"><article><h1>Essay</h1><p>" + PROSE.repeat(5)
                + "</p></article><section class=\"comments\">" + comments + "</section></div></body></html>");

        assertThat(text.split("The committee met", -1)).hasSize(6);
    }

    @Test
    void fallsBackToThePageWhenNoBlockStandsOut() throws Exception {
        String text = extract("<html><body><div>Short note one.</div><div>Short note two.</div></body></html>");

        assertThat(text).contains("Short note one.", "Short note two.");
    }

    @Test
    void dropsHiddenElementsSoftHyphensAndDateLines() throws Exception {
        String text = extract(page("<p class=\"date\">31. Mai 2012</p><p>Wäh\u00ADrend " + PROSE + "</p>"
                + "<div style=\"display: none\">secret tracking text</div><p>" + PROSE + "</p>"));

        assertThat(text).contains("Während The committee").doesNotContain("31. Mai", "secret tracking");
    }

    @Test
    void refusesBinaryBodiesAndBodiesOverTheLimit() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
        assertThatThrownBy(() -> extractor.extract(png, "text/html", "")).isInstanceOf(ExtractionException.class)
                .hasMessageContaining("binary");

        MainTextExtractor small = new MainTextExtractor(100);
        byte[] big = ("<p>" + "x".repeat(200) + "</p>").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> small.extract(big, "text/html", "")).isInstanceOf(ExtractionException.class)
                .hasMessageContaining("exceeds the limit");
    }

    @Test
    void survivesDeeplyNestedMarkup() throws Exception {
        String html = "<html><body>" + "<div>".repeat(5_000) + "<p>" + PROSE + "</p>" + "</div>".repeat(5_000)
                + "</body></html>";

        assertThat(extract(html)).contains("The committee met");
    }

    @Test
    void refusesDocumentsWithTooManyElements() {
        String html = "<html><body>" + "<div>".repeat(MainTextExtractor.MAX_ELEMENTS + 1) + "</body></html>";

        assertThatThrownBy(() -> extract(html)).isInstanceOf(ExtractionException.class)
                .hasMessageContaining("more than the limit");
    }

    @Test
    void takesTheTitleFromTheTitleElementThenOpenGraphThenH1() throws Exception {
        assertThat(extractor.extract("<title> A  title </title><p>x</p>".getBytes(StandardCharsets.UTF_8), "", "")
                .title()).isEqualTo("A title");
        assertThat(extractor.extract("<meta property=\"og:title\" content=\"OG\"><p>x</p>"
                .getBytes(StandardCharsets.UTF_8), "", "").title()).isEqualTo("OG");
        assertThat(extractor.extract("<h1>Heading</h1><p>x</p>".getBytes(StandardCharsets.UTF_8), "", "")
                .title()).isEqualTo("Heading");
    }
}
