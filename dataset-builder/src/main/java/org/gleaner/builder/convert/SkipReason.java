package org.gleaner.builder.convert;

/** Why a record on the pages topic did not become a dataset row. */
public enum SkipReason {
    /** The record's value does not decode as a {@code FetchedPage} (logged with its partition and offset). */
    MALFORMED_RECORD,
    /** The receipt's signature does not verify under the node key it names (checked only when configured). */
    BAD_SIGNATURE,
    /** The body's SHA-256 is not the one the node's receipt signs. */
    BODY_HASH_MISMATCH,
    /** The fetch's HTTP status is outside 200-299. */
    NON_2XX_STATUS,
    /** The content type is neither {@code text/html} nor {@code application/xhtml+xml}. */
    NOT_HTML,
    /** The receipt's URL is not an absolute http(s) URL. */
    INVALID_URL,
    /** The extractor could not parse the body. */
    EXTRACTION_FAILED,
    /** The extracted text is empty. */
    EMPTY_TEXT,
    /** AI-training purpose and {@code X-Robots-Tag: noai}. */
    AI_SIGNAL_X_ROBOTS_NOAI,
    /** AI-training purpose and a {@code Content-Usage} refusal (e.g. {@code train-ai=n}). */
    AI_SIGNAL_CONTENT_USAGE,
    /** AI-training purpose and TDMRep {@code tdm-reservation: 1}. */
    AI_SIGNAL_TDM_RESERVATION,
    /** AI-training purpose and robots.txt disallows the site to us or to a well-known AI agent. */
    AI_SIGNAL_ROBOTS,
    /** Policy {@code DROP_DOCUMENT} and the text has an identifier no grant licenses for the purpose. */
    UNLICENSED_PERSONAL_DATA,
    /** Quality action {@code DROP} and the text fails a rule of the build's quality policy (counted per rule). */
    LOW_QUALITY,
    /** An earlier record in this build already gave a row for the same normalized URL. */
    DUPLICATE_URL,
    /** An earlier row of this build has the same text after normalization (case, punctuation, spacing). */
    EXACT_DUPLICATE,
    /** An earlier row of this build is a near duplicate by MinHash LSH (5-word shingles, 14 bands of 8). */
    NEAR_DUPLICATE
}
