package org.gleaner.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StoryLogTest {

    @Test
    void onATerminalTheStatusIsRewrittenInPlaceAndStoryLinesGoAboveIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StoryLog log = new StoryLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        log.status("crawl 1");
        log.say("a subject bound an address");
        log.status("crawl 2");
        log.endStatus();
        String out = bytes.toString(StandardCharsets.UTF_8);
        // Only the story line and the final status end in a newline; the status is redrawn after the story line.
        assertThat(out.split("\n", -1)).hasSize(3);
        assertThat(out).contains("a subject bound an address\n");
        assertThat(out.substring(out.indexOf("a subject bound an address\n"))).contains("crawl 1");
        assertThat(out).endsWith("crawl 2\n");
    }

    @Test
    void elsewhereEveryStatusIsItsOwnLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StoryLog log = new StoryLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        log.status("crawl 1");
        log.say("story");
        log.status("crawl 2");
        log.endStatus();
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(3).allSatisfy(l -> assertThat(l).startsWith("[devnet ").doesNotContain("\r"));
        assertThat(lines[2]).endsWith("crawl 2");
    }
}
