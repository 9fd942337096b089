package org.gleaner.coordinator.credit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A refused lease request carried on the credits topic (shared frontier) is a fraud signal, not a refused contribution. */
class CreditBookSignalTest {
    @Test
    void aManyKeysSignalOpensNoAccountAndCountsNoRefusal() {
        CreditBook book = new CreditBook();
        assertThat(book.apply(CreditEvent.refused("n1", "", "", ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS))).isTrue();
        assertThat(book.of("n1")).isEmpty();

        book.apply(CreditEvent.credited("n1", "l1", "http://a.example/", 10));
        book.apply(CreditEvent.refused("n1", "", "", ReasonCode.MANY_KEYS_FROM_ONE_ADDRESS));
        book.apply(CreditEvent.refused("n1", "l1", "http://a.example/x", ReasonCode.NO_LEASE));
        assertThat(book.of("n1")).hasValueSatisfying(n -> {
            assertThat(n.pages()).isEqualTo(1);
            assertThat(n.refusals()).containsOnlyKeys(ReasonCode.NO_LEASE);
        });
    }
}
