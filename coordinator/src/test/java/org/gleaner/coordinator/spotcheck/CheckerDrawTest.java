package org.gleaner.coordinator.spotcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckerDrawTest {
    private static final long HOUR = 3_600_000;
    private final NodeRoster roster = new NodeRoster(HOUR);

    private void join(String node, String address, long atMillis) {
        roster.asked(node, address, atMillis);
        roster.granted(node, atMillis);
    }

    @Test
    void neverDrawsAPartyAReplacedNodeOrANodeInAPartysNetwork() {
        join("original", "198.51.100.7", 0);
        join("partner", "198.51.100.8", HOUR);
        join("replaced", "192.0.2.1", 2 * HOUR);
        join("honest", "203.0.113.1", 3 * HOUR);
        for (int seed = 0; seed < 50; seed++) {
            List<String> drawn = new CheckerDraw(roster, new Random(seed)).draw(roster.active(3 * HOUR), roster.recent(3 * HOUR),
                    List.of("original"), Set.of("replaced"), 2, true);
            assertThat(drawn).containsExactly("honest");
        }
    }

    @Test
    void prefersNodesOutsideThePartiesRegistrationBurstAndFallsBackToThemWhenNoOtherIsActive() {
        join("cheat", "198.51.100.7", 10 * HOUR);
        join("cheatsFriend", "192.0.2.1", 10 * HOUR + 1_000);
        join("veteran", "203.0.113.1", 0);
        roster.asked("veteran", "203.0.113.1", 10 * HOUR);
        for (int seed = 0; seed < 50; seed++) {
            assertThat(new CheckerDraw(roster, new Random(seed)).draw(roster.active(10 * HOUR), roster.recent(10 * HOUR), List.of("cheat"), Set.of(), 1, true))
                    .containsExactly("veteran");
        }
        List<String> activeNow = List.of("cheat", "cheatsFriend");
        assertThat(new CheckerDraw(roster, new Random(1)).draw(activeNow, roster.recent(10 * HOUR), List.of("cheat"), Set.of(), 1, false))
                .as("not while the veteran is around").isEmpty();
        assertThat(new CheckerDraw(roster, new Random(1)).draw(activeNow, roster.recent(10 * HOUR), List.of("cheat"), Set.of(), 1, true))
                .as("unless the check waited long enough").containsExactly("cheatsFriend");
        assertThat(new CheckerDraw(roster, new Random(1)).draw(activeNow, activeNow, List.of("cheat"), Set.of(), 1, false))
                .as("a network that started at once still gets checked").containsExactly("cheatsFriend");
    }

    @Test
    void twoDrawnArbitersAreIndependentOfEachOther() {
        join("original", "203.0.113.1", 0);
        join("checker", "192.0.2.1", HOUR);
        join("sameNetA", "198.51.100.7", 2 * HOUR);
        join("sameNetB", "198.51.100.8", 3 * HOUR);
        for (int seed = 0; seed < 50; seed++) {
            List<String> drawn = new CheckerDraw(roster, new Random(seed)).draw(roster.active(3 * HOUR), roster.recent(3 * HOUR),
                    List.of("original", "checker"), Set.of(), 2, true);
            assertThat(drawn).hasSize(1).first().isIn("sameNetA", "sameNetB");
        }
    }

    @Test
    void onlyNodesThatAskedWithinTheWindowAreActive() {
        join("recent", "203.0.113.1", 10 * HOUR);
        join("gone", "192.0.2.1", 0);
        assertThat(roster.active(10 * HOUR + 1)).containsExactly("recent");
    }
}
