package org.gleaner.devnet.subjects;

import org.gleaner.devnet.site.DemoPerson;

/**
 * What one fictional person does on the ledger in the demo: whether they create a key, bind their e-mail
 * address, license {@code train-ai}, and revoke that licence after the first dataset version.
 */
public record SubjectPlan(DemoPerson person, boolean registers, boolean grants, boolean revokesLater) {

    public static SubjectPlan grantsAndKeeps(DemoPerson p) {
        return new SubjectPlan(p, true, true, false);
    }

    public static SubjectPlan grantsThenRevokes(DemoPerson p) {
        return new SubjectPlan(p, true, true, true);
    }

    public static SubjectPlan bindsOnly(DemoPerson p) {
        return new SubjectPlan(p, true, false, false);
    }

    public static SubjectPlan staysAway(DemoPerson p) {
        return new SubjectPlan(p, false, false, false);
    }

    /** The demo's cast: two keep a licence, one revokes midway, two bind without licensing, one never comes. */
    public static java.util.List<SubjectPlan> demo() {
        java.util.List<DemoPerson> all = DemoPerson.ALL;
        return java.util.List.of(grantsAndKeeps(all.get(0)), grantsThenRevokes(all.get(1)), bindsOnly(all.get(2)),
                grantsAndKeeps(all.get(3)), staysAway(all.get(4)), bindsOnly(all.get(5)));
    }
}
