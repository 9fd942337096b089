package org.gleaner.coordinator.spotcheck;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Chooses who checks or arbitrates a URL, at random among the active nodes, so that neither asking first nor
 * asking often makes a node the checker of a partner. A candidate is never a party (a node that fetched the URL for
 * this check), a node replaced earlier in the check, or a node in a party's network group. Nodes first granted work in
 * a party's registration burst are drawn only when no node outside it was seen recently (a network that started at
 * once, like the devnet, must still be checked), or with {@code burstMatesToo}, which the caller gives once a check
 * has waited for anyone else for a while. Several nodes drawn together are independent of each other in the same way.
 */
public final class CheckerDraw {
    private final NodeRoster roster;
    private final Random random;

    public CheckerDraw(NodeRoster roster, Random random) {
        this.roster = roster;
        this.random = random;
    }

    /** Up to {@code count} independent nodes, or fewer (possibly none) if no more are eligible. */
    public List<String> draw(Collection<String> active, Collection<String> recent, Collection<String> parties, Set<String> excluded,
            int count, boolean burstMatesToo) {
        List<String> eligible = new ArrayList<>();
        for (String node : active) {
            if (eligible(node, parties, excluded)) {
                eligible.add(node);
            }
        }
        Collections.shuffle(eligible, random);
        List<String> chosen = new ArrayList<>();
        pick(eligible, parties, chosen, count, true);
        // Burst mates only if the check waited long enough, or nobody outside the burst was around (scanned only then).
        if (chosen.size() < count && (burstMatesToo
                || recent.stream().noneMatch(node -> eligible(node, parties, excluded) && !inBurstOf(node, parties)))) {
            pick(eligible, parties, chosen, count, false);
        }
        return chosen;
    }

    private void pick(List<String> shuffled, Collection<String> parties, List<String> chosen, int count, boolean avoidBursts) {
        for (String node : shuffled) {
            if (chosen.size() == count) {
                return;
            }
            if (chosen.contains(node) || chosen.stream().anyMatch(c -> roster.shareNetwork(c, node))) {
                continue;
            }
            if (avoidBursts && (inBurstOf(node, parties) || inBurstOf(node, chosen))) {
                continue;
            }
            chosen.add(node);
        }
    }

    private boolean eligible(String node, Collection<String> parties, Set<String> excluded) {
        return !parties.contains(node) && !excluded.contains(node) && parties.stream().noneMatch(p -> roster.shareNetwork(p, node));
    }

    private boolean inBurstOf(String node, Collection<String> others) {
        return others.stream().anyMatch(o -> roster.sameBurst(o, node));
    }
}
