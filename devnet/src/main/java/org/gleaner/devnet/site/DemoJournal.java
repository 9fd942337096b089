package org.gleaner.devnet.site;

import java.util.List;

/**
 * One demo host: a small community journal under a reserved {@code .test} name (RFC 6761), written by some of
 * the fictional people. The devnet's nodes resolve these names to loopback themselves.
 */
public record DemoJournal(String host, String title, long seed, List<DemoPerson> writers) {
    public static final String DOMAIN = "gleaner.test";

    public static final List<DemoJournal> ALL = List.of(
            new DemoJournal("riverside." + DOMAIN, "Riverside Community Journal", 7, DemoPerson.ALL.subList(0, 2)),
            new DemoJournal("hillside." + DOMAIN, "Hillside Workshop Notes", 11, DemoPerson.ALL.subList(2, 4)),
            new DemoJournal("seaside." + DOMAIN, "Seaside Almanac", 13, DemoPerson.ALL.subList(4, 6)));
}
