package org.gleaner.builder.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictCacheTest {
    private final List<String> judged = new ArrayList<>();
    private final VerdictCache<Integer> lengths = new VerdictCache<>(3, 8, key -> {
        judged.add(key);
        return key.length();
    });

    @Test
    void remembersAVerdictInsteadOfJudgingAgain() {
        assertThat(lengths.verdict("abc")).isEqualTo(3);
        assertThat(lengths.verdict("abc")).isEqualTo(3);
        assertThat(judged).containsExactly("abc");
    }

    @Test
    void keepsGivingRightVerdictsAndKeepsCachingPastItsBound() {
        for (int i = 0; i < 10; i++) {
            assertThat(lengths.verdict("k" + "x".repeat(i % 7))).isEqualTo(1 + i % 7);
            assertThat(lengths.size()).isBetween(1, 3);
        }
        judged.clear();
        assertThat(lengths.verdict("new")).isEqualTo(3);
        assertThat(lengths.verdict("new")).isEqualTo(3);
        assertThat(judged).as("still caches after filling up").containsExactly("new");
    }

    @Test
    void judgesButDoesNotRememberOverlongKeys() {
        assertThat(lengths.verdict("123456789")).isEqualTo(9);
        assertThat(lengths.verdict("123456789")).isEqualTo(9);
        assertThat(judged).containsExactly("123456789", "123456789");
        assertThat(lengths.size()).isZero();
    }

    @Test
    void refusesANonPositiveBound() {
        assertThatThrownBy(() -> new VerdictCache<Integer>(0, 8, String::length))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
