package org.gleaner.builder.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class ParagraphClassifierTest {
    private static final String LONG = "The valve must be closed before the pump is opened, and the filter, which "
            + "collects the sand of the well, should be rinsed every month, or more often in a dry summer, when the water level in the well is low and the "
            + "pump draws more sand than usual, which wears the seals of the valve and, sooner or later, the motor itself.";
    /** Lengths count visible characters: LONG has more than 200, MEDIUM between 70 and 200. */
    private static final String MEDIUM = "Rinse the filter with cold water only, never with hot water, and let it dry in the shade.";

    private static String good(String html) {
        return ParagraphClassifier.goodText(Jsoup.parse(html).body());
    }

    @Test
    void keepsLongBlocksWithFewLinksAndDropsLinkBlocks() {
        String text = good("<p>" + LONG + "</p><p><a href=\"/1\">Pumps</a> · <a href=\"/2\">Filters and valves and "
                + "spare parts for every model</a></p><p>" + LONG + "</p>");

        assertThat(text.lines()).containsExactly(LONG, LONG);
    }

    @Test
    void shortAndMediumBlocksTakeTheClassOfTheirNeighbours() {
        String text = good("<p>Menu</p><p>" + MEDIUM + " Twice.</p><p>" + LONG + "</p><p>Step two:</p><p>" + LONG
                + "</p><p>Copyright 2024</p>");

        assertThat(text.lines()).containsExactly(MEDIUM + " Twice.", LONG, "Step two:", LONG);
    }

    @Test
    void keepsAHeadingWhenGoodTextFollowsIt() {
        String text = good("<div><a href=\"/\">Home</a> <a href=\"/shop\">Shop</a> <a href=\"/help\">Help</a></div>"
                + "<h2>Care of the pump</h2><p>" + LONG + "</p><h3>Archive</h3><ul><li><a href=\"/a\">2023</a></li>"
                + "</ul>");

        assertThat(text.lines()).containsExactly("Care of the pump", LONG);
    }

    @Test
    void theExtractorTakesTheClassifiersTextWhenTheLocatedBlockIsASmallPartOfThePagesProse() throws Exception {
        String spec = "<div class=\"spec\"><p>" + LONG + "</p></div>";
        String html = "<body><div class=\"product\"><div class=\"intro\"><p>The P-100 garden pump, with its steel "
                + "housing, its quiet motor, and its two-year warranty, is our best seller, and rightly so, since it "
                + "runs for years without care, in any garden, in sun, in frost, or in rain.</p></div></div>"
                + "<section>" + spec.repeat(2) + "</section><section>" + spec.repeat(2) + "</section>"
                + "<section>" + spec.repeat(2) + "</section></body>";

        String text = new MainTextExtractor().extract(html.getBytes(StandardCharsets.UTF_8), "text/html", "").text();

        assertThat(text).contains("The P-100 garden pump", "The valve must be closed");
    }
}
