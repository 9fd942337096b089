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
            assertThat(all(a)).as(e.tagName()).containsExactly(all(b));
        }
        assertThat(fresh.of(body).chars).isEqualTo("One,two,three.Fourfive.".length());
    }

    @Test
    void aCopysMeasuresAreThoseOfAFreshPassOverTheCopy() {
        Element body = Jsoup.parse(PAGE + "<a href=/y><div id=linked><p>Ten: 11, twelve.</p></div></a>").body();
        TextStats stats = TextStats.compute(body);
        stats.remove(body.getElementById("drop").selectFirst("ul"));

        for (String id : new String[] {"keep", "drop", "linked"}) {
            Element original = body.getElementById(id);
            Element copy = original.clone();
            TextStats taken = stats.forCopy(original, copy);
            TextStats fresh = TextStats.compute(copy);
            for (Element e : copy.getAllElements()) {
                assertThat(all(taken.of(e))).as(id + " " + e.tagName()).containsExactly(all(fresh.of(e)));
            }
        }
        assertThat(stats.forCopy(body.getElementById("linked"), body.getElementById("linked").clone())
                .of(body.getElementById("linked")).chars).as("an original is not its copy").isZero();
    }

    private static int[] all(TextStats.Counts c) {
        return new int[] {c.chars, c.linkChars, c.commas, c.ownChars, c.paragraphs, c.listItems, c.images,
                c.codeBlocks, c.articles, c.colons, c.digits, c.stops};
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
