package org.gleaner.builder.quality;

/** What a build does with a document that fails a quality rule. */
public enum QualityAction {
    /** Keep the row; the failed rules go to its {@code quality_flags} column, so labs can filter themselves. */
    FLAG,
    /** Leave the document out; it is counted under {@code LOW_QUALITY} and under each rule it failed. */
    DROP
}
