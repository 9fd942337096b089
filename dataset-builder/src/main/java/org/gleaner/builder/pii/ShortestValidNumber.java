package org.gleaner.builder.pii;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;

/**
 * The fewest decimal digits a piece of text can hold for libphonenumber to read a valid number from it with a
 * default region, computed from libphonenumber's own metadata, so that text with fewer digits need not be
 * offered to its matcher at all.
 *
 * <p>A valid number's national significant number has one of the possible lengths of its region (when the region
 * lists them; otherwise no bound is taken). The parser builds it from the text's digits: it removes country
 * codes, international and national prefixes, carrier codes and extensions, which only shorten it, and may apply
 * one national-prefix transform rule, which can add at most the rule's literal characters (such as {@code 1481}
 * in {@code 1481$1}). Which rule applies: the default region's for a number read nationally; the main region's of
 * the country code for a number with a country code (the code's digits are then in the text too). The region the
 * number is valid in shares that country code. Letters are turned into digits only when the text holds three ASCII
 * letters or more; the windows that do are always offered ({@link PhoneNumberWindows}).
 */
final class ShortestValidNumber {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final MetadataSource METADATA =
            DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
    private static final int INTERNATIONAL = internationalBound();

    private ShortestValidNumber() {}

    /** At least 1: the fewest digits of text holding a number valid when read with {@code defaultRegion}. */
    static int digits(String defaultRegion) {
        int countryCode = UTIL.getCountryCodeForRegion(defaultRegion);
        int national = shortestInGroup(countryCode) - transformGrowth(METADATA.getMetadataForRegion(defaultRegion));
        return Math.max(1, Math.min(national, INTERNATIONAL));
    }

    private static int internationalBound() {
        int bound = Integer.MAX_VALUE;
        for (int countryCode : UTIL.getSupportedCallingCodes()) {
            PhoneMetadata main = metadata(countryCode, UTIL.getRegionCodeForCountryCode(countryCode));
            bound = Math.min(bound, String.valueOf(countryCode).length() + shortestInGroup(countryCode)
                    - transformGrowth(main));
        }
        return bound;
    }

    /** The shortest possible length of a national number in any region of the country code (1 if one lists none). */
    private static int shortestInGroup(int countryCode) {
        int shortest = Integer.MAX_VALUE;
        for (String region : UTIL.getRegionCodesForCountryCode(countryCode)) {
            PhoneMetadata m = metadata(countryCode, region);
            shortest = Math.min(shortest, m == null ? 1 : m.getGeneralDesc().getPossibleLengthList().stream()
                    .mapToInt(Integer::intValue).min().orElse(1));
        }
        return shortest == Integer.MAX_VALUE ? 1 : shortest;
    }

    /** The most characters a region's national-prefix transform rule can add: its characters other than {@code $n}. */
    private static int transformGrowth(PhoneMetadata m) {
        return m == null ? 0 : m.getNationalPrefixTransformRule().replaceAll("\\$\\d", "").length();
    }

    private static PhoneMetadata metadata(int countryCode, String region) {
        return PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(region)
                ? METADATA.getMetadataForNonGeographicalRegion(countryCode)
                : METADATA.getMetadataForRegion(region);
    }
}
