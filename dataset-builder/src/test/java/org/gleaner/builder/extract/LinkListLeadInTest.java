package org.gleaner.builder.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A removed link list takes the short line that announces it along. */
class LinkListLeadInTest {
    private static final String BODY = "<p>The harbour board approved the plan on Monday, after a long debate, and the "
            + "works will start in May, the chair said, with the dredging of the inner basin first.</p>"
            + "<p>Fishermen, who had opposed the first draft, welcomed the changes, which keep the old quay open "
            + "during the works and move the crane to the eastern pier.</p>";

    private static String extract(String html) throws ExtractionException {
        return new MainTextExtractor().extract(html.getBytes(StandardCharsets.UTF_8), "text/html", "").text();
    }

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
