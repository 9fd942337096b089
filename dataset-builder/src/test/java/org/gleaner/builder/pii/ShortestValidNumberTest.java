package org.gleaner.builder.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.junit.jupiter.api.Test;

/**
 * The digit bound never exceeds the digits of a valid number as libphonenumber writes it: every example number
 * of every region and type, written nationally (read in its region) and internationally (read anywhere).
 */
class ShortestValidNumberTest {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    @Test
    void noExampleNumberHasFewerDigitsThanTheBound() {
        int fewestInternational = Integer.MAX_VALUE;
        int examples = 0;
        for (String region : UTIL.getSupportedRegions()) {
            int bound = ShortestValidNumber.digits(region);
            assertThat(bound).isPositive();
            for (PhoneNumberType type : UTIL.getSupportedTypesForRegion(region)) {
                PhoneNumber example = UTIL.getExampleNumberForType(region, type);
                if (example == null || !UTIL.isValidNumber(example)) {
                    continue;
                }
                examples++;
                assertThat(digits(UTIL.format(example, PhoneNumberFormat.NATIONAL)))
                        .as("%s %s", region, type).isGreaterThanOrEqualTo(bound);
                fewestInternational = Math.min(fewestInternational,
                        digits(UTIL.format(example, PhoneNumberFormat.INTERNATIONAL)));
            }
        }
        for (String region : UTIL.getSupportedRegions()) {
            assertThat(ShortestValidNumber.digits(region)).as(region).isLessThanOrEqualTo(fewestInternational);
        }
        assertThat(examples).isGreaterThan(1_000);
    }

    @Test
    void theBoundSkipsShortDigitRuns() {
        assertThat(ShortestValidNumber.digits("US")).isGreaterThanOrEqualTo(4);
    }

    private static int digits(String s) {
        return (int) s.chars().filter(Character::isDigit).count();
    }
}
