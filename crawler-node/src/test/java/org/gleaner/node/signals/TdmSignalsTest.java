package org.gleaner.node.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TdmSignalsTest {
    private static final TdmSignals.Tdm NONE = TdmSignals.Tdm.NONE;

    @Test
    void aReservationFromAnySourceCounts() {
        Optional<TdmRepRules.Rule> fileSaysNo = Optional.of(new TdmRepRules.Rule("/", "0", ""));
        assertThat(TdmSignals.resolve(fileSaysNo, "1", "https://h.example/p", NONE))
                .isEqualTo(new TdmSignals.Tdm("1", "https://h.example/p"));
        assertThat(TdmSignals.resolve(fileSaysNo, "", "", new TdmSignals.Tdm("1", "https://m.example")))
                .isEqualTo(new TdmSignals.Tdm("1", "https://m.example"));
        assertThat(TdmSignals.resolve(fileSaysNo, "0", "", NONE)).isEqualTo(new TdmSignals.Tdm("0", ""));
        assertThat(TdmSignals.resolve(Optional.empty(), "", "", NONE)).isEqualTo(NONE);
        assertThat(TdmSignals.resolve(Optional.empty(), " yes ", "", NONE)).as("only 0 and 1 mean something").isEqualTo(NONE);
    }

    @Test
    void readsMetaTagsOfHtmlOnly() {
        byte[] html = "<html><head><META NAME=\"tdm-reservation\" CONTENT=\" 1 \"><meta name=\"tdm-policy\" content=\"https://x.example/p\"></head></html>"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(TdmSignals.fromHtml(html, "text/html; charset=utf-8", StandardCharsets.UTF_8))
                .isEqualTo(new TdmSignals.Tdm("1", "https://x.example/p"));
        assertThat(TdmSignals.fromHtml(html, "text/plain", StandardCharsets.UTF_8)).isEqualTo(NONE);
        assertThat(TdmSignals.fromHtml("<p>no signal</p>".getBytes(StandardCharsets.UTF_8), "text/html", StandardCharsets.UTF_8))
                .isEqualTo(NONE);
    }
}
