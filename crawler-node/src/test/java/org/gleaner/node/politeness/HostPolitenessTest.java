package org.gleaner.node.politeness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.gleaner.node.MutableClock;
import org.junit.jupiter.api.Test;

class HostPolitenessTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
    private final HostPoliteness politeness = new HostPoliteness(clock);

    @Test
    void anUnknownHostMayBeFetchedAtOnce() {
        assertThat(politeness.waitMillis("example.org")).isZero();
    }

    @Test
    void theDelayOutlivesTheHostsQueue() {
        politeness.started("example.org", 1000);
        politeness.answered("example.org", 200, "");
        // The lease ended and the host's queue is empty; a new lease for it a moment later must still wait.
        clock.advance(Duration.ofMillis(400));
        assertThat(politeness.waitMillis("EXAMPLE.org")).isEqualTo(600);
        clock.advance(Duration.ofMillis(600));
        assertThat(politeness.waitMillis("example.org")).isZero();
        assertThat(politeness.waitMillis("other.org")).isZero();
    }

    @Test
    void theDelayAlsoCountsFromTheEndOfASlowAnswer() {
        politeness.started("example.org", 1000);
        clock.advance(Duration.ofMillis(2500)); // a slow answer
        politeness.finished("example.org", 1000);
        assertThat(politeness.waitMillis("example.org")).isEqualTo(1000);
    }

    @Test
    void retryAfterInSecondsBacksTheHostOff() {
        politeness.started("example.org", 1000);
        politeness.answered("example.org", 429, "120");
        assertThat(politeness.waitMillis("example.org")).isEqualTo(120_000);
        assertThat(politeness.backedOffBeyond("example.org", clock.millis() + 60_000)).isTrue();
    }

    @Test
    void retryAfterAsAnHttpDateBacksTheHostOff() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(300).atZone(ZoneOffset.UTC));
        politeness.answered("example.org", 503, date);
        assertThat(politeness.waitMillis("example.org")).isEqualTo(300_000);
    }

    @Test
    void aHugeRetryAfterIsCappedAtAnHour() {
        politeness.answered("example.org", 429, "999999999");
        assertThat(politeness.waitMillis("example.org")).isEqualTo(3_600_000);
    }

    @Test
    void errorsWithinTheBudgetDoNotBackOffButMoreDoExponentially() {
        politeness.failed("example.org");
        politeness.answered("example.org", 500, "");
        assertThat(politeness.waitMillis("example.org")).isZero();
        politeness.failed("example.org");
        assertThat(politeness.waitMillis("example.org")).isEqualTo(30_000);
        clock.advance(Duration.ofSeconds(30));
        politeness.failed("example.org");
        assertThat(politeness.waitMillis("example.org")).isEqualTo(60_000);
    }

    @Test
    void aSuccessResetsTheErrorBudget() {
        politeness.failed("example.org");
        politeness.failed("example.org");
        politeness.answered("example.org", 200, "");
        politeness.failed("example.org");
        politeness.failed("example.org");
        assertThat(politeness.waitMillis("example.org")).isZero();
    }
}
