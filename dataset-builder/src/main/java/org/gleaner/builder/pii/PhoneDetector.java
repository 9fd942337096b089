package org.gleaner.builder.pii;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Phone numbers by libphonenumber's matcher at {@link PhoneNumberUtil.Leniency#VALID}: only numbers valid
 * for their region, national ones read in {@code defaultRegion}. Normalized to E.164. The matcher runs only on
 * the {@link PhoneNumberWindows windows} of the text that can hold a number (enough digits close together, see
 * {@link ShortestValidNumber}), with the same results as on the whole text.
 */
public final class PhoneDetector implements PiiDetector {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private final String defaultRegion;
    private final int minDigits;

    /** @param defaultRegion an ISO 3166-1 alpha-2 region libphonenumber supports, e.g. {@code US}, {@code DE} */
    public PhoneDetector(String defaultRegion) {
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        if (!UTIL.getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalArgumentException("unsupported phone region: " + defaultRegion);
        }
        this.defaultRegion = defaultRegion;
        this.minDigits = ShortestValidNumber.digits(defaultRegion);
    }

    @Override
    public List<PiiSpan> find(String text) {
        List<PiiSpan> spans = new ArrayList<>();
        PhoneNumberWindows.forEach(text, minDigits, (start, end) -> {
            for (PhoneNumberMatch match : matches(text.substring(start, end))) {
                spans.add(span(match, start));
            }
        });
        return spans;
    }

    /** What libphonenumber finds in the whole text, without windows: the reference the windows must equal. */
    List<PiiSpan> findInWholeText(String text) {
        List<PiiSpan> spans = new ArrayList<>();
        for (PhoneNumberMatch match : matches(text)) {
            spans.add(span(match, 0));
        }
        return spans;
    }

    private Iterable<PhoneNumberMatch> matches(String text) {
        return UTIL.findNumbers(text, defaultRegion, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE);
    }

    private static PiiSpan span(PhoneNumberMatch match, int offset) {
        return new PiiSpan(PiiKind.PHONE_NUMBER, offset + match.start(), offset + match.end(),
                UTIL.format(match.number(), PhoneNumberUtil.PhoneNumberFormat.E164));
    }
}
