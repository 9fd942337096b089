package org.gleaner.builder.manifest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.gleaner.builder.parquet.DatasetSchema;
import org.gleaner.builder.parquet.ProjectedRows;

/**
 * Figures read back from a published Parquet file: its row count from the footer and its rows per language
 * from the {@code language} column alone (a projection: no text is read). The card is computed from what was
 * written, not from the builder's counters.
 */
public final class ParquetFacts {
    private ParquetFacts() {
    }

    /** The footer's row count. */
    public static long rowCount(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getRecordCount();
        }
    }

    /** Rows per language code (null languages counted under {@code und}), sorted by code. */
    public static Map<String, Long> languages(Path file) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        ProjectedRows.forEach(file, List.of(DatasetSchema.LANGUAGE), row -> {
            String code = row.getFieldRepetitionCount(0) == 0 ? "und" : row.getString(0, 0);
            counts.merge(code, 1L, Long::sum);
        });
        return counts;
    }
}
