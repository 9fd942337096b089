package org.gleaner.builder.parquet;

import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.gleaner.builder.pii.PiiKind;
import org.gleaner.builder.quality.QualitySignals;
import org.gleaner.builder.row.DatasetRow;

/**
 * Writes {@link DatasetRow}s in {@link DatasetSchema#SCHEMA} straight to Parquet's record consumer. The names and
 * indexes of the per-kind and per-signal columns are computed once, not per row: this runs on the build thread,
 * which every row passes through.
 */
final class DatasetRowWriteSupport extends WriteSupport<DatasetRow> {
    private static final PiiKind[] PII_KINDS = PiiKind.values();
    private static final String[] PII_COUNTS = {"found", "kept", "redacted"};
    /** {@code [kind][found, kept, redacted]} */
    private static final String[][] PII_COLUMNS = new String[PII_KINDS.length][PII_COUNTS.length];
    private static final String[] QUALITY_COLUMNS = new String[QualitySignals.NAMES.size()];

    static {
        for (PiiKind kind : PII_KINDS) {
            for (int c = 0; c < PII_COUNTS.length; c++) {
                PII_COLUMNS[kind.ordinal()][c] = DatasetSchema.piiColumn(kind, PII_COUNTS[c]);
            }
        }
        for (int i = 0; i < QUALITY_COLUMNS.length; i++) {
            QUALITY_COLUMNS[i] = DatasetSchema.QUALITY_PREFIX + QualitySignals.NAMES.get(i);
        }
    }

    private RecordConsumer out;

    // Parquet deprecates the Hadoop Configuration variant but keeps it abstract; the schema needs no configuration.
    @Override
    @SuppressWarnings("deprecation")
    public WriteContext init(Configuration configuration) {
        return new WriteContext(DatasetSchema.SCHEMA, Map.of(DatasetSchema.VERSION_KEY, DatasetSchema.VERSION));
    }

    @Override
    public String getName() {
        return "gleaner";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(DatasetRow row) {
        out.startMessage();
        string(DatasetSchema.ID, row.id());
        string(DatasetSchema.TEXT, row.text());
        string(DatasetSchema.URL, row.url());
        string(DatasetSchema.HOST, row.host());
        string(DatasetSchema.TITLE, row.title());
        string(DatasetSchema.LANGUAGE, row.language());
        if (row.languageScore() != null) {
            int index = index(DatasetSchema.LANGUAGE_SCORE);
            out.startField(DatasetSchema.LANGUAGE_SCORE, index);
            out.addDouble(row.languageScore());
            out.endField(DatasetSchema.LANGUAGE_SCORE, index);
        }
        int64(DatasetSchema.FETCHED_AT, row.fetchedAt().toEpochMilli());
        string(DatasetSchema.CONTENT_SHA256, row.contentSha256());
        int32(DatasetSchema.TOKEN_COUNT, row.tokenCount());
        for (PiiKind kind : PII_KINDS) {
            String[] columns = PII_COLUMNS[kind.ordinal()];
            int32(columns[0], row.pii().found(kind));
            int32(columns[1], row.pii().kept(kind));
            int32(columns[2], row.pii().redacted(kind));
        }
        stringList(DatasetSchema.CONSENT_GRANT_IDS, row.consentGrantIds());
        string(DatasetSchema.LICENCE, row.licence());
        string(DatasetSchema.NODE_ID, row.nodeId());
        string(DatasetSchema.LEASE_ID, row.leaseId());
        string(DatasetSchema.RECEIPT_SIGNATURE, row.receiptSignature());
        string(DatasetSchema.FINAL_URL, row.finalUrl());
        int32(DatasetSchema.HTTP_STATUS, row.httpStatus());
        int64(DatasetSchema.BODY_BYTES, row.bodyBytes());
        string(DatasetSchema.RECEIPT_NONCE, row.receiptNonce());
        stringList(DatasetSchema.QUALITY_FLAGS, row.qualityFlags());
        for (int i = 0; i < QUALITY_COLUMNS.length; i++) {
            String name = QUALITY_COLUMNS[i];
            int index = index(name);
            out.startField(name, index);
            out.addDouble(row.quality().get(i));
            out.endField(name, index);
        }
        out.endMessage();
    }

    private static int index(String field) {
        return DatasetSchema.SCHEMA.getFieldIndex(field);
    }

    /** Writes a string field; a null value writes nothing, which makes an optional field null. */
    private void string(String name, String value) {
        if (value == null) {
            return;
        }
        int index = index(name);
        out.startField(name, index);
        out.addBinary(Binary.fromString(value));
        out.endField(name, index);
    }

    private void int32(String name, int value) {
        int index = index(name);
        out.startField(name, index);
        out.addInteger(value);
        out.endField(name, index);
    }

    private void int64(String name, long value) {
        int index = index(name);
        out.startField(name, index);
        out.addLong(value);
        out.endField(name, index);
    }

    /** A present list: the LIST group always, the repeated {@code list} group once per element. */
    private void stringList(String name, List<String> values) {
        int index = index(name);
        out.startField(name, index);
        out.startGroup();
        if (!values.isEmpty()) {
            out.startField(DatasetSchema.LIST, 0);
            for (String v : values) {
                out.startGroup();
                out.startField(DatasetSchema.ELEMENT, 0);
                out.addBinary(Binary.fromString(v));
                out.endField(DatasetSchema.ELEMENT, 0);
                out.endGroup();
            }
            out.endField(DatasetSchema.LIST, 0);
        }
        out.endGroup();
        out.endField(name, index);
    }
}
