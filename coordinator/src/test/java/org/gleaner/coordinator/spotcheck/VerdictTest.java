package org.gleaner.coordinator.spotcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.coordinator.credit.ReasonCode;
import org.gleaner.protocol.codec.Bytes;
import org.junit.jupiter.api.Test;

/** The majority rule of a dispute: a party is penalised only when every arbiter contradicts it. */
class VerdictTest {
    private static final String URL = "http://a.example/p";
    private static final String TRUE_TEXT = "the real page about apples, pears, orchards, blossom and the harvest in autumn";
    private static final String FAKE_TEXT = "casino bonus, cheap loans, miracle pills, free spins, click here right now";
    private static final String OTHER_TEXT = "a third page entirely: trains, timetables, platforms, delays and conductors";

    private static SpotChecks.Fetch fetch(String node, String text) {
        byte[] body = ("<p>" + text + "</p>").getBytes(StandardCharsets.UTF_8);
        return new SpotChecks.Fetch(node, "lease-" + node, Bytes.sha256(body), TextFingerprint.of(body, "text/html"), body.length);
    }

    @Test
    void twoArbitersAgainstTheCheckerPenaliseTheCheckerOnly() {
        List<CreditEvent> out = Verdict.of(URL, fetch("orig", TRUE_TEXT), fetch("chk", FAKE_TEXT),
                List.of(fetch("arb1", TRUE_TEXT), fetch("arb2", TRUE_TEXT)));
        assertThat(out).filteredOn(e -> e.kind() == CreditEvent.Kind.SPOT_CHECK_FAILED).singleElement().satisfies(e -> {
            assertThat(e.nodeId()).isEqualTo("chk");
            assertThat(e.witnesses()).containsExactly("orig", "arb1", "arb2");
        });
        assertThat(out).filteredOn(e -> e.kind() == CreditEvent.Kind.SPOT_CHECK_AGREED).singleElement()
                .satisfies(e -> assertThat(e.nodeId()).isEqualTo("orig"));
    }

    @Test
    void twoArbitersWithTheCheckerPenaliseTheOriginal() {
        assertThat(Verdict.of(URL, fetch("orig", FAKE_TEXT), fetch("chk", TRUE_TEXT),
                List.of(fetch("arb1", TRUE_TEXT), fetch("arb2", TRUE_TEXT)))).singleElement().satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(CreditEvent.Kind.SPOT_CHECK_FAILED);
                    assertThat(e.nodeId()).isEqualTo("orig");
                });
    }

    @Test
    void splitArbitersPenaliseNobody() {
        // A colluding arbiter sides with the cheating checker; the honest arbiter with the original: no majority.
        assertThat(Verdict.of(URL, fetch("orig", TRUE_TEXT), fetch("chk", FAKE_TEXT),
                List.of(fetch("partner", FAKE_TEXT), fetch("arb2", TRUE_TEXT)))).singleElement().satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(CreditEvent.Kind.SPOT_CHECK_UNJUDGED);
                    assertThat(e.reason()).contains(ReasonCode.SPOT_CHECK_SPLIT);
                });
    }

    @Test
    void anArbiterThatFetchedSomethingElseClearsTheOriginalOnlyIfAnotherSidesWithIt() {
        assertThat(Verdict.of(URL, fetch("orig", TRUE_TEXT), fetch("chk", FAKE_TEXT),
                List.of(fetch("arb1", OTHER_TEXT), fetch("arb2", TRUE_TEXT)))).singleElement().satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(CreditEvent.Kind.SPOT_CHECK_AGREED);
                    assertThat(e.witnesses()).containsExactly("arb2");
                });
        assertThat(Verdict.of(URL, fetch("orig", TRUE_TEXT), fetch("chk", FAKE_TEXT),
                List.of(fetch("arb1", OTHER_TEXT)))).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains(ReasonCode.SPOT_CHECK_SPLIT));
    }
}
