package org.gleaner.builder.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class ContentLocatorTest {
    private static final String PARAGRAPH = "<p>A sentence long enough to score, with a comma, and then some more words.</p>";
    /** Two containers that score exactly alike, with different ids, far apart in the tree. */
    private static final String PAGE = "<body><div><div id=first>" + PARAGRAPH.repeat(3) + "</div></div>"
            + "<section><div><div id=second>" + PARAGRAPH.repeat(3) + "</div></div></section></body>";

    @Test
    void equalScoresGoToTheFirstContainerScoredOnEveryRun() {
        for (int run = 0; run < 50; run++) {
            Element body = Jsoup.parse(PAGE).body();
            ContentLocator.Located located = ContentLocator.locate(body, TextStats.compute(body));
            assertThat(located.elements()).as("run " + run).singleElement()
                    .satisfies(e -> assertThat(e.getElementById("first")).isNotNull());
        }
    }
}
