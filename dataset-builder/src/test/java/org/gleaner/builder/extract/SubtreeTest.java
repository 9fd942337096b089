package org.gleaner.builder.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class SubtreeTest {
    @Test
    void blanknessIsThatOfTheElementsText() {
        String[] bodies = {"", " \n\t ", "<b> </b> <i>\r</i>", "x", " <span> </span><em>y</em>", "\u00A0",
            "<pre>\u00A0</pre>", "\u200B", "<pre>\u200B</pre>", "\u00AD ", "\u2003", "\u0001", "<pre>\u0001 </pre>",
            "<br><br>", "<p></p><p> </p>", "<![CDATA[ ]]>", "<div>\u3000</div>", "<p>\u2028</p>"};
        for (String body : bodies) {
            Element div = Jsoup.parse("<div id=t>" + body + "</div>").getElementById("t");
            assertThat(Subtree.isBlank(div)).as("[" + body + "]").isEqualTo(div.text().isBlank());
        }
    }

    @Test
    void anElementIsAttachedUntilItOrAnAncestorIsRemoved() {
        Element root = Jsoup.parse("<div id=r><section id=s><p id=p>x</p></section></div>").getElementById("r");
        Element p = root.getElementById("p");
        Element section = root.getElementById("s");

        assertThat(Subtree.isAttached(p, root)).isTrue();
        assertThat(Subtree.isAttached(root, root)).isTrue();
        section.remove();
        assertThat(Subtree.isAttached(p, root)).isFalse();
        assertThat(Subtree.isAttached(section, root)).isFalse();
    }
}
