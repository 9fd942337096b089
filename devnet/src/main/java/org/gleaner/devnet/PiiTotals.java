package org.gleaner.devnet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.gleaner.builder.parquet.DatasetSchema;
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
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            List<Type> columns = new ArrayList<>();
            for (PiiKind kind : SHOWN) {
                for (String count : List.of("found", "kept", "redacted")) {
                    columns.add(schema.getType(DatasetSchema.piiColumn(kind, count)));
                }
            }
            MessageType projection = new MessageType(schema.getName(), columns);
            reader.setRequestedSchema(projection);
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(projection)
                        .getRecordReader(rowGroup, new GroupRecordConverter(projection));
                for (long i = 0; i < rowGroup.getRowCount(); i++) {
                    Group row = records.read();
                    for (int c = 0; c < columns.size(); c++) {
                        long value = row.getFieldRepetitionCount(c) == 0 ? 0 : row.getInteger(c, 0);
                        totals.merge(columns.get(c).getName(), value, Long::sum);
                    }
                }
            }
        }
    }
}
