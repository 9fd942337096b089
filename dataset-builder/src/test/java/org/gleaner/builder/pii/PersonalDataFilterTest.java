package org.gleaner.builder.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gleaner.builder.consent.ConsentLookup;
import org.junit.jupiter.api.Test;

class PersonalDataFilterTest {
    private static final ConsentLookup.Checkpoint CHECKPOINT = new ConsentLookup.Checkpoint(1, "00".repeat(32));
    private final HmacCommitmentMapperTestDouble commitments = new HmacCommitmentMapperTestDouble(new byte[] {1, 2, 3});
    private final GrantTableConsentLookup lookup = new GrantTableConsentLookup(CHECKPOINT);

    private PersonalDataFilter filter() {
        return new PersonalDataFilter(PrivacySettings.DEFAULTS.withConsent(new ConsentContext(lookup, commitments, CHECKPOINT)));
    }

    @Test
    void asksOncePerDistinctIdentifierAndMatchesItsNormalizedForm() {
        lookup.grant(commitments.commitmentHex(PiiKind.EMAIL_ADDRESS, "ada@example.org"), "train-ai", "g1");
        PersonalDataFilter filter = filter();
        int before = commitments.requests();
        PersonalDataFilter.Filtered out = filter.filter(List.of("ADA@Example.org and ada@example.ORG", "ada@example.org"));
        assertThat(out.texts()).containsExactly("ADA@Example.org and ada@example.ORG", "ada@example.org");
        assertThat(out.grantIds()).containsExactly("g1");
        assertThat(out.counts().kept(PiiKind.EMAIL_ADDRESS)).isEqualTo(3);
        assertThat(commitments.requests() - before).isEqualTo(1);
    }

    @Test
    void aLicenceForAnotherPurposeDoesNotCount() {
        lookup.grant(commitments.commitmentHex(PiiKind.PHONE_NUMBER, "+12025550143"), "search-index", "g2");
        PersonalDataFilter.Filtered out = filter().filter(List.of("call +1 202 555 0143"));
        assertThat(out.texts()).containsExactly("call <PHONE_NUMBER>");
        assertThat(out.grantIds()).isEmpty();
    }

    @Test
    void grantIdsPerRowAreBoundedAndTheRestIsRedacted() {
        StringBuilder text = new StringBuilder();
        int people = PersonalDataFilter.MAX_GRANT_IDS_PER_ROW + 5;
        for (int i = 0; i < people; i++) {
            String email = "p" + i + "@example.org";
            lookup.grant(commitments.commitmentHex(PiiKind.EMAIL_ADDRESS, email), "train-ai", "g-" + i);
            text.append(email).append(' ');
        }
        PersonalDataFilter.Filtered out = filter().filter(List.of(text.toString()));
        assertThat(out.grantIds()).hasSize(PersonalDataFilter.MAX_GRANT_IDS_PER_ROW);
        assertThat(out.counts().kept(PiiKind.EMAIL_ADDRESS)).isEqualTo(PersonalDataFilter.MAX_GRANT_IDS_PER_ROW);
        assertThat(out.counts().redacted(PiiKind.EMAIL_ADDRESS)).isEqualTo(5);
        assertThat(out.texts().get(0)).doesNotContain("p" + (people - 1) + "@");
    }
}
