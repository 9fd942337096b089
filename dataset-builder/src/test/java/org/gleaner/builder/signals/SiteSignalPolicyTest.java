package org.gleaner.builder.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.gleaner.protocol.page.SiteSignals;
import org.junit.jupiter.api.Test;

class SiteSignalPolicyTest {
    private final SiteSignalPolicy trainAi = new SiteSignalPolicy("train-ai");
    private final SiteSignalPolicy trainGenai = new SiteSignalPolicy("train-genai");

    private static SiteSignals robots(String rules) {
        return new SiteSignals(rules, "", "", "", "");
    }

    private static SiteSignals xRobots(String value) {
        return new SiteSignals("", value, "", "", "");
    }

    private static SiteSignals contentUsage(String value) {
        return new SiteSignals("", "", value, "", "");
    }

    private static SiteSignals tdm(String reservation) {
        return new SiteSignals("", "", "", reservation, "");
    }

    @Test
    void noSignalsRefuseNothing() {
        assertThat(trainAi.refusal(SiteSignals.NONE)).isEmpty();
    }

    @Test
    void xRobotsTagNoAiRefusesButNoImageAiDoesNotRefuseText() {
        assertThat(trainAi.refusal(xRobots("noindex, noai"))).contains(AiUseRefusal.X_ROBOTS_NOAI);
        assertThat(trainAi.refusal(xRobots("gleanerbot: NoAI"))).contains(AiUseRefusal.X_ROBOTS_NOAI);
        assertThat(trainAi.refusal(xRobots("noimageai"))).isEmpty();
        assertThat(trainAi.refusal(xRobots("noindex, nofollow"))).isEmpty();
    }

    @Test
    void contentUsageRefusesThePurposeAndItsBroaderCategories() {
        assertThat(trainAi.refusal(contentUsage("train-ai=n"))).contains(AiUseRefusal.CONTENT_USAGE);
        assertThat(trainAi.refusal(contentUsage("search=y, train-ai=n;exp=1"))).contains(AiUseRefusal.CONTENT_USAGE);
        assertThat(trainAi.refusal(contentUsage("train-ai=y, search=n"))).isEmpty();
        assertThat(trainAi.refusal(contentUsage("train-genai=n"))).isEmpty();
        assertThat(trainGenai.refusal(contentUsage("train-genai=n"))).contains(AiUseRefusal.CONTENT_USAGE);
        assertThat(trainGenai.refusal(contentUsage("train-ai=n"))).contains(AiUseRefusal.CONTENT_USAGE);
    }

    @Test
    void tdmReservationRefuses() {
        assertThat(trainAi.refusal(tdm("1"))).contains(AiUseRefusal.TDM_RESERVATION);
        assertThat(trainAi.refusal(tdm("0"))).isEmpty();
    }

    @Test
    void robotsDisallowAllForAnAiAgentRefuses() {
        assertThat(trainAi.refusal(robots("gleanerbot=allow-all; gptbot=disallow-all")))
                .contains(AiUseRefusal.ROBOTS_AI_AGENT);
        assertThat(trainAi.refusal(robots("gleanerbot=allow-all; ccbot=partial"))).isEmpty();
        assertThat(trainAi.refusal(robots("gleanerbot=allow-all"))).isEmpty();
    }

    @Test
    void otherPurposesAreNotSubjectToAiSignals() {
        SiteSignals all = new SiteSignals("gptbot=disallow-all", "noai", "train-ai=n", "1", "");
        assertThat(new SiteSignalPolicy("search").refusal(all)).isEmpty();
        assertThat(trainAi.refusal(all)).isPresent();
    }
}
