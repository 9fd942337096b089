package org.gleaner.builder.pii;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The build's personal-data and AI-signal settings.
 *
 * @param purpose     the dataset's purpose as named in consent grants, e.g. {@code train-ai}; the AI-use site
 *                    signals apply to {@code train-ai} and {@code train-genai}
 * @param policy      what to do with unlicensed identifiers
 * @param phoneRegion the region national phone numbers are read in (ISO 3166-1 alpha-2)
 * @param consent     where consent answers come from; null: none configured, every identifier is unlicensed
 */
public record PrivacySettings(String purpose, PiiPolicy policy, String phoneRegion, ConsentContext consent) {
    private static final Pattern PURPOSE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public static final PrivacySettings DEFAULTS = new PrivacySettings("train-ai", PiiPolicy.REDACT, "US", null);

    public PrivacySettings {
        if (purpose == null || !PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("purpose must match " + PURPOSE + ": " + purpose);
        }
        Objects.requireNonNull(policy, "policy");
        new PhoneDetector(phoneRegion); // validates the region
    }

    public PrivacySettings withConsent(ConsentContext context) {
        return new PrivacySettings(purpose, policy, phoneRegion, context);
    }

    public PrivacySettings withPolicy(PiiPolicy p) {
        return new PrivacySettings(purpose, p, phoneRegion, consent);
    }

    public PrivacySettings withPurpose(String p) {
        return new PrivacySettings(p, policy, phoneRegion, consent);
    }

    public PrivacySettings withPhoneRegion(String region) {
        return new PrivacySettings(purpose, policy, region, consent);
    }
}
