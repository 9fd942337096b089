package org.gleaner.builder.text;

/** How many e-mail addresses and phone-like numbers a text contains. */
public record PiiCounts(int emails, int phones) {
    public static final PiiCounts NONE = new PiiCounts(0, 0);
}
