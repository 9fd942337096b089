package org.gleaner.builder.pii;

/** What happens to a document with an identifier nobody licensed for the dataset's purpose. */
public enum PiiPolicy {
    /** Replace each unlicensed identifier by its kind's placeholder, e.g. {@code <EMAIL_ADDRESS>}. */
    REDACT,
    /** Leave the whole document out ({@code SkipReason.UNLICENSED_PERSONAL_DATA}). */
    DROP_DOCUMENT
}
