package org.gleaner.builder.parquet;

import java.nio.file.Path;
import org.gleaner.builder.testing.TestPages;

/** Run in a child JVM by {@link CrashSafetyTest}: writes rows to a pending file, then dies without warning. */
public final class CrashingWriter {
    private CrashingWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]);
        PendingParquetFile file = new ParquetDatasetWriter(ParquetOptions.DEFAULTS.withRowGroupSizeBytes(16 * 1024)
                .withPageSizeBytes(4 * 1024)).open(target);
        for (int i = 0; i < rows; i++) {
            file.write(TestPages.row(i));
        }
        System.out.println("WRITTEN " + file.rowCount());
        System.out.flush();
        Runtime.getRuntime().halt(137);
    }
}
