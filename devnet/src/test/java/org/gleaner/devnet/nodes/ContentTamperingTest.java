package org.gleaner.devnet.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import org.gleaner.devnet.site.DemoContent;
import org.gleaner.devnet.site.DemoJournal;
import org.junit.jupiter.api.Test;

class ContentTamperingTest {

    @Test
    void replacesTheTextButKeepsTitleAndLinks() {
        String original = DemoContent.pages(DemoJournal.ALL.get(0)).get("/articles/5.html");
        String altered = new ContentTampering().apply(original);
        assertThat(altered).isNotEqualTo(original).contains("miracle supplements");
        assertThat(altered).contains("<title>").contains("href=\"/articles/6.html\"");
        assertThat(altered).doesNotContain("Volunteers gathered early").doesNotContain("Questions about this piece");
    }

    @Test
    void altersEveryPageOfTheDemo() {
        ContentTampering tampering = new ContentTampering();
        for (DemoJournal journal : DemoJournal.ALL) {
            DemoContent.pages(journal).forEach((path, html) ->
                    assertThat(tampering.apply(html)).as(journal.host() + path).contains(ContentTampering.BANNER));
        }
    }
}
