package org.gleaner.builder.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.builder.extract.HarbourArticle.BODY;
import static org.gleaner.builder.extract.HarbourArticle.extract;

import org.junit.jupiter.api.Test;

/** A removed link list takes the short line that announces it along. */
class LinkListLeadInTest {
    @Test
    void dropsTheLineAnnouncingARemovedLinkListButNotAHeadingOverText() throws Exception {
        String text = extract("<body><article><h2>The plan</h2>" + BODY + "<p><strong>Read also:</strong></p><ul>"
                + "<li><a href=\"/1\">Storm damages the lighthouse</a></li><li><a href=\"/2\">New ferry line opens"
                + "</a></li></ul><h3>More on this topic</h3><div><a href=\"/3\">Quay works in pictures</a> <a href="
                + "\"/4\">The board's members</a></div>" + BODY.replace("Monday", "Tuesday") + "</article></body>");

        assertThat(text).contains("The plan", "approved the plan on Tuesday")
                .doesNotContain("Read also", "More on this topic", "Storm damages");
    }
}
