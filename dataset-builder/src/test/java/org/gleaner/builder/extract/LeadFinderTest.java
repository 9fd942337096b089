package org.gleaner.builder.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.builder.extract.HarbourArticle.extract;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class LeadFinderTest {
    private static final String PARAGRAPH = "<p>The harbour board approved the plan on Monday, after a long debate, "
            + "and the works will start in May, the chair said, with the dredging of the inner basin first.</p>";
    private static final String BODY = "<div class=\"body\">" + PARAGRAPH.repeat(6) + "</div>";

    @Test
    void keepsTheStandfirstBetweenTheHeadingAndTheBody() throws Exception {
        String text = extract("<body><div class=\"top\"><h1>Harbour plan approved</h1><h2>After three years of "
                + "argument, the town and its fishermen have agreed on how the old harbour will be rebuilt.</h2>"
                + "<div>Reading time: 4 min</div></div>" + BODY + "</body>");

        assertThat(text).startsWith("After three years of argument");
        assertThat(text).contains("dredging of the inner basin").doesNotContain("Reading time");
    }

    @Test
    void keepsNoLinkListsFromTheHeadZone() throws Exception {
        String text = extract("<body><h1>Harbour plan approved</h1><div><a href=\"/1\">More stories about the harbour "
                + "and the town's plans for the coming years</a> <a href=\"/2\">All news</a></div>" + BODY + "</body>");

        assertThat(text).doesNotContain("More stories about the harbour");
    }

    @Test
    void ignoresALogoHeadingFarAboveTheContent() {
        String prose = "<div><p>Welcome to the Harbour Times, the town's oldest newspaper, read in every house along "
                + "the coast since 1901, and proud of it.</p></div>";
        Document doc = Jsoup.parse("<body><h1>Harbour Times</h1>" + prose.repeat(8) + "<div id=\"content\">"
                + PARAGRAPH.repeat(3) + "</div></body>");
        Element content = doc.getElementById("content");

        assertThat(LeadFinder.lead(doc.body(), content, TextStats.compute(doc.body()))).isEmpty();
    }

    @Test
    void findsTheLeadWhenTheHeadZoneIsSmallNextToTheContent() {
        String prose = "<div><p>Welcome to the Harbour Times, the town's oldest newspaper, read in every house along "
                + "the coast since 1901, and proud of it.</p></div>";
        Document doc = Jsoup.parse("<body><h1>Harbour Times</h1>" + prose + "<div id=\"content\">"
                + PARAGRAPH.repeat(3) + "</div></body>");
        Element content = doc.getElementById("content");

        assertThat(LeadFinder.lead(doc.body(), content, TextStats.compute(doc.body()))).singleElement()
                .extracting(Element::text).asString().startsWith("Welcome to the Harbour Times");
    }
}
