package org.gleaner.devnet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gleaner.builder.parquet.DatasetSchema;
import org.gleaner.builder.parquet.ProjectedRows;
import org.gleaner.builder.pii.PiiKind;

/** Sums of the per-row personal-data counts (found, kept, redacted per kind), read back from a written Parquet file. */
record PiiTotals(Map<String, Long> totals) {
    static final List<PiiKind> SHOWN = List.of(PiiKind.EMAIL_ADDRESS, PiiKind.PHONE_NUMBER);

    long get(PiiKind kind, String count) {
        return totals.getOrDefault(DatasetSchema.piiColumn(kind, count), 0L);
    }

    static PiiTotals read(List<Path> files) throws IOException {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (Path file : files) {
            add(file, totals);
        }
        return new PiiTotals(Map.copyOf(totals));
    }

    private static void add(Path file, Map<String, Long> totals) throws IOException {
        List<String> columns = new ArrayList<>();
        for (PiiKind kind : SHOWN) {
            for (String count : List.of("found", "kept", "redacted")) {
                columns.add(DatasetSchema.piiColumn(kind, count));
            }
        }
        ProjectedRows.forEach(file, columns, row -> {
            for (int c = 0; c < columns.size(); c++) {
                long value = row.getFieldRepetitionCount(c) == 0 ? 0 : row.getInteger(c, 0);
                totals.merge(columns.get(c), value, Long::sum);
            }
        });
    }
}
