package org.gleaner.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gleaner.coordinator.credit.CreditEvent;
import org.gleaner.protocol.codec.Bytes;
import org.junit.jupiter.api.Test;

class SpotCheckVerdictsTest {
    private static final String HONEST_A = "a".repeat(64);
    private static final String HONEST_B = "b".repeat(64);
    private static final String CHEAT = "c".repeat(64);

    @Test
    void theNodeInTheMinorityIsDistrustedAndTheMajorityCountsAsAgreeing() {
        SpotCheckVerdicts verdicts = SpotCheckVerdicts.of(List.of(
                CreditEvent.spotCheckAgreed(HONEST_A, "lease-u1", "u1", List.of(HONEST_B)),
                // the cheat checked B's page and disputed it; the arbiter A sided with B: the cheat is penalised
                CreditEvent.spotCheckDisputed(CHEAT, "lease-u2c", "u2", 10, Bytes.EMPTY, Bytes.EMPTY, HONEST_B),
                CreditEvent.spotCheckFailed(CHEAT, "lease-u2c", "u2", 10, List.of(HONEST_B, HONEST_A)),
                CreditEvent.spotCheckFailed(CHEAT, "lease-u3", "u3", 10, List.of(HONEST_A, HONEST_B)),
                CreditEvent.credited(HONEST_A, "lease-u5", "u5", 10)));

        assertThat(verdicts.failed(CHEAT)).isEqualTo(2);
        assertThat(verdicts.failed(HONEST_B)).isZero();
        assertThat(verdicts.passed(HONEST_A)).isEqualTo(1);
        assertThat(verdicts.agreements()).containsEntry(HONEST_A, 3L).containsEntry(HONEST_B, 3L).doesNotContainKey(CHEAT);
        assertThat(verdicts.disagreements()).containsOnlyKeys(CHEAT).containsEntry(CHEAT, 2L);
        assertThat(verdicts.distrusted()).containsExactly(CHEAT);
    }

    @Test
    void disputesAwaitingArbitrationAndUnjudgedChecksDistrustNobody() {
        SpotCheckVerdicts verdicts = SpotCheckVerdicts.of(List.of(
                CreditEvent.spotCheckDisputed(CHEAT, "lease-u1c", "u1", 10, Bytes.EMPTY, Bytes.EMPTY, HONEST_A),
                CreditEvent.spotCheckUnjudged(HONEST_A, "lease-u1", "u1",
                        org.gleaner.coordinator.credit.ReasonCode.SPOT_CHECK_NO_ARBITER, List.of(CHEAT))));
        assertThat(verdicts.distrusted()).isEmpty();
        assertThat(verdicts.disagreements()).isEmpty();
    }
}
