package org.gleaner.builder.pii;

/** The kinds of personal identifier the builder finds, each with its column prefix and its placeholder. */
public enum PiiKind {
    EMAIL_ADDRESS("email"),
    PHONE_NUMBER("phone"),
    IP_ADDRESS("ip"),
    SOCIAL_HANDLE("social");

    private final String code;

    PiiKind(String code) {
        this.code = code;
    }

    /** Short lower-case name: column names ({@code pii_<code>_found}) and commitment domain separation. */
    public String code() {
        return code;
    }

    /** What replaces an unlicensed identifier in the text, e.g. {@code <EMAIL_ADDRESS>}. */
    public String placeholder() {
        return "<" + name() + ">";
    }
}
