package org.gleaner.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gleaner.coordinator.credit.CreditEvent;
import org.junit.jupiter.api.Test;

class SpotCheckVerdictsTest {
    private static final String HONEST_A = "a".repeat(64);
    private static final String HONEST_B = "b".repeat(64);
    private static final String CHEAT = "c".repeat(64);

    private static CreditEvent check(boolean agreed, String original, String url) {
        return CreditEvent.spotCheck(agreed, original, "lease-" + url, url);
    }

    @Test
    void theNodeThatAgreesWithNoOneIsDistrustedNotTheOneItFramed() {
        Map<String, Set<String>> fetchers = Map.of(
                "u1", Set.of(HONEST_A, HONEST_B), // A's page, checked by B: agreed
                "u2", Set.of(HONEST_B, CHEAT),    // B's page, checked by the cheat: failed (B framed)
                "u3", Set.of(HONEST_B, CHEAT),    // again
                "u4", Set.of(CHEAT, HONEST_A));   // the cheat's page, checked by A: failed
        SpotCheckVerdicts verdicts = SpotCheckVerdicts.of(fetchers, List.of(check(true, HONEST_A, "u1"),
                check(false, HONEST_B, "u2"), check(false, HONEST_B, "u3"), check(false, CHEAT, "u4"),
                CreditEvent.credited(HONEST_A, "lease-u5", "u5", 10)));

        assertThat(verdicts.failed(HONEST_B)).isEqualTo(2); // as the coordinator files it
        assertThat(verdicts.passed(HONEST_B)).isZero();
        assertThat(verdicts.agreements()).containsEntry(HONEST_B, 1L).containsEntry(HONEST_A, 1L);
        assertThat(verdicts.disagreements()).containsEntry(CHEAT, 3L);
        assertThat(verdicts.distrusted()).containsExactly(CHEAT);
    }

    @Test
    void aCheckWhoseCheckerIsAmbiguousCountsOnlyForTheOriginalNode() {
        SpotCheckVerdicts verdicts = SpotCheckVerdicts.of(Map.of("u1", Set.of(HONEST_A, HONEST_B, CHEAT)),
                List.of(check(false, HONEST_A, "u1")));
        assertThat(verdicts.failed(HONEST_A)).isEqualTo(1);
        assertThat(verdicts.disagreements()).isEmpty();
        assertThat(verdicts.distrusted()).isEmpty();
    }
}
