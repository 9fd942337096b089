package org.gleaner.builder.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.builder.extract.HarbourArticle.BODY;
import static org.gleaner.builder.extract.HarbourArticle.extract;

import org.junit.jupiter.api.Test;

/** Chrome words that also name an article's own parts: prose decides, not the class name. */
class ArticlePartsTest {
    @Test
    void keepsTheLeadInsideAnArticleHeaderAndDropsTheSiteHeader() throws Exception {
        String text = extract("<body><header class=\"site\"><a href=\"/\">Harbour Times</a> <a href=\"/n\">News</a>"
                + " <a href=\"/s\">Sport</a></header><article><header><h1>Harbour plan approved</h1><p>The long-awaited "
                + "plan for the old harbour has been approved, ending three years of argument between the town and "
                + "its fishermen.</p></header>" + BODY + "</article></body>");

        assertThat(text).contains("ending three years of argument", "Fishermen, who had opposed");
        assertThat(text).doesNotContain("Harbour Times", "Sport");
    }

    @Test
    void keepsATeaserParagraphThatIsTheLeadButNotATeaserListOfOtherArticles() throws Exception {
        String text = extract("<body><div class=\"story\"><p class=\"article-teaser\">The long-awaited plan for the "
                + "old harbour has been approved, ending three years of argument between the town and its "
                + "fishermen.</p>" + BODY + "</div><div class=\"teaser\"><a href=\"/1\">Storm damages the lighthouse"
                + "</a> <a href=\"/2\">New ferry line opens in June</a></div></body>");

        assertThat(text).contains("ending three years of argument", "Fishermen, who had opposed");
        assertThat(text).doesNotContain("Storm damages the lighthouse", "New ferry line");
    }

    @Test
    void keepsAPageBuildersTextWidgetButNotALinkWidget() throws Exception {
        String text = extract("<body><div class=\"builder-widget builder-widget-text\">" + BODY + "</div>"
                + "<div class=\"builder-widget\"><a href=\"/a\">Archive of all harbour stories</a></div></body>");

        assertThat(text).contains("Fishermen, who had opposed");
        assertThat(text).doesNotContain("Archive of all harbour stories");
    }

    @Test
    void keepsAnInlineDatelineThatStartsTheFirstSentence() throws Exception {
        String text = extract("<body><div class=\"entry\"><p><span class=\"dateline\">PORTSMOUTH – </span>The "
                + "harbour board approved the plan on Monday.</p>" + BODY + "</div></body>");

        assertThat(text).contains("PORTSMOUTH – The harbour board approved the plan on Monday.");
    }
}
