package org.gleaner.devnet.subjects;

import org.gleaner.devnet.site.DemoPerson;

/**
 * What one fictional person does on the ledger in the demo: whether they create a key, bind their e-mail
 * address (and a domain they run, when {@code domain} is not null), license {@code train-ai}, and revoke that
 * licence after the first dataset version.
 */
public record SubjectPlan(DemoPerson person, boolean registers, String domain, boolean grants, boolean revokesLater) {

    public static SubjectPlan grantsAndKeeps(DemoPerson p) {
        return new SubjectPlan(p, true, null, true, false);
    }

    public static SubjectPlan grantsThenRevokes(DemoPerson p) {
        return new SubjectPlan(p, true, null, true, true);
    }

    public static SubjectPlan bindsOnly(DemoPerson p) {
        return new SubjectPlan(p, true, null, false, false);
    }

    public static SubjectPlan staysAway(DemoPerson p) {
        return new SubjectPlan(p, false, null, false, false);
    }

    public SubjectPlan withDomain(String d) {
        return new SubjectPlan(person, registers, d, grants, revokesLater);
    }

    /**
     * The demo's cast: two keep a licence (one of them also proves the journal domain she edits), one revokes
     * midway, two bind without licensing, one never comes.
     */
    public static java.util.List<SubjectPlan> demo() {
        java.util.List<DemoPerson> all = DemoPerson.ALL;
        return java.util.List.of(grantsAndKeeps(all.get(0)).withDomain(org.gleaner.devnet.site.DemoJournal.ALL.get(0).host()),
                grantsThenRevokes(all.get(1)), bindsOnly(all.get(2)), grantsAndKeeps(all.get(3)), staysAway(all.get(4)),
                bindsOnly(all.get(5)));
    }
}
