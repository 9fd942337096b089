package org.gleaner.builder.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class ClassHintsTest {
    @Test
    void verdictsStayRightAfterMoreDistinctClassNamesThanTheTablesHold() {
        for (int i = 0; i < ClassHints.MAX_REMEMBERED_TOKENS + 1_000; i++) {
            assertThat(ClassHints.of(element("site" + i + "-sidebar x" + i))).isEqualTo(ClassHints.Hint.NEGATIVE);
        }
        assertThat(ClassHints.of(element("entry-content"))).isEqualTo(ClassHints.Hint.POSITIVE);
        assertThat(ClassHints.of(element("entry-content"))).isEqualTo(ClassHints.Hint.POSITIVE);
        assertThat(ClassHints.of(element("share-buttons"))).isEqualTo(ClassHints.Hint.NEGATIVE);
        assertThat(ClassHints.of(element("comments-open"))).isEqualTo(ClassHints.Hint.NEUTRAL);
        assertThat(ClassHints.ofToken("nav-content-news")).isEqualTo(ClassHints.Hint.NEGATIVE);
        assertThat(ClassHints.of(element("post-content sidebar"))).isEqualTo(ClassHints.Hint.NEUTRAL);
    }

    private static Element element(String className) {
        return Jsoup.parseBodyFragment("<div class=\"" + className + "\">x</div>").selectFirst("div");
    }
}
