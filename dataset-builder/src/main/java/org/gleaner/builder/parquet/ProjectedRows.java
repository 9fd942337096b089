package org.gleaner.builder.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads a few columns of every row of a dataset file, in file order, without decoding the others (the text column
 * is most of a file). In each row handed on, the fields are numbered in the order {@code columns} names them.
 */
public final class ProjectedRows {
    private ProjectedRows() {
    }

    public static void forEach(Path file, List<String> columns, Consumer<Group> action) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            List<Type> types = columns.stream().map(schema::getType).toList();
            MessageType projection = new MessageType(schema.getName(), types);
            reader.setRequestedSchema(projection);
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(projection)
                        .getRecordReader(rowGroup, new GroupRecordConverter(projection));
                for (long i = 0; i < rowGroup.getRowCount(); i++) {
                    action.accept(records.read());
                }
            }
        }
    }
}
