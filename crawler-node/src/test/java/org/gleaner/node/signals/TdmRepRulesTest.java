package org.gleaner.node.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TdmRepRulesTest {
    private static Optional<TdmRepRules> parse(String json) {
        return TdmRepRules.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theFirstMatchingRuleApplies() {
        TdmRepRules rules = parse("[{\"location\":\"/images/*.jpg$\",\"tdm-reservation\":1,\"tdm-policy\":\"https://p.example/a\"},"
                + "{\"location\":\"/images/\",\"tdm-reservation\":0},{\"location\":\"/\",\"tdm-reservation\":1}]").orElseThrow();
        assertThat(rules.size()).isEqualTo(3);
        assertThat(rules.match("/images/cat.jpg").orElseThrow().policy()).isEqualTo("https://p.example/a");
        assertThat(rules.match("/images/cat.jpg?x=1").orElseThrow().reservation()).as("$ anchors the end").isEqualTo("0");
        assertThat(rules.match("/images/a/b.png").orElseThrow().reservation()).isEqualTo("0");
        assertThat(rules.match("/text").orElseThrow().reservation()).isEqualTo("1");
        assertThat(parse("[{\"location\":\"/only\",\"tdm-reservation\":1}]").orElseThrow().match("/other")).isEmpty();
    }

    @Test
    void malformedOrOversizedFilesGiveNoRules() {
        for (String bad : new String[] {"{}", "not json", "[{\"location\":\"/\"}]", "[{\"location\":\"/\",\"tdm-reservation\":2}]",
                "[{\"location\":\"/\",\"tdm-reservation\":\"1\"}]", "[{\"location\":7,\"tdm-reservation\":1}]",
                "[{\"location\":\"no-slash\",\"tdm-reservation\":1}]", "[{\"location\":\"/\",\"tdm-reservation\":1,\"tdm-policy\":5}]"}) {
            assertThat(parse(bad)).as(bad).isEmpty();
        }
        assertThat(TdmRepRules.parse(new byte[TdmRepRules.MAX_BYTES + 1])).isEmpty();
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= TdmRepRules.MAX_RULES; i++) {
            many.append(i == 0 ? "" : ",").append("{\"location\":\"/\",\"tdm-reservation\":0}");
        }
        assertThat(parse(many.append("]").toString())).isEmpty();
    }

    @Test
    void wildcardsMatchWithoutBacktrackingBlowUp() {
        assertThat(TdmRepRules.matches("/a*b*c", "/axxbyyc/more")).isTrue();
        assertThat(TdmRepRules.matches("/a*b*c$", "/axxbyyc/more")).isFalse();
        assertThat(TdmRepRules.matches("*", "/anything")).isTrue();
        assertThat(TdmRepRules.matches("/", "/")).isTrue();
        assertThat(TdmRepRules.matches("/x", "/")).isFalse();
        // A pattern that makes naive regex backtracking explode answers at once here.
        String pattern = "/" + "*a".repeat(200) + "$";
        assertThat(TdmRepRules.matches(pattern, "/" + "a".repeat(2000) + "b")).isFalse();
    }
}
