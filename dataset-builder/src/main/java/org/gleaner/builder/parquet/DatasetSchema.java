package org.gleaner.builder.parquet;

import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;
import org.gleaner.builder.pii.PiiKind;
import org.gleaner.builder.quality.QualitySignals;

/**
 * The Parquet schema of a dataset file, version 3 (v3: per-kind PII found/kept/redacted counts). Strings are {@code BINARY (STRING)} (UTF-8);
 * {@code fetched_at} is {@code INT64 TIMESTAMP(MILLIS, isAdjustedToUTC=true)}; {@code consent_grant_ids} is a
 * standard three-level {@code LIST} ({@code <name> (LIST) { repeated group list { element } }}), which DuckDB,
 * Spark, pyarrow and Hugging Face {@code datasets} all read as a list of strings. Nullable columns are
 * {@code optional}; the rest are {@code required}.
 */
public final class DatasetSchema {
    public static final String NAME = "gleaner_document";
    /** Key-value metadata in every file's footer naming this schema's version. */
    public static final String VERSION_KEY = "gleaner.schema";
    public static final String VERSION = "gleaner-document/v3";

    public static final String ID = "id";
    public static final String TEXT = "text";
    public static final String URL = "url";
    public static final String HOST = "host";
    public static final String TITLE = "title";
    public static final String LANGUAGE = "language";
    public static final String LANGUAGE_SCORE = "language_score";
    public static final String FETCHED_AT = "fetched_at";
    public static final String CONTENT_SHA256 = "content_sha256";
    public static final String TOKEN_COUNT = "token_count";
    /** Per identifier kind three counts: {@code pii_<kind>_found}, {@code _kept}, {@code _redacted}. */
    public static final String PII_PREFIX = "pii_";
    public static final String CONSENT_GRANT_IDS = "consent_grant_ids";
    public static final String LICENCE = "licence";
    public static final String NODE_ID = "node_id";
    public static final String LEASE_ID = "lease_id";
    public static final String RECEIPT_SIGNATURE = "receipt_signature";
    public static final String FINAL_URL = "final_url";
    public static final String HTTP_STATUS = "http_status";
    public static final String BODY_BYTES = "body_bytes";
    public static final String RECEIPT_NONCE = "receipt_nonce";
    /** The names of the quality rules the document fails under the build's thresholds (empty: passes all). */
    public static final String QUALITY_FLAGS = "quality_flags";
    /** Each quality signal is a column named with this prefix and the signal's name. */
    public static final String QUALITY_PREFIX = "q_";

    /** The repeated group and the element of the three-level list. */
    public static final String LIST = "list";
    public static final String ELEMENT = "element";

    public static final MessageType SCHEMA = build();

    private DatasetSchema() {
    }

    private static MessageType build() {
        LogicalTypeAnnotation string = LogicalTypeAnnotation.stringType();
        return Types.buildMessage()
                .required(BINARY).as(string).named(ID)
                .required(BINARY).as(string).named(TEXT)
                .required(BINARY).as(string).named(URL)
                .required(BINARY).as(string).named(HOST)
                .optional(BINARY).as(string).named(TITLE)
                .optional(BINARY).as(string).named(LANGUAGE)
                .optional(DOUBLE).named(LANGUAGE_SCORE)
                .required(INT64).as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS))
                        .named(FETCHED_AT)
                .required(BINARY).as(string).named(CONTENT_SHA256)
                .required(INT32).named(TOKEN_COUNT)
                .addFields(piiColumns())
                .requiredGroup().as(LogicalTypeAnnotation.listType())
                        .repeatedGroup()
                                .required(BINARY).as(string).named(ELEMENT)
                        .named(LIST)
                .named(CONSENT_GRANT_IDS)
                .optional(BINARY).as(string).named(LICENCE)
                .required(BINARY).as(string).named(NODE_ID)
                .required(BINARY).as(string).named(LEASE_ID)
                .required(BINARY).as(string).named(RECEIPT_SIGNATURE)
                .required(BINARY).as(string).named(FINAL_URL)
                .required(INT32).named(HTTP_STATUS)
                .required(INT64).named(BODY_BYTES)
                .required(BINARY).as(string).named(RECEIPT_NONCE)
                .requiredGroup().as(LogicalTypeAnnotation.listType())
                        .repeatedGroup()
                                .required(BINARY).as(string).named(ELEMENT)
                        .named(LIST)
                .named(QUALITY_FLAGS)
                .addFields(qualityColumns())
                .named(NAME);
    }

    /** The PII count column names, in schema order: for each {@link PiiKind}, found, kept, redacted. */
    public static List<String> piiColumnNames() {
        return Arrays.stream(PiiKind.values())
                .flatMap(k -> Stream.of("found", "kept", "redacted").map(c -> piiColumn(k, c)))
                .toList();
    }

    /** e.g. {@code pii_email_redacted}. */
    public static String piiColumn(PiiKind kind, String count) {
        return PII_PREFIX + kind.code() + "_" + count;
    }

    private static org.apache.parquet.schema.Type[] piiColumns() {
        return piiColumnNames().stream()
                .map(n -> Types.required(INT32).named(n))
                .toArray(org.apache.parquet.schema.Type[]::new);
    }

    private static org.apache.parquet.schema.Type[] qualityColumns() {
        return QualitySignals.NAMES.stream()
                .map(n -> Types.required(DOUBLE).named(QUALITY_PREFIX + n))
                .toArray(org.apache.parquet.schema.Type[]::new);
    }
}
