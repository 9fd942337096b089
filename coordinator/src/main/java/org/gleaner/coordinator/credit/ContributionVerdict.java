package org.gleaner.coordinator.credit;

import java.util.Optional;

/** The outcome of checking one delivered page: credited, or refused with a reason code. */
public record ContributionVerdict(boolean credited, Optional<ReasonCode> reason) {
    public static final ContributionVerdict CREDITED = new ContributionVerdict(true, Optional.empty());

    public static ContributionVerdict refused(ReasonCode reason) {
        return new ContributionVerdict(false, Optional.of(reason));
    }
}
