package org.gleaner.ledger.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;
import org.gleaner.protocol.ledger.IdentifierKind;

/**
 * Brings an identifier to its canonical form, so that every spelling of one identifier gets one commitment:
 * domains lowercased and converted to IDNA ASCII (a trailing dot dropped), email addresses lowercased with
 * an IDNA domain, phone numbers in E.164 through libphonenumber (a number without a leading {@code +} is
 * read in {@code defaultRegion}), social handles as {@code <network>:<handle>} ({@link SocialHandles}).
 */
public final class IdentifierNormalizer {
    private static final int MAX_INPUT = 320;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern LOCAL_PART = Pattern.compile("[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~.-]{1,64}");

    private final String defaultRegion;

    public IdentifierNormalizer(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    public NormalizedIdentifier normalize(IdentifierKind kind, String raw) throws InvalidIdentifierException {
        if (raw == null || raw.isBlank()) {
            throw new InvalidIdentifierException(kind.label() + " is empty");
        }
        if (raw.length() > MAX_INPUT) {
            throw new InvalidIdentifierException(kind.label() + " is longer than " + MAX_INPUT + " characters");
        }
        String trimmed = raw.strip();
        return new NormalizedIdentifier(kind, switch (kind) {
            case DOMAIN -> domain(trimmed);
            case EMAIL -> email(trimmed);
            case PHONE -> phone(trimmed);
            case SOCIAL -> SocialHandles.normalize(trimmed);
        });
    }

    static String domain(String raw) throws InvalidIdentifierException {
        String name = raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
        String ascii;
        try {
            ascii = IDN.toASCII(name.toLowerCase(Locale.ROOT), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidIdentifierException("domain is not a valid internationalized domain name");
        }
        String[] labels = ascii.split("\\.", -1);
        if (ascii.length() > 253 || labels.length < 2) {
            throw new InvalidIdentifierException("domain must have at least two labels and at most 253 characters");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new InvalidIdentifierException("domain has an invalid label");
            }
        }
        return ascii;
    }

    static String email(String raw) throws InvalidIdentifierException {
        int at = raw.lastIndexOf('@');
        if (at <= 0 || at == raw.length() - 1) {
            throw new InvalidIdentifierException("email address must be local-part@domain");
        }
        String local = raw.substring(0, at).toLowerCase(Locale.ROOT);
        if (!LOCAL_PART.matcher(local).matches() || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new InvalidIdentifierException("email address has an invalid local part");
        }
        return local + "@" + domain(raw.substring(at + 1));
    }

    String phone(String raw) throws InvalidIdentifierException {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            PhoneNumber number = util.parse(raw, raw.startsWith("+") ? "ZZ" : defaultRegion);
            if (!util.isValidNumber(number)) {
                throw new InvalidIdentifierException("phone number is not a valid number");
            }
            return util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new InvalidIdentifierException("phone number does not parse: " + e.getErrorType());
        }
    }
}
