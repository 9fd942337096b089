package org.gleaner.builder.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.builder.extract.HarbourArticle.BODY;
import static org.gleaner.builder.extract.HarbourArticle.extract;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class SiblingRemovalsTest {
    @Test
    void removesARunOfSiblingsAndLeavesTheRestInOrderWithWorkingSiblingLinks() {
        Element body = Jsoup.parseBodyFragment("<p id=a>a</p>x<ul id=b></ul><ul id=c></ul>y<p id=d>d</p><ul id=e></ul>")
                .body();
        List<Element> all = body.children();
        SiblingRemovals removals = new SiblingRemovals();
        removals.remove(all.get(4));
        removals.remove(all.get(2));
        removals.remove(all.get(1));
        assertThat(body.children()).hasSize(5); // held back until flushed
        removals.flush();

        assertThat(body.html().replace("\n", "")).isEqualTo("<p id=\"a\">a</p>xy<p id=\"d\">d</p>");
        assertThat(body.getElementById("d").previousElementSibling().id()).isEqualTo("a");
        assertThat(body.getElementById("a").nextElementSibling().id()).isEqualTo("d");
        assertThat(all.get(1).parent()).isNull();
        assertThat(all.get(4).parent()).isNull();
    }

    @Test
    void carriesOutTheRunBeforeItsParentOrAnAncestorIsJudged() {
        Element body = Jsoup.parseBodyFragment("<div id=outer><div id=inner><ul></ul><ul></ul></div></div>").body();
        Element inner = body.getElementById("inner");
        SiblingRemovals removals = new SiblingRemovals();
        removals.remove(inner.child(1));
        removals.remove(inner.child(0));

        removals.beforeJudging(body.getElementById("outer"));

        assertThat(inner.childrenSize()).isZero();
    }

    @Test
    void aLongRunOfLinkListsGoesWithItsLeadInsAndTheTextAroundStays() throws Exception {
        StringBuilder lists = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            if (i % 500 == 0) {
                lists.append("<h3>More on this topic</h3>");
            }
            lists.append("<ul><li><a href=\"/").append(i).append("\">Other story number ").append(i)
                    .append("</a></li></ul>");
        }
        String text = extract("<body><article><h2>The plan</h2>" + BODY + lists + BODY.replace("Monday", "Tuesday")
                + "</article></body>");

        assertThat(text).contains("The plan", "approved the plan on Monday", "approved the plan on Tuesday")
                .doesNotContain("More on this topic", "Other story number");
    }
}
