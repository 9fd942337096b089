package org.gleaner.builder.revocation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.gleaner.builder.parquet.DatasetSchema;

/**
 * Finds the rows of a published data file that carry any of a set of grant ids, reading only the {@code id} and
 * {@code consent_grant_ids} columns (a projection: no text is read).
 */
public final class GrantRowScanner {
    private GrantRowScanner() {
    }

    /** The ids (sorted) of rows in {@code file} whose {@code consent_grant_ids} meet {@code grants}. */
    public static TreeSet<String> rowsCarrying(Path file, Set<String> grants) throws IOException {
        TreeSet<String> ids = new TreeSet<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            MessageType projection = new MessageType(schema.getName(), schema.getType(DatasetSchema.ID),
                    schema.getType(DatasetSchema.CONSENT_GRANT_IDS));
            reader.setRequestedSchema(projection);
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(projection)
                        .getRecordReader(rowGroup, new GroupRecordConverter(projection));
                for (long i = 0; i < rowGroup.getRowCount(); i++) {
                    Group row = records.read();
                    Group list = row.getGroup(DatasetSchema.CONSENT_GRANT_IDS, 0);
                    int n = list.getFieldRepetitionCount(DatasetSchema.LIST);
                    for (int g = 0; g < n; g++) {
                        if (grants.contains(list.getGroup(DatasetSchema.LIST, g).getString(DatasetSchema.ELEMENT, 0))) {
                            ids.add(row.getString(DatasetSchema.ID, 0));
                            break;
                        }
                    }
                }
            }
        }
        return ids;
    }
}
