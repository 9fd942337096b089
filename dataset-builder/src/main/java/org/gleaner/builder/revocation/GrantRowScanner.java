package org.gleaner.builder.revocation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.parquet.example.data.Group;
import org.gleaner.builder.parquet.DatasetSchema;
import org.gleaner.builder.parquet.ProjectedRows;

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
        ProjectedRows.forEach(file, List.of(DatasetSchema.ID, DatasetSchema.CONSENT_GRANT_IDS), row -> {
            Group list = row.getGroup(DatasetSchema.CONSENT_GRANT_IDS, 0);
            int n = list.getFieldRepetitionCount(DatasetSchema.LIST);
            for (int g = 0; g < n; g++) {
                if (grants.contains(list.getGroup(DatasetSchema.LIST, g).getString(DatasetSchema.ELEMENT, 0))) {
                    ids.add(row.getString(DatasetSchema.ID, 0));
                    break;
                }
            }
        });
        return ids;
    }
}
