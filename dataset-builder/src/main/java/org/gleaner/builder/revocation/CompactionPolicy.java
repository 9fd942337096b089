package org.gleaner.builder.revocation;

import java.util.Map;
import org.gleaner.builder.manifest.DatasetManifest;
import org.gleaner.builder.pii.PiiPolicy;

/**
 * How compaction treats a row carrying a revoked grant, read from the signed manifest of the version it
 * compacts ({@code filters.privacy}): under {@link PiiPolicy#REDACT} the row is re-redacted, under
 * {@link PiiPolicy#DROP_DOCUMENT}, or when the manifest names no policy (versions built before the policy was
 * recorded), it is deleted. The purpose and phone region are the build's, so identifiers are found and decided
 * as the build did.
 */
record CompactionPolicy(PiiPolicy policy, String purpose, String phoneRegion) {
    static final CompactionPolicy DELETE_ROWS = new CompactionPolicy(PiiPolicy.DROP_DOCUMENT, null, null);

    static CompactionPolicy of(DatasetManifest manifest) {
        if (!(manifest.filters().get("privacy") instanceof Map<?, ?> privacy)
                || !(privacy.get("policy") instanceof String policy)
                || !(privacy.get("purpose") instanceof String purpose)
                || !(privacy.get("phone_region") instanceof String region)) {
            return DELETE_ROWS;
        }
        try {
            return new CompactionPolicy(PiiPolicy.valueOf(policy), purpose, region);
        } catch (IllegalArgumentException e) {
            return DELETE_ROWS;
        }
    }

    boolean redacts() {
        return policy == PiiPolicy.REDACT;
    }
}
