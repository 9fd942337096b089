package org.gleaner.builder.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class TextStatsTest {
    private static final String PAGE = "<body><main><div id=\"keep\"><p>One, two, three.</p><p>Four <a href=\"/\">five"
            + "</a>.</p></div><div id=\"drop\"><ul><li><a href=\"/x\">six, seven</a></li></ul><img src=a>"
            + "<article><p>eight</p><pre>nine</pre></article></div></main></body>";

    @Test
    void removingAnElementLeavesTheMeasuresOfAFreshPassOverTheTreeWithoutIt() {
        Element body = Jsoup.parse(PAGE).body();
        TextStats updated = TextStats.compute(body);

        updated.remove(body.getElementById("drop"));
        TextStats fresh = TextStats.compute(body);

        for (Element e : body.getAllElements()) {
            TextStats.Counts a = updated.of(e);
            TextStats.Counts b = fresh.of(e);
            assertThat(new int[] {a.chars, a.linkChars, a.commas, a.ownChars, a.paragraphs, a.listItems, a.images,
                    a.codeBlocks, a.articles}).as(e.tagName()).containsExactly(b.chars, b.linkChars, b.commas,
                    b.ownChars, b.paragraphs, b.listItems, b.images, b.codeBlocks, b.articles);
        }
        assertThat(fresh.of(body).chars).isEqualTo("One,two,three.Fourfive.".length());
    }

    @Test
    void countsDescendantsThatMarkAnArticle() {
        Element body = Jsoup.parse(PAGE).body();
        TextStats stats = TextStats.compute(body);

        assertThat(stats.of(body.getElementById("drop")).articles).isEqualTo(1);
        assertThat(stats.of(body).articles).isEqualTo(2); // main and article
        assertThat(stats.of(body.getElementById("keep")).articles).isZero();
    }
}
